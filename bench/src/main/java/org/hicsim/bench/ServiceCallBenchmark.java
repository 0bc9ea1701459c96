package org.hicsim.bench;

import java.util.concurrent.TimeUnit;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cap.CapFlags;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointServer;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one service call between two sandboxes through Core-0 ({@link SystemCalls#call}: the SERVICE_ENDPOINT
 * capability check, the registry's default endpoint, the accepting check, and the copies of request and reply
 * into and out of kernel-owned messages) against invoking the same server directly with the caller's messages,
 * which is what the call would cost with no kernel in between.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class ServiceCallBenchmark
{
    private static final long SANDBOX_BYTES = 64 * 1024;
    private static final int ECHO = 1;

    /** Answers argument 0 plus one: enough work that neither path can be folded away. */
    private final EndpointServer server = (caller, in, out) ->
    {
        out.operation(in.operation()).argument(0, in.argument(0) + 1);
        return Rendezvous.SERVED;
    };
    private final Message request = new Message().operation(ECHO);
    private final Message reply = new Message();
    private SystemCalls client;
    private long serviceHandle;

    @Setup(Level.Trial)
    public void setUp()
    {
        final Kernel kernel = new Kernel(KernelConfig.withSeed(42), TraceSink.NONE);
        final int clientId = started(kernel, "client");
        final int serverId = started(kernel, "server");
        final int endpoint = kernel.endpoints().create("echo", serverId, EndpointType.GENERIC, 4096, 0);
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        final ServiceName name = ServiceName.parse("cap://echo/v1.0.0/api");
        kernel.registry().register(name, endpoint);
        kernel.serve(endpoint, server);
        serviceHandle = kernel.capabilities().issue(CapabilitySystem.CORE0, clientId, ObjectKind.SERVICE_ENDPOINT,
            kernel.registry().serviceId(name.serviceInterface()), Rights.CALL, CapFlags.NONE);
        client = kernel.systemCalls(clientId);
    }

    private static int started(final Kernel kernel, final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, SANDBOX_BYTES, 10));
        kernel.sandboxes().start(id);
        return id;
    }

    @Benchmark
    public long directInvocation()
    {
        request.argument(0, reply.argument(0));
        if (server.serve(1, request, reply) != Rendezvous.SERVED)
        {
            throw new IllegalStateException("direct invocation failed");
        }
        return reply.argument(0);
    }

    @Benchmark
    public long kernelCall()
    {
        request.argument(0, reply.argument(0));
        if (client.call(serviceHandle, request, reply) != SystemCalls.OK)
        {
            throw new IllegalStateException("kernel call failed");
        }
        return reply.argument(0);
    }
}
