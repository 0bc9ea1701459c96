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
 * Targets: at least 10M events/s with 1,000 pending, 3M with 1,000,000. With 4 pending, the standard scenario's
 * usual state (a client's next arrival, a request and a reply on their way, a server's turn), the queue keeps its
 * events in its sorted ring instead of its radix heap.
 * <p>
 * The baseline is the floor of a heap-ordered queue: a binary min-heap of bare due times in one
 * {@code long[]}, popped and pushed with the same delays, with no sequence tie-break, no handler dispatch and no
 * clock. The simulation's queue is a radix heap, which is not heap-ordered, so it can beat the baseline where
 * the heap's levels miss the cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class EventQueueBenchmark
{
    private static final int EVENTS_PER_INVOCATION = 1_000;

    @Param({ "4", "1000", "1000000" })
    int pending;

    private Simulation simulation;
    private DueTimeHeap baselineHeap;
    private long baselineLcg;

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
        baselineHeap = new DueTimeHeap(pending);
        for (int i = 0; i < pending; i++)
        {
            baselineHeap.push(i);
        }
        baselineLcg = pending;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long runEvents()
    {
        return simulation.runUntilIdle(EVENTS_PER_INVOCATION);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long baselineDueTimeHeap()
    {
        final DueTimeHeap heap = baselineHeap;
        long lcg = baselineLcg;
        long now = 0;
        for (int i = 0; i < EVENTS_PER_INVOCATION; i++)
        {
            now = heap.pop();
            lcg = lcg * 6364136223846793005L + 1442695040888963407L;
            heap.push(now + 1 + ((lcg >>> 33) & 0xFFFF));
        }
        baselineLcg = lcg;
        return now;
    }

    /**
     * A fixed-capacity binary min-heap of longs: the least work a time-ordered queue can do per event.
     */
    static final class DueTimeHeap
    {
        private final long[] heap;
        private int size;

        DueTimeHeap(final int capacity)
        {
            heap = new long[capacity];
        }

        void push(final long value)
        {
            int index = size++;
            while (index > 0)
            {
                final int parent = (index - 1) >>> 1;
                if (heap[parent] <= value)
                {
                    break;
                }
                heap[index] = heap[parent];
                index = parent;
            }
            heap[index] = value;
        }

        long pop()
        {
            final long top = heap[0];
            final long last = heap[--size];
            int index = 0;
            while (true)
            {
                int child = (index << 1) + 1;
                if (child >= size)
                {
                    break;
                }
                if (child + 1 < size && heap[child + 1] < heap[child])
                {
                    child++;
                }
                if (heap[child] >= last)
                {
                    break;
                }
                heap[index] = heap[child];
                index = child;
            }
            heap[index] = last;
            return top;
        }
    }
}
