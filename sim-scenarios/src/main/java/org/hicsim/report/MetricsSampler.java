package org.hicsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.HdrHistogram.Histogram;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.metrics.InstanceMetrics;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.host.ServiceInstance;
import org.hicsim.report.MetricSeries.Metric;

/**
 * Reads Core-0's figures of every tracked instance at the runner's call, into a {@link MetricSeries}: requests
 * and errors, the interval's error rate and latency percentiles, the connections the instance owns in the
 * dispatch table, its memory and CPU, and its share of its service's traffic.
 * <p>
 * The runner runs the simulation to each sample time and calls {@link #sample()} between events, so sampling
 * schedules nothing and changes no trace. It reads only what Core-0 counts; the order of everything it records
 * is the order instances were tracked in, so the series is a function of the run. After the first samples it
 * allocates nothing: an interval's latency is the difference of two histograms kept per instance.
 */
public final class MetricsSampler
{
    /** About this many samples over a run are enough for a chart and cheap to take. */
    public static final int SAMPLES_PER_RUN_TARGET = 600;
    private static final int[] ROUND_STEPS = {1, 2, 5};

    private final Kernel kernel;
    private final MetricSeries series = new MetricSeries();
    private final List<Tracked> tracked = new ArrayList<>();
    private long previousSampleNs = -1;

