package org.hicsim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The time series of a run: at each sample time, for each instance tracked then, one value per {@link Metric}.
 * Held column-wise in primitive arrays that grow by doubling, so recording a sample allocates nothing once the
 * arrays are large enough. A value that does not exist (a latency in an interval without requests, any value
 * before an instance was tracked or after it died) reads as NaN and is written nowhere.
 * <p>
 * {@link MetricsSampler} fills it; the writers of {@code metrics.csv}, {@code trace.json} and {@code report.html}
 * read it.
 */
public final class MetricSeries
{
    /** What is recorded per instance and sample; the key is its name in {@code metrics.csv}. */
    public enum Metric
    {
        /** Requests answered or refused since the instance was made. */
        REQUESTS("requests", true),
        /** Of those, the ones whose reply status was not 0, or that were refused. */
        ERRORS("errors", true),
        /** Errors over requests in the interval since the sample before. */
        ERROR_RATE("error_rate", false),
        /** The median latency clients saw in the interval, in virtual ns. */
        LATENCY_P50_NS("latency_p50_ns", true),
        /** The 99th percentile latency in the interval, in virtual ns. */
        LATENCY_P99_NS("latency_p99_ns", true),
        /** Connections the instance owns in Core-0's dispatch table, in any state but free. */
        CONNECTIONS("connections", true),
        /** Memory charged to its sandbox: what it was given, used or not. */
        MEMORY_BYTES("memory_bytes", true),
        /** Of that, the memory its sandbox has written: what it uses. */
        MEMORY_IN_USE_BYTES("memory_in_use_bytes", true),
        /** CPU time charged to its quota in the interval, over the interval's length: the share of one core. */
        CPU_SHARE("cpu_share", false),
        /** Of the requests the service's tracked instances received in the interval, the share this one did. */
        TRAFFIC_SHARE("traffic_share", false);

        private static final Metric[] VALUES = values();

        private final String key;
        private final boolean integral;

        Metric(final String key, final boolean integral)
        {
            this.key = key;
            this.integral = integral;
        }

        public String key()
        {
            return key;
        }

        /** Its values are whole numbers, written without a fraction. */
        public boolean isIntegral()
        {
            return integral;
        }
    }

    /**
     * One tracked instance.
     *
     * @param label       unique in the run: {@code netstack-1.3.0#5} (module, version, sandbox id).
     * @param service     the service it serves, or the sandbox's name for a sandbox that serves none.
     * @param version     its version, or empty.
     * @param sandboxId   its sandbox.
     * @param serviceId   Core-0's id of its service, 0 for none.
     * @param endpointId  the endpoint it serves on, 0 for none. Core-0 never reuses an endpoint id.
     * @param createdAtNs when its sandbox was created.
     */
    public record Instance(String label, String service, String version, int sandboxId, int serviceId,
        int endpointId, long createdAtNs)
    {
        public Instance
        {
            checkField("label", label);
            checkField("service", service);
            checkField("version", version);
        }

        public boolean servesRequests()
        {
            return serviceId > 0 && endpointId > 0;
        }
    }

    private static final int INITIAL_CAPACITY = 64;
    /** What would need quoting in metrics.csv. */
    private static final String FIELD_FORBIDDEN = ",\"\r\n";
    private static final int METRIC_COUNT = Metric.VALUES.length;

    private final List<Column> columns = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private long[] timesNs = new long[INITIAL_CAPACITY];
    private int sampleCount;

    public int sampleCount()
    {
        return sampleCount;
    }

    public long timeNs(final int sample)
    {
        Objects.checkIndex(sample, sampleCount);
        return timesNs[sample];
    }

    /** The tracked instances, in the order they were tracked; an instance's index is its place here. */
    public List<Instance> instances()
    {
        return Collections.unmodifiableList(instances);
    }

    /** The value at a sample, or NaN if there is none. */
    public double value(final int instance, final Metric metric, final int sample)
    {
        final Column column = columns.get(instance);
        final int index = sample - column.firstSample;
        return index < 0 || index >= column.count ? Double.NaN : column.values[metric.ordinal()][index];
    }

    /** The first sample the instance has values at; {@link #sampleCount()} if none yet. */
    public int firstSample(final int instance)
    {
        return columns.get(instance).firstSample;
    }

    /** One past the last sample the instance has values at. */
    public int endSample(final int instance)
    {
        final Column column = columns.get(instance);
        return column.firstSample + column.count;
    }

    /** When its sandbox was first seen dead, or -1 if it was alive at the last sample. */
    public long diedAtNs(final int instance)
    {
        return columns.get(instance).diedAtNs;
    }

    /** When the last sample was taken, or -1 before the first. */
    public long lastTimeNs()
    {
        return sampleCount == 0 ? -1 : timesNs[sampleCount - 1];
    }

    int add(final Instance instance)
    {
        instances.add(instance);
        columns.add(new Column(sampleCount));
        return instances.size() - 1;
    }

    /** Opens the next sample; values set after this belong to it. */
    void beginSample(final long timeNs)
    {
        if (sampleCount > 0 && timeNs <= timesNs[sampleCount - 1])
        {
            throw new IllegalArgumentException("timeNs=" + timeNs + " must be after the last sample's "
                + timesNs[sampleCount - 1]);
        }
        if (sampleCount == timesNs.length)
        {
            timesNs = Arrays.copyOf(timesNs, sampleCount * 2);
        }
        timesNs[sampleCount++] = timeNs;
    }

    /**
     * Sets a value of the open sample. An instance gets values at consecutive samples from its first on: one that
     * skips a sample (dead, untracked) is given no more.
     */
    void set(final int instance, final Metric metric, final double value)
    {
        final Column column = columns.get(instance);
        final int index = sampleCount - 1 - column.firstSample;
        if (index == column.count)
        {
            column.append();
        }
        else if (index != column.count - 1)
        {
            throw new IllegalStateException("instance=" + instances.get(instance).label()
                + " has no values at consecutive samples: firstSample=" + column.firstSample
                + " count=" + column.count + " sample=" + (sampleCount - 1));
        }
        column.values[metric.ordinal()][index] = value;
    }

    void died(final int instance, final long atNs)
    {
        columns.get(instance).diedAtNs = atNs;
    }

    private static void checkField(final String name, final String value)
    {
        Objects.requireNonNull(value, name);
        if (value.chars().anyMatch(c -> FIELD_FORBIDDEN.indexOf(c) >= 0))
        {
            throw new IllegalArgumentException(name + "=" + value + " must hold no comma, quote or line break");
        }
    }

    /** One instance's values, one array per metric, indexed from its first sample. */
    private static final class Column
    {
        private final int firstSample;
        private double[][] values = new double[METRIC_COUNT][INITIAL_CAPACITY];
        private int count;
        private long diedAtNs = -1;

        Column(final int firstSample)
        {
            this.firstSample = firstSample;
        }

        void append()
        {
            if (count == values[0].length)
            {
                final double[][] grown = new double[METRIC_COUNT][];
                for (int metric = 0; metric < METRIC_COUNT; metric++)
                {
                    grown[metric] = Arrays.copyOf(values[metric], count * 2);
                }
                values = grown;
            }
            for (int metric = 0; metric < METRIC_COUNT; metric++)
            {
                values[metric][count] = Double.NaN;
            }
            count++;
        }
    }
}
