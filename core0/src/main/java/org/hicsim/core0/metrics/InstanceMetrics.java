package org.hicsim.core0.metrics;

import java.util.Arrays;

import org.HdrHistogram.Histogram;
import org.agrona.collections.Long2LongHashMap;
import org.hicsim.core0.cpu.CpuQuota;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.sim.Simulation;

/**
 * What Core-0 counts for one instance (one sandbox) as the run goes: requests served and their outcome, the
 * latency clients saw (in virtual time, in an HdrHistogram), throughput over a trailing window, CPU charged to its
 * quota, and memory charged to it and used by it. These figures are kept by the kernel on the request path, not told by the
 * service (a service's own probe can lie or be wrong) and not derived from the trace, so a run with the trace
 * switched off reports the same ones.
 * <p>
 * Recording allocates nothing: the histogram's range is fixed, and a latency above it is recorded at its top.
 */
public final class InstanceMetrics
{
    /** Latencies are resolved to the microsecond... */
    public static final long LATENCY_LOWEST_DISCERNIBLE_NS = Simulation.MICROS;
    /** ...up to an hour, with two significant digits (about 1% error): some 40 KB per instance. */
    public static final long LATENCY_HIGHEST_NS = Simulation.HOURS;
    public static final int LATENCY_SIGNIFICANT_DIGITS = 2;
    /** Seconds of per-second request counts kept for {@link #throughputPerSecond}. */
    public static final int THROUGHPUT_WINDOW_SECONDS_MAX = 64;

    private final int sandboxId;
    private final CpuQuota cpu;
    private final PhysicalMemory memory;
    private final Histogram latency = new Histogram(
        LATENCY_LOWEST_DISCERNIBLE_NS, LATENCY_HIGHEST_NS, LATENCY_SIGNIFICANT_DIGITS);
    private final Long2LongHashMap errorsByStatus = new Long2LongHashMap(0);
    private final long[] countBySecond = new long[THROUGHPUT_WINDOW_SECONDS_MAX];
    private final long[] secondOfBucket = new long[THROUGHPUT_WINDOW_SECONDS_MAX];
    private long requests;
    private long errors;
    private boolean alive = true;

    /**
     * @param cpu    the sandbox's quota; kept after the sandbox dies, so what it used stays readable.
     * @param memory where the sandbox's frames are charged.
     */
    public InstanceMetrics(final int sandboxId, final CpuQuota cpu, final PhysicalMemory memory)
    {
        this.sandboxId = sandboxId;
        this.cpu = cpu;
        this.memory = memory;
        Arrays.fill(secondOfBucket, -1);
    }

    /**
     * A request this instance served was answered: {@code status} is the reply's (0 is success), the latency is
     * from the client's send to the reply's arrival.
     */
    public void served(final int status, final long latencyNs, final long nowNs)
    {
        requests++;
        latency.recordValue(Math.min(Math.max(latencyNs, 0), LATENCY_HIGHEST_NS));
        countSecond(nowNs);
        if (status != 0)
        {
            errored(status);
        }
    }

    /** A request meant for this instance failed before it was served (its queue full, the instance dead). */
    public void refused(final int status, final long nowNs)
    {
        requests++;
        countSecond(nowNs);
        errored(status);
    }

    /** The sandbox has died: its memory is released, and its id may name another sandbox from now on. */
    public void retire()
    {
        alive = false;
    }

    public int sandboxId()
    {
        return sandboxId;
    }

    /** Requests answered or refused. */
    public long requests()
    {
        return requests;
    }

    /** Requests whose reply status was not 0, or that were refused. */
    public long errors()
    {
        return errors;
    }

    /** Errors with this status. */
    public long errors(final int status)
    {
        return errorsByStatus.get(status);
    }

    /** The statuses with errors, ascending, so every listing is in the same order. */
    public int[] errorStatuses()
    {
        final long[] statuses = new long[errorsByStatus.size()];
        final int[] filled = {0};
        errorsByStatus.forEachLong((status, count) -> statuses[filled[0]++] = status);
        Arrays.sort(statuses);
        return Arrays.stream(statuses).mapToInt(status -> (int)status).toArray();
    }

    /** errors / requests, 0 with no requests. */
    public double errorRate()
    {
        return requests == 0 ? 0 : (double)errors / requests;
    }

    /** The latency histogram of served requests; read only. */
    public Histogram latency()
    {
        return latency;
    }

    /** A latency percentile (0-100) in ns, 0 with no samples. */
    public long latencyPercentileNs(final double percentile)
    {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile);
    }

    /**
     * Requests answered or refused per second over the {@code windowSeconds} whole seconds before the one
     * {@code nowNs} is in.
     */
    public double throughputPerSecond(final long nowNs, final int windowSeconds)
    {
        if (windowSeconds < 1 || windowSeconds >= THROUGHPUT_WINDOW_SECONDS_MAX)
        {
            throw new IllegalArgumentException("windowSeconds=" + windowSeconds + " must be in [1, "
                + (THROUGHPUT_WINDOW_SECONDS_MAX - 1) + "]");
        }
        final long current = nowNs / Simulation.SECONDS;
        long sum = 0;
        for (long second = current - windowSeconds; second < current; second++)
        {
            final int bucket = (int)Math.floorMod(second, (long)THROUGHPUT_WINDOW_SECONDS_MAX);
            if (second >= 0 && secondOfBucket[bucket] == second)
            {
                sum += countBySecond[bucket];
            }
        }
        return (double)sum / windowSeconds;
    }

    /** CPU time charged to the sandbox's quota so far, while it lived. */
    public long cpuConsumedNs()
    {
        return cpu.consumedNs();
    }

    /**
     * Memory charged to the sandbox now (its frames, as Core-0 accounts them: what it was given, whether it uses
     * it or not); 0 once it is dead.
     */
    public long memoryBytes()
    {
        return alive ? (long)memory.framesOwnedBy(sandboxId) * PhysicalMemory.FRAME_SIZE : 0;
    }

    /**
     * Memory the sandbox uses now: its frames that its page tables let a write reach since they were allocated
     * ({@link PhysicalMemory#framesWrittenBy}), a whole frame for the first byte stored in it; 0 once it is dead.
     * It grows as the sandbox stores into memory it never touched, and falls as frames leave it (a region
     * transferred away, the sandbox's end).
     */
    public long memoryInUseBytes()
    {
        return alive ? (long)memory.framesWrittenBy(sandboxId) * PhysicalMemory.FRAME_SIZE : 0;
    }

    public boolean isAlive()
    {
        return alive;
    }

    private void errored(final int status)
    {
        errors++;
        errorsByStatus.put(status, errorsByStatus.get(status) + 1);
    }

    private void countSecond(final long nowNs)
    {
        final long second = nowNs / Simulation.SECONDS;
        final int bucket = (int)(second % THROUGHPUT_WINDOW_SECONDS_MAX);
        if (secondOfBucket[bucket] != second)
        {
            secondOfBucket[bucket] = second;
            countBySecond[bucket] = 0;
        }
        countBySecond[bucket]++;
    }
}
