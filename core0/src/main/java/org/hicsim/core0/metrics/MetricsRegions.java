package org.hicsim.core0.metrics;

import java.util.Objects;
import java.util.TreeMap;

import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.memory.shared.SharedRegion;
import org.hicsim.core0.memory.shared.SharedRegionError;
import org.hicsim.core0.memory.shared.SharedRegions;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxManager;
import org.hicsim.core0.sandbox.SandboxType;
import org.hicsim.core0.sim.EventObserver;
import org.hicsim.core0.sim.Simulation;

/**
 * Core-0 publishes each instance's {@link InstanceMetrics} in a shared region of its own that Core-0 alone
 * writes ({@link MetricsDescriptor} is the layout), and grants Privileged-1 sandboxes (the Monitor) capabilities
 * to map it read-only and read it directly ({@link MetricsView}), with no IPC per read.
 * <p>
 * A region is made when the first reader of an instance is granted, so a run without readers pays nothing. From
 * then on every region is republished at most once per {@link #PUBLISH_PERIOD_NS} of virtual time, after the
 * first event at or past each period's boundary (the publisher schedules no events of its own, so it never keeps
 * a run alive); an instance that has died is published once more, with its final figures, and then no longer.
 */
public final class MetricsRegions implements EventObserver
{
    /** Virtual time between two publications of the same region. */
    public static final long PUBLISH_PERIOD_NS = 100 * Simulation.MILLIS;
    /** {@link #regionOf} an instance nobody has been granted. */
    public static final int NO_REGION = -1;

    private final Simulation simulation;
    private final SandboxManager sandboxes;
    private final SharedRegions sharedRegions;
    private final AuditSink audit;
    /** By instance sandbox id, so every publication goes in the same order. */
    private final TreeMap<Integer, Published> byInstance = new TreeMap<>();
    /** {@link #byInstance}'s values, copied at each grant that adds one, so a publication iterates allocation-free. */
    private Published[] inOrder = new Published[0];
    private boolean observing;
    private long nextPublishNs;

    /** One instance's region and whether its final figures are out. */
    private static final class Published
    {
        final Sandbox instance;
        final int regionId;
        final SharedRegion region;
        boolean isFinal;

        Published(final Sandbox instance, final int regionId, final SharedRegion region)
        {
            this.instance = instance;
            this.regionId = regionId;
            this.region = region;
        }
    }

