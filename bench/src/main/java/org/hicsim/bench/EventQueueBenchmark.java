package org.hicsim.bench;

import java.util.concurrent.TimeUnit;

import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;
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
 * Event-queue throughput of the simulation kernel: with {@code pending} events always queued, each operation
 * runs one event that schedules its successor at a pseudo-random delay, the steady state of a busy run.
 * Target: at least 10M events/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class EventQueueBenchmark
{
    private static final int EVENTS_PER_INVOCATION = 1_000;

    @Param({ "1000", "1000000" })
    int pending;

    private Simulation simulation;

    @Setup(Level.Trial)
    public void setUp()
    {
        simulation = new Simulation(42);
        final EventHandler reschedule = new EventHandler()
        {
            @Override
            public void onEvent(final long arg)
            {
                // A cheap deterministic spread of delays (an LCG step) so the heap is exercised, not a FIFO.
                final long next = arg * 6364136223846793005L + 1442695040888963407L;
                simulation.schedule(1 + ((next >>> 33) & 0xFFFF), this, next);
            }
        };
        for (int i = 0; i < pending; i++)
        {
            simulation.schedule(i, reschedule, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long runEvents()
    {
        return simulation.runUntilIdle(EVENTS_PER_INVOCATION);
    }
}
