package org.hicsim.core0;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointServer;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sandbox.SandboxState;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemCallsServiceCallTest
{
    private static final long MEMORY_BYTES = 64 * 1024;
    private static final int ECHO = 1;
    /** Far outside every sandbox's memory: touching it is a page fault. */
    private static final long UNMAPPED = 0x7000_0000L;

    private final Kernel kernel = new Kernel(KernelConfig.withSeed(29), TraceSink.NONE);
    private final CapabilitySystem caps = kernel.capabilities();
    private final Message request = new Message();
    private final Message reply = new Message();

    private int sandbox(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, MEMORY_BYTES, 10));
        kernel.sandboxes().start(id);
        return id;
    }

    /**
     * An ACTIVE endpoint owned by {@code owner}, registered as {@code cap://SERVICE/vVERSION/api} and served by
     * {@code server}.
     *
     * @return the endpoint id.
     */
    private int served(final int owner, final String service, final String version, final EndpointServer server)
    {
        final int endpoint = kernel.endpoints().create(service + "-" + version, owner, EndpointType.GENERIC, 4096, 0);
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        kernel.registry().register(ServiceName.parse("cap://" + service + "/v" + version + "/api"), endpoint);
        kernel.serve(endpoint, server);
        return endpoint;
    }

    private long callCapability(final int client, final int endpoint, final int rights)
    {
        final ServiceName name = kernel.registry().nameOf(endpoint);
        final int serviceId = kernel.registry().serviceId(name.serviceInterface());
        return caps.issue(CapabilitySystem.CORE0, client, ObjectKind.SERVICE_ENDPOINT, serviceId, rights, 0);
    }

    /** Answers with its own sandbox id in argument 0 and the request's argument 0 plus one in argument 1. */
    private static EndpointServer answeringAs(final int serverId)
    {
        return (caller, in, out) ->
        {
            out.operation(in.operation()).argument(0, serverId).argument(1, in.argument(0) + 1);
            return Rendezvous.SERVED;
        };
    }

    @Test
    void shouldReturnTheServersReply()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final long service = callCapability(client, served(server, "echo", "1.0.0", answeringAs(server)), Rights.CALL);

        final int result = kernel.systemCalls(client).call(service, request.operation(ECHO).argument(0, 41), reply);

        assertEquals(SystemCalls.OK, result);
        assertEquals(ECHO, reply.operation());
        assertEquals(server, reply.argument(0));
        assertEquals(42, reply.argument(1));
    }

    @Test
    void shouldReachTheNewDefaultOnTheVeryNextCallAfterASwitch()
    {
        final int client = sandbox("client");
        final int oldServer = sandbox("netstack-v1.2.0");
        final int newServer = sandbox("netstack-v1.3.0");
        final long service = callCapability(
            client, served(oldServer, "netstack", "1.2.0", answeringAs(oldServer)), Rights.CALL);
        served(newServer, "netstack", "1.3.0", answeringAs(newServer));
        final SystemCalls calls = kernel.systemCalls(client);

        calls.call(service, request, reply);
        assertEquals(oldServer, reply.argument(0));

        kernel.registry().switchDefault("netstack", "api", new SemanticVersion(1, 3, 0));
        calls.call(service, request, reply);
        assertEquals(newServer, reply.argument(0));
    }

    @Test
    void shouldRefuseACallWithoutTheCallRight()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final long readOnly = callCapability(client, served(server, "echo", "1.0.0", answeringAs(server)), Rights.READ);

        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), kernel.systemCalls(client).call(readOnly, request, reply));
    }

    @Test
    void shouldRefuseAForgedServiceHandle()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final int endpoint = served(server, "echo", "1.0.0", answeringAs(server));
        final long forged = callCapability(client, endpoint, Rights.CALL) ^ 1L << 40;

        assertEquals(CapError.INVALID_HANDLE.code(), kernel.systemCalls(client).call(forged, request, reply));
        assertEquals(0, kernel.endpoints().get(endpoint).rendezvous().callCount());
    }

    @Test
    void shouldAnswerNoEndpointOnceTheServersSandboxDied()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final long service = callCapability(client, served(server, "echo", "1.0.0", answeringAs(server)), Rights.CALL);

        kernel.sandboxes().kill(server, "crash");

        assertEquals(SystemCalls.IPC_NO_ENDPOINT, kernel.systemCalls(client).call(service, request, reply));
    }

    @Test
    void shouldRefuseAnEndpointThatIsNotAccepting()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final int endpoint = served(server, "echo", "1.0.0", answeringAs(server));
        final long service = callCapability(client, endpoint, Rights.CALL);

        kernel.endpoints().moveTo(endpoint, EndpointState.STOPPING);

        assertEquals(SystemCalls.IPC_NOT_ACCEPTING, kernel.systemCalls(client).call(service, request, reply));
    }

    @Test
    void shouldRefuseAnEndpointThatNobodyServes()
    {
        final int client = sandbox("client");
        final int endpoint = kernel.endpoints().create("quiet", sandbox("server"), EndpointType.GENERIC, 4096, 0);
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        final int serviceId = kernel.registry().register(ServiceName.parse("cap://quiet/v1.0.0/api"), endpoint);
        final long service = caps.issue(CapabilitySystem.CORE0, client, ObjectKind.SERVICE_ENDPOINT, serviceId, Rights.CALL, 0);

        assertEquals(SystemCalls.IPC_NO_SERVER, kernel.systemCalls(client).call(service, request, reply));
    }

    @Test
    void shouldEndACycleOfCallsAtTheDepthLimit()
    {
        final int a = sandbox("a");
        final int b = sandbox("b");
        final long[] handleOf = new long[2];
        final List<Integer> innerResults = new ArrayList<>();
        final EndpointServer callOnA = (caller, in, out) ->
        {
            innerResults.add(kernel.systemCalls(b).call(handleOf[0], in, out));
            return Rendezvous.SERVED;
        };
        final EndpointServer callOnB = (caller, in, out) ->
        {
            innerResults.add(kernel.systemCalls(a).call(handleOf[1], in, out));
            return Rendezvous.SERVED;
        };
        final int endpointA = served(a, "a", "1.0.0", callOnB);
        final int endpointB = served(b, "b", "1.0.0", callOnA);
        handleOf[0] = callCapability(b, endpointA, Rights.CALL);
        handleOf[1] = callCapability(a, endpointB, Rights.CALL);

        assertEquals(SystemCalls.OK, kernel.systemCalls(a).call(handleOf[1], request, reply));

        assertEquals(Rendezvous.DEPTH_MAX, innerResults.size());
        assertEquals(SystemCalls.IPC_CALL_DEPTH_EXCEEDED, innerResults.get(0));
        assertEquals(SystemCalls.OK, innerResults.get(Rendezvous.DEPTH_MAX - 1));
    }

    @Test
    void shouldGiveTheServerCopiesNotTheCallersMessages()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final List<Message> seen = new ArrayList<>();
        final EndpointServer scribbler = (caller, in, out) ->
        {
            seen.add(in);
            seen.add(out);
            in.argument(0, -1).operation(0);
            out.status(Status.OK).argument(2, in.argument(0));
            return Rendezvous.SERVED;
        };
        final long service = callCapability(client, served(server, "echo", "1.0.0", scribbler), Rights.CALL);

        kernel.systemCalls(client).call(service, request.operation(ECHO).argument(0, 7), reply);

        assertNotSame(request, seen.get(0));
        assertNotSame(reply, seen.get(1));
        assertEquals(ECHO, request.operation());
        assertEquals(7, request.argument(0));
        assertEquals(-1, reply.argument(2));
        seen.get(1).argument(2, 99);
        assertEquals(-1, reply.argument(2));
    }

    @Test
    void shouldReportAServerThatDiesServingAsFailedAndKeepTheCaller()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final EndpointServer faulting = (caller, in, out) ->
        {
            kernel.systemCalls(server).loadLong(UNMAPPED);
            return Rendezvous.SERVED;
        };
        final long service = callCapability(client, served(server, "echo", "1.0.0", faulting), Rights.CALL);

        assertEquals(SystemCalls.IPC_SERVER_FAILED, kernel.systemCalls(client).call(service, request, reply));
        assertEquals(SandboxState.TERMINATED, kernel.sandboxes().get(server).state());
        assertEquals(SandboxState.RUNNING, kernel.sandboxes().get(client).state());
    }

    @Test
    void shouldReportAServerThatCannotAnswerAsFailed()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final long service = callCapability(client, served(server, "echo", "1.0.0", (caller, in, out) -> -1), Rights.CALL);

        assertEquals(SystemCalls.IPC_SERVER_FAILED, kernel.systemCalls(client).call(service, request, reply));
    }

    @Test
    void shouldUnwindACallerThatDiedWhileItsCallWasServed()
    {
        final int a = sandbox("a");
        final int b = sandbox("b");
        final long[] handleOnA = new long[1];
        final int endpointA = served(a, "a", "1.0.0", (caller, in, out) ->
        {
            kernel.systemCalls(a).loadLong(UNMAPPED);
            return Rendezvous.SERVED;
        });
        final int endpointB = served(b, "b", "1.0.0", (caller, in, out) ->
        {
            kernel.systemCalls(b).call(handleOnA[0], in, out);
            return Rendezvous.SERVED;
        });
        handleOnA[0] = callCapability(b, endpointA, Rights.CALL);
        final long serviceB = callCapability(a, endpointB, Rights.CALL);
        final SystemCalls callsOfA = kernel.systemCalls(a);

        assertThrows(SandboxTerminatedException.class, () -> callsOfA.call(serviceB, request, reply));
        assertEquals(SandboxState.RUNNING, kernel.sandboxes().get(b).state());
    }

    @Test
    void shouldCountTheCallsThatReachedAnEndpoint()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final int endpoint = served(server, "echo", "1.0.0", answeringAs(server));
        final long service = callCapability(client, endpoint, Rights.CALL);
        final SystemCalls calls = kernel.systemCalls(client);

        calls.call(service, request, reply);
        calls.call(service, request, reply);

        assertEquals(2, kernel.endpoints().get(endpoint).rendezvous().callCount());
    }

    @Test
    void shouldNotAllocateOnAWarmCall()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final long service = callCapability(client, served(server, "echo", "1.0.0", answeringAs(server)), Rights.CALL);
        final SystemCalls calls = kernel.systemCalls(client);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int rounds = 20_000;

        callRepeatedly(calls, service, rounds);
        final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        final long sum = callRepeatedly(calls, service, rounds);
        final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        // A few bytes may come from the runtime during the window; one allocation per call would be 16 or more.
        assertTrue(allocated < rounds, "bytes allocated by " + rounds + " calls: " + allocated + " (sum=" + sum + ")");
    }

    private long callRepeatedly(final SystemCalls calls, final long service, final int rounds)
    {
        long sum = 0;
        for (int i = 0; i < rounds; i++)
        {
            calls.call(service, request.argument(0, i), reply);
            sum += reply.argument(1);
        }
        return sum;
    }
}
