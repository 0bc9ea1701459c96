package org.hicsim.core0.metrics;

import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.SharedRegionReader;

/**
 * A reader's view of one instance's metrics region ({@link MetricsRegions}), mapped read-only into its sandbox:
 * {@link #refresh()} copies one whole published version into this view with checked loads through the reader's
 * own page table (no IPC), and the getters answer from that copy until the next refresh.
 * <p>
 * How a Privileged-1 sandbox (the Monitor) uses it: Core-0 grants it a capability
 * ({@link MetricsRegions#grantReader}), it maps the region where it likes
 * ({@link ServiceContext#mapSharedRegion}), then reads:
 * <pre>{@code
 * context.mapSharedRegion(handle, address);
 * MetricsView view = new MetricsView(context, address);
 * if (view.refresh()) { double errorRate = view.errorRate(); long p99 = view.latencyP99Ns(); }
 * }</pre>
 * A refresh after the capability was revoked faults, and the fault kills the reader's sandbox, as any load from
 * memory it may no longer read. Refreshing allocates nothing.
 */
public final class MetricsView
{
    private final SharedRegionReader reader;
    private final SharedRegionReader.Snapshot copy = this::copyFrom;
    private long version;
    private int sandboxId;
    private int flags;
    private long sampledAtNs;
    private long requests;
    private long errors;
    private long latencyCount;
    private long latencyP50Ns;
    private long latencyP90Ns;
    private long latencyP99Ns;
    private long latencyP999Ns;
    private long latencyMaxNs;
    private long requestsLastSecond;
    private long cpuConsumedNs;
    private long memoryInUseBytes;

    /**
     * @param baseAddress where the region is mapped in {@code context}'s sandbox.
     */
    public MetricsView(final ServiceContext context, final long baseAddress)
    {
        this.reader = new SharedRegionReader(context, baseAddress);
    }

    /**
     * Copies the published version, retrying a torn read ({@link SharedRegionReader#read}).
     *
     * @return false when nothing is published yet (the figures of the last refresh stay), or when every attempt
     * was torn (Core-0 kept overwriting the copy: the figures are then a mix, so refresh again).
     */
    public boolean refresh()
    {
        final long read = reader.read(copy);
        if (read <= 0)
        {
            return false;
        }
        version = read;
        return true;
    }

    /** The version last copied; 0 before the first successful refresh. Grows with every publication. */
    public long version()
    {
        return version;
    }

    public int sandboxId()
    {
        return sandboxId;
    }

    public boolean isAlive()
    {
        return (flags & MetricsDescriptor.FLAG_ALIVE) != 0;
    }

    /** The instance died other than by being destroyed. */
    public boolean hasCrashed()
    {
        return (flags & MetricsDescriptor.FLAG_CRASHED) != 0;
    }

    /** The virtual time Core-0 took these figures at. */
    public long sampledAtNs()
    {
        return sampledAtNs;
    }

    public long requests()
    {
        return requests;
    }

    public long errors()
    {
        return errors;
    }

    /** errors / requests, 0 with no requests. */
    public double errorRate()
    {
        return requests == 0 ? 0 : (double)errors / requests;
    }

    public long latencyCount()
    {
        return latencyCount;
    }

    public long latencyP50Ns()
    {
        return latencyP50Ns;
    }

    public long latencyP90Ns()
    {
        return latencyP90Ns;
    }

    public long latencyP99Ns()
    {
        return latencyP99Ns;
    }

    public long latencyP999Ns()
    {
        return latencyP999Ns;
    }

    public long latencyMaxNs()
    {
        return latencyMaxNs;
    }

    public long requestsLastSecond()
    {
        return requestsLastSecond;
    }

    public long cpuConsumedNs()
    {
        return cpuConsumedNs;
    }

    /** The instance's memory in use: its frames written, not the memory it was given. */
    public long memoryInUseBytes()
    {
        return memoryInUseBytes;
    }

    private void copyFrom(final SharedRegionReader from)
    {
        if (from.length() < MetricsDescriptor.LENGTH)
        {
            return;
        }
        sandboxId = from.readInt(MetricsDescriptor.SANDBOX_ID_OFFSET);
        flags = from.readInt(MetricsDescriptor.FLAGS_OFFSET);
        sampledAtNs = from.readLong(MetricsDescriptor.SAMPLED_AT_NS_OFFSET);
        requests = from.readLong(MetricsDescriptor.REQUESTS_OFFSET);
        errors = from.readLong(MetricsDescriptor.ERRORS_OFFSET);
        latencyCount = from.readLong(MetricsDescriptor.LATENCY_COUNT_OFFSET);
        latencyP50Ns = from.readLong(MetricsDescriptor.LATENCY_P50_NS_OFFSET);
        latencyP90Ns = from.readLong(MetricsDescriptor.LATENCY_P90_NS_OFFSET);
        latencyP99Ns = from.readLong(MetricsDescriptor.LATENCY_P99_NS_OFFSET);
        latencyP999Ns = from.readLong(MetricsDescriptor.LATENCY_P999_NS_OFFSET);
        latencyMaxNs = from.readLong(MetricsDescriptor.LATENCY_MAX_NS_OFFSET);
        requestsLastSecond = from.readLong(MetricsDescriptor.REQUESTS_LAST_SECOND_OFFSET);
        cpuConsumedNs = from.readLong(MetricsDescriptor.CPU_CONSUMED_NS_OFFSET);
        memoryInUseBytes = from.readLong(MetricsDescriptor.MEMORY_IN_USE_BYTES_OFFSET);
    }
}
