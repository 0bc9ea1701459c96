package org.hicsim.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.dispatch.ConnectionIdDescriptor;
import org.hicsim.core0.dispatch.Dispatcher;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one dispatch decision, {@link Dispatcher#route}: the per-request lookup of HIC 3.4's connection state
 * table, over connections picked in a shuffled order, half of them migrated to a second instance. Target:
 * at least 10 M decisions a second (at most 100 ns each) and nothing allocated.
 * <p>
 * The baseline is the least such a table can do, inline: the slot from the id, one generation compare, one
 * owner load from flat arrays of the same size. The ratio is what the service lookup and the state check add.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class DispatchBenchmark
{
    private static final int DECISIONS_PER_INVOCATION = 1_024;

    /** 1,000 connections stay in L1/L2; 1,000,000 (HIC's "millions of forwarding decisions") spread over L3 and DRAM. */
    @Param({ "1000", "1000000" })
    int connections;

    private Dispatcher dispatcher;
    private int serviceId;
    private long[] ids;
    private int[] baselineGenerations;
    private int[] baselineOwners;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp()
    {
        final Kernel kernel = new Kernel(KernelConfig.withSeed(42), TraceSink.NONE);
        final int oldEndpoint = endpoint(kernel, "1.2.0");
        final int newEndpoint = endpoint(kernel, "1.3.0");
        dispatcher = kernel.dispatcher();
        serviceId = kernel.registry().serviceId(ServiceName.parse("cap://netstack/v1.2.0/api").serviceInterface());
        final SplittableRandom random = new SplittableRandom(7);
        final int count = Integer.highestOneBit(connections - 1) << 1;
        ids = new long[count];
        baselineGenerations = new int[connections];
        baselineOwners = new int[connections];
        for (int i = 0; i < connections; i++)
        {
            final int owner = (i & 1) == 0 ? oldEndpoint : newEndpoint;
            final long id = dispatcher.open(serviceId, owner, i, i);
            dispatcher.opened(serviceId, id, i + 1);
            baselineGenerations[ConnectionIdDescriptor.slot(id)] = ConnectionIdDescriptor.generation(id);
            baselineOwners[ConnectionIdDescriptor.slot(id)] = owner;
        }
        for (int i = 0; i < count; i++)
        {
            final int slot = random.nextInt(connections);
            ids[i] = ConnectionIdDescriptor.connectionId(slot, baselineGenerations[slot]);
        }
    }

    private static int endpoint(final Kernel kernel, final String version)
    {
        final int sandbox = kernel.sandboxes().create(SandboxSpec.privileged("netstack-v" + version, 4096, 20));
        final int endpoint = kernel.endpoints().create("netstack-v" + version, sandbox, EndpointType.GENERIC, 4096, 0);
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        kernel.registry().register(ServiceName.parse("cap://netstack/v" + version + "/api"), endpoint);
        return endpoint;
    }

    @Benchmark
    @OperationsPerInvocation(DECISIONS_PER_INVOCATION)
    public int route()
    {
        final long[] ids = this.ids;
        final int mask = ids.length - 1;
        int sum = 0;
        int i = cursor;
        for (int n = 0; n < DECISIONS_PER_INVOCATION; n++)
        {
            sum += dispatcher.route(serviceId, ids[i]);
            i = (i + 1) & mask;
        }
        cursor = i;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(DECISIONS_PER_INVOCATION)
    public int baseline()
    {
        final long[] ids = this.ids;
        final int[] generations = baselineGenerations;
        final int[] owners = baselineOwners;
        final int mask = ids.length - 1;
        int sum = 0;
        int i = cursor;
        for (int n = 0; n < DECISIONS_PER_INVOCATION; n++)
        {
            final long id = ids[i];
            final int slot = (int)id;
            sum += generations[slot] == (int)(id >>> 32) ? owners[slot] : -1;
            i = (i + 1) & mask;
        }
        cursor = i;
        return sum;
    }
}
