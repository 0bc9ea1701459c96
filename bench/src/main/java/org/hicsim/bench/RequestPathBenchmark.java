package org.hicsim.bench;

import java.util.concurrent.TimeUnit;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointServer;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.request.RequestPath;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A client request end to end through Core-0 in virtual time: the capability check, the record into the
 * server's endpoint ring, the delivery event, the server's turn under its CPU quota (the service answers at
 * once), the reply into the client's ring, its delivery, and the per-instance metrics. What issue 11's "one
 * million client requests per wall second" is measured against.
 * <p>
 * The baseline is the same server invoked directly, as a synchronous call with nothing around it: the ratio is
 * what the model of time, queues and metrics costs per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class RequestPathBenchmark
{
    private static final int REQUESTS_PER_INVOCATION = 256;

    private Kernel kernel;
    private RequestPath requests;
    private RequestPath.Client client;
    private long service;
    private final Message request = new Message().operation(1).argument(0, 7);
    private final Message reply = new Message();
    private final long[] answered = new long[1];
    private EndpointServer direct;

    @Setup(Level.Trial)
    public void setUp()
    {
        kernel = new Kernel(KernelConfig.withSeed(1), TraceSink.NONE);
        final int server = kernel.sandboxes().create(SandboxSpec.privileged("echo", 4096, 100));
        kernel.sandboxes().start(server);
        final int endpoint = kernel.endpoints().create("echo", server, EndpointType.GENERIC, 1 << 20,
            kernel.costs().ipcLatencyNs());
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        final int serviceId = kernel.registry().register(ServiceName.parse("cap://echo/v1.0.0/api"), endpoint);
        direct = (caller, in, out) ->
        {
            out.operation(in.operation()).argument(0, in.argument(0) + 1);
            return Rendezvous.SERVED;
        };
        kernel.serve(endpoint, direct);
        final int clientSandbox = kernel.sandboxes().create(SandboxSpec.privileged("client", 4096, 100));
        kernel.sandboxes().start(clientSandbox);
        service = kernel.capabilities().issue(CapabilitySystem.CORE0, clientSandbox, ObjectKind.SERVICE_ENDPOINT,
            serviceId, Rights.CALL, 0);
        requests = kernel.requests();
        client = requests.client(clientSandbox, (tag, answer, latencyNs) -> answered[0] += answer.argument(0));
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS_PER_INVOCATION)
    public long requestPath()
    {
        for (int i = 0; i < REQUESTS_PER_INVOCATION; i++)
        {
            requests.call(client, service, Message.NO_CONNECTION, request, i);
        }
        kernel.simulation().runUntilIdle(Long.MAX_VALUE);
        return answered[0];
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS_PER_INVOCATION)
    public long directCall()
    {
        long sum = 0;
        for (int i = 0; i < REQUESTS_PER_INVOCATION; i++)
        {
            direct.serve(0, request, reply.clear());
            sum += reply.argument(0);
        }
        return sum;
    }
}