    public MetricsRegions(
        final Simulation simulation, final SandboxManager sandboxes, final SharedRegions sharedRegions,
        final AuditSink audit)
    {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.sandboxes = Objects.requireNonNull(sandboxes, "sandboxes");
        this.sharedRegions = Objects.requireNonNull(sharedRegions, "sharedRegions");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * Grants {@code reader} a read-only capability to the metrics region of the instance in sandbox
     * {@code instance} (alive, or dead with its final figures), making and publishing the region if it is the
     * first. Only a live Privileged-1 sandbox may receive one.
     *
     * @return the reader's handle, to map with {@code mapSharedRegion}; or {@link CapError#NO_SUCH_SANDBOX} when
     * the reader is not live or no sandbox ever had the instance's id, {@link SharedRegionError#READER_NOT_PRIVILEGED},
     * a {@code PhysicalMemory} code when Core-0 has no frames for the region, or a {@link CapError} code from the
     * issue.
     */
    public long grantReader(final int instance, final int reader)
    {
        final Sandbox readerSandbox = sandboxes.live(reader);
        final Sandbox instanceSandbox = sandboxes.get(instance);
        if (readerSandbox == null || instanceSandbox == null)
        {
            return refuse(instance, reader, CapError.NO_SUCH_SANDBOX.toString(), CapError.NO_SUCH_SANDBOX.code());
        }
        if (readerSandbox.spec().type() != SandboxType.PRIVILEGED)
        {
            final SharedRegionError error = SharedRegionError.READER_NOT_PRIVILEGED;
            return refuse(instance, reader, error.toString(), error.code());
        }
        Published published = byInstance.get(instance);
        if (published == null || published.instance != instanceSandbox)
        {
            final int regionId = sharedRegions.create("metrics/" + instanceSandbox.name(), MetricsDescriptor.LENGTH);
            if (regionId < 0)
            {
                return regionId;
            }
            if (published != null)
            {
                publish(published, simulation.nowNs());
            }
            published = new Published(instanceSandbox, regionId, sharedRegions.region(regionId));
            byInstance.put(instance, published);
            inOrder = byInstance.values().toArray(inOrder);
            publish(published, simulation.nowNs());
            observe();
        }
        return sharedRegions.grantReader(published.regionId, reader);
    }

    /**
     * @return the shared region holding the metrics of the instance now in sandbox {@code instance}, or
     * {@link #NO_REGION}.
     */
    public int regionOf(final int instance)
    {
        final Published published = byInstance.get(instance);
        return published == null || published.instance != sandboxes.get(instance) ? NO_REGION : published.regionId;
    }

    /** Republishes every region once a period has passed since the last publication. */
    @Override
    public void afterEvent(final long eventNumber)
    {
        final long now = simulation.nowNs();
        if (now >= nextPublishNs)
        {
            publishAll(now);
        }
    }

    /** Publishes every region now, whatever the period: for a reader that must see this moment's figures. */
    public void publishAll(final long nowNs)
    {
        for (final Published published : inOrder)
        {
            if (!published.isFinal)
            {
                publish(published, nowNs);
            }
        }
        nextPublishNs = (nowNs / PUBLISH_PERIOD_NS + 1) * PUBLISH_PERIOD_NS;
    }

    private void observe()
    {
        if (!observing)
        {
            observing = true;
            nextPublishNs = (simulation.nowNs() / PUBLISH_PERIOD_NS + 1) * PUBLISH_PERIOD_NS;
            simulation.addEventObserver(this);
        }
    }

    private static void publish(final Published published, final long nowNs)
    {
        final Sandbox instance = published.instance;
        final InstanceMetrics metrics = instance.metrics();
        final boolean alive = instance.isAlive();
        final int flags = (alive ? MetricsDescriptor.FLAG_ALIVE : 0)
            | (!alive && !SandboxManager.DESTROYED.equals(instance.terminationReason()) ? MetricsDescriptor.FLAG_CRASHED : 0);
        final SharedRegion region = published.region;
        region.beginUpdate();
        region.stageInt(MetricsDescriptor.SANDBOX_ID_OFFSET, instance.id());
        region.stageInt(MetricsDescriptor.FLAGS_OFFSET, flags);
        region.stageLong(MetricsDescriptor.SAMPLED_AT_NS_OFFSET, nowNs);
        region.stageLong(MetricsDescriptor.REQUESTS_OFFSET, metrics.requests());
        region.stageLong(MetricsDescriptor.ERRORS_OFFSET, metrics.errors());
        region.stageLong(MetricsDescriptor.LATENCY_COUNT_OFFSET, metrics.latency().getTotalCount());
        region.stageLong(MetricsDescriptor.LATENCY_P50_NS_OFFSET, metrics.latencyPercentileNs(50));
        region.stageLong(MetricsDescriptor.LATENCY_P90_NS_OFFSET, metrics.latencyPercentileNs(90));
        region.stageLong(MetricsDescriptor.LATENCY_P99_NS_OFFSET, metrics.latencyPercentileNs(99));
        region.stageLong(MetricsDescriptor.LATENCY_P999_NS_OFFSET, metrics.latencyPercentileNs(99.9));
        region.stageLong(MetricsDescriptor.LATENCY_MAX_NS_OFFSET, metrics.latency().getMaxValue());
        region.stageLong(MetricsDescriptor.REQUESTS_LAST_SECOND_OFFSET,
            (long)metrics.throughputPerSecond(nowNs, 1));
        region.stageLong(MetricsDescriptor.CPU_CONSUMED_NS_OFFSET, metrics.cpuConsumedNs());
        region.stageLong(MetricsDescriptor.MEMORY_IN_USE_BYTES_OFFSET, metrics.memoryInUseBytes());
        region.publish();
        published.isFinal = !alive;
    }

    private long refuse(final int instance, final int reader, final String reason, final int code)
    {
        audit.record("shared.refused", CapabilitySystem.CORE0, "op=metrics.grant instance=" + instance + " reader=" + reader
            + " reason=" + reason);
        return code;
    }
}