    public MetricsSampler(final Kernel kernel)
    {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /**
     * A sampling interval for a run of this length: about {@link #SAMPLES_PER_RUN_TARGET} samples, rounded up to
     * 1, 2 or 5 times a power of ten milliseconds so the sample times read well.
     */
    public static long intervalFor(final long durationNs)
    {
        final long wanted = Math.max(Simulation.MILLIS,
            VirtualTime.requirePositive("durationNs", durationNs) / SAMPLES_PER_RUN_TARGET);
        long decade = Simulation.MILLIS;
        while (true)
        {
            for (final int step : ROUND_STEPS)
            {
                if (step * decade >= wanted)
                {
                    return step * decade;
                }
            }
            decade *= 10;
        }
    }

    /**
     * Tracks a service instance from the next sample on; tracking one already tracked does nothing, so a runner
     * may hand over every instance it sees at every sample.
     *
     * @return the instance's index in the series.
     */
    public int track(final ServiceInstance instance)
    {
        return track(freeLabel(instance.name() + "-" + instance.version() + "#" + instance.sandboxId()),
            instance.name(), instance.version().toString(), instance.sandboxId(), instance.serviceId(),
            instance.endpointId());
    }

    /**
     * The label, or, when an earlier instance had it (a version loaded again into a reused sandbox id), the label
     * with the first free suffix {@code .2}, {@code .3}, ...
     */
    private String freeLabel(final String label)
    {
        String free = label;
        for (int suffix = 2; taken(free); suffix++)
        {
            free = label + "." + suffix;
        }
        return free;
    }

    private boolean taken(final String label)
    {
        for (final MetricSeries.Instance other : series.instances())
        {
            if (other.label().equals(label))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Tracks a sandbox that serves no service (the Module Manager): its memory and CPU only.
     *
     * @return its index in the series.
     */
    public int trackSandbox(final String label, final int sandboxId)
    {
        final Sandbox sandbox = sandbox(sandboxId);
        return track(label, sandbox.name(), "", sandboxId, 0, 0);
    }

    /**
     * Tracks an instance from the next sample on, or answers the index it already has.
     *
     * @param serviceId  Core-0's id of the service it serves, or 0.
     * @param endpointId the endpoint it serves on, or 0.
     * @return its index in the series.
     */
    public int track(final String label, final String service, final String version, final int sandboxId,
        final int serviceId, final int endpointId)
    {
        final Sandbox sandbox = sandbox(sandboxId);
        final InstanceMetrics metrics = sandbox.metrics();
        for (int i = 0; i < tracked.size(); i++)
        {
            if (tracked.get(i).metrics == metrics)
            {
                return i;
            }
        }
        if (taken(label))
        {
            throw new IllegalArgumentException("label=" + label + " is already taken by another instance");
        }
        final MetricSeries.Instance instance = new MetricSeries.Instance(label, service, version, sandboxId,
            serviceId, endpointId, sandbox.createdAtNs());
        tracked.add(new Tracked(instance, metrics));
        return series.add(instance);
    }

    /**
     * Records one sample at the kernel's current time, for every tracked instance that was alive at the sample
     * before (an instance that died since gets one last sample, then no more). A second call at the same time
     * does nothing.
     */
    public void sample()
    {
        final long nowNs = kernel.simulation().nowNs();
        if (nowNs == previousSampleNs)
        {
            return;
        }
        final long intervalNs = previousSampleNs < 0 ? 0 : nowNs - previousSampleNs;
        series.beginSample(nowNs);
        for (int i = 0; i < tracked.size(); i++)
        {
            final Tracked instance = tracked.get(i);
            if (instance.sampling)
            {
                record(i, instance, intervalNs, nowNs);
            }
        }
        for (int i = 0; i < tracked.size(); i++)
        {
            final Tracked instance = tracked.get(i);
            if (instance.sampling && instance.info.servesRequests())
            {
                final long serviceRequests = serviceRequestsInInterval(instance.info.serviceId());
                if (serviceRequests > 0)
                {
                    series.set(i, Metric.TRAFFIC_SHARE, (double)instance.requestsInInterval / serviceRequests);
                }
            }
        }
        for (int i = 0; i < tracked.size(); i++)
        {
            final Tracked instance = tracked.get(i);
            instance.sampling &= instance.metrics.isAlive();
        }
        previousSampleNs = nowNs;
    }

    public MetricSeries series()
    {
        return series;
    }

    private void record(final int index, final Tracked instance, final long intervalNs, final long nowNs)
    {
        final InstanceMetrics metrics = instance.metrics;
        final long requests = metrics.requests();
        final long errors = metrics.errors();
        final long cpuNs = metrics.cpuConsumedNs();
        instance.requestsInInterval = requests - instance.requests;
        series.set(index, Metric.REQUESTS, requests);
        series.set(index, Metric.ERRORS, errors);
        if (instance.requestsInInterval > 0)
        {
            series.set(index, Metric.ERROR_RATE, (double)(errors - instance.errors) / instance.requestsInInterval);
        }
        series.set(index, Metric.MEMORY_BYTES, metrics.memoryBytes());
        series.set(index, Metric.MEMORY_IN_USE_BYTES, metrics.memoryInUseBytes());
        if (intervalNs > 0)
        {
            series.set(index, Metric.CPU_SHARE, (double)(cpuNs - instance.cpuNs) / intervalNs);
        }
        if (instance.info.servesRequests())
        {
            final ServiceConnections connections = kernel.dispatcher().connections(instance.info.serviceId());
            series.set(index, Metric.CONNECTIONS,
                connections == null || !metrics.isAlive() ? 0 : connections.ownedBy(instance.info.endpointId()));
            recordLatency(index, instance);
        }
        if (!metrics.isAlive())
        {
            series.died(index, nowNs);
        }
        instance.requests = requests;
        instance.errors = errors;
        instance.cpuNs = cpuNs;
    }

    /** The interval's latencies are the histogram now less the histogram at the sample before. */
    private void recordLatency(final int index, final Tracked instance)
    {
        final Histogram total = instance.metrics.latency();
        if (total.getTotalCount() == instance.latencyBefore.getTotalCount())
        {
            return;
        }
        instance.latencyInInterval.reset();
        instance.latencyInInterval.add(total);
        instance.latencyInInterval.subtract(instance.latencyBefore);
        series.set(index, Metric.LATENCY_P50_NS, instance.latencyInInterval.getValueAtPercentile(50));
        series.set(index, Metric.LATENCY_P99_NS, instance.latencyInInterval.getValueAtPercentile(99));
        total.copyInto(instance.latencyBefore);
    }

    private long serviceRequestsInInterval(final int serviceId)
    {
        long sum = 0;
        for (int i = 0; i < tracked.size(); i++)
        {
            final Tracked instance = tracked.get(i);
            if (instance.sampling && instance.info.serviceId() == serviceId && instance.info.servesRequests())
            {
                sum += instance.requestsInInterval;
            }
        }
        return sum;
    }

    private Sandbox sandbox(final int sandboxId)
    {
        final Sandbox sandbox = kernel.sandboxes().get(sandboxId);
        if (sandbox == null)
        {
            throw new IllegalArgumentException("sandboxId=" + sandboxId + " names no sandbox");
        }
        return sandbox;
    }

    /** A tracked instance and what its counters read at the sample before. */
    private static final class Tracked
    {
        private final MetricSeries.Instance info;
        private final InstanceMetrics metrics;
        private final Histogram latencyBefore;
        private final Histogram latencyInInterval;
        private boolean sampling = true;
        private long requests;
        private long errors;
        private long cpuNs;
        private long requestsInInterval;

        Tracked(final MetricSeries.Instance info, final InstanceMetrics metrics)
        {
            this.info = info;
            this.metrics = metrics;
            // Counts before tracking began belong to no interval of this series.
            this.requests = metrics.requests();
            this.errors = metrics.errors();
            this.cpuNs = metrics.cpuConsumedNs();
            // Only an instance that serves requests has latencies: some 80 KB per instance for the two.
            this.latencyBefore = info.servesRequests() ? newLatencyHistogram() : null;
            this.latencyInInterval = info.servesRequests() ? newLatencyHistogram() : null;
            if (latencyBefore != null)
            {
                metrics.latency().copyInto(latencyBefore);
            }
        }

        private static Histogram newLatencyHistogram()
        {
            return new Histogram(InstanceMetrics.LATENCY_LOWEST_DISCERNIBLE_NS, InstanceMetrics.LATENCY_HIGHEST_NS,
                InstanceMetrics.LATENCY_SIGNIFICANT_DIGITS);
        }
    }
}
