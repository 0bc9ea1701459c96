package org.hicsim.monitor.alert;

import org.hicsim.monitor.rule.Fixed6;

/**
 * Section 5.2's anomaly alert on a latency, fed by the Monitor service: an {@link AnomalyDetector} learns the mean
 * and spread from the service's default instance before an update (its first {@code learnSamples} reads), then a
 * read is anomalous when it lies more than three standard deviations above that mean and above the
 * {@link AdaptiveThreshold} built on that limit, which grows with the load beyond the load seen while learning
 * (a busier instance is allowed to be slower). The band is never narrower than {@link #BAND_RATIO_MIN} of the
 * mean: a simulated latency can be nearly constant, and a spread of zero would page on its quantisation. An alert
 * is raised on the edge, once per crossing. Every number is compared and reported in micro-units
 * ({@link Fixed6}), so what the trace shows is what was compared.
 */
public final class LatencyAnomaly
{
    /** A minute of reads at the default 5 s health-check cadence. */
    public static final int LEARN_SAMPLES_DEFAULT = 12;
    public static final double BAND_RATIO_MIN = 0.10;
    /** How much the limit grows per unit of relative excess load, and at most by how much (2 x the limit). */
    public static final double LOAD_SLACK = 0.5;
    public static final double LOAD_FACTOR_MAX = 2;

    private final AnomalyDetector detector;
    private double loadSum;
    private int learned;
    private AdaptiveThreshold threshold;
    private boolean raised;

    public LatencyAnomaly(final int learnSamples)
    {
        detector = new AnomalyDetector(learnSamples);
    }

    public boolean learning()
    {
        return detector.learning();
    }

    /** One read of the baseline: its latency and its load (requests per second). */
    public void learn(final double latency, final double load)
    {
        if (!detector.learning())
        {
            throw new IllegalStateException("the baseline is learned and frozen: latency=" + latency);
        }
        detector.observe(latency);
        loadSum += load;
        learned++;
        if (!detector.learning())
        {
            final double mean = detector.mean();
            final double band = Math.max(AnomalyDetector.SIGMAS * detector.standardDeviation(), BAND_RATIO_MIN * mean);
            final double baselineLoad = Math.max(loadSum / learned, Double.MIN_NORMAL);
            threshold = new AdaptiveThreshold(mean + band, baselineLoad, LOAD_SLACK, LOAD_FACTOR_MAX);
        }
    }

    /**
     * One read once the baseline is learned: the finding if it newly crosses the limit at this load, null if it
     * does not, or did already at the read before.
     */
    public Finding check(final long tNs, final double latency, final double load)
    {
        if (threshold == null)
        {
            throw new IllegalStateException("no baseline learned yet: latency=" + latency);
        }
        final long valueMicros = Fixed6.of(latency);
        final long limitMicros = Fixed6.of(threshold.at(load));
        final boolean anomalous = detector.observe(Fixed6.toDouble(valueMicros)) && valueMicros > limitMicros;
        final boolean newly = anomalous && !raised;
        raised = anomalous;
        return newly ? new Finding(tNs, valueMicros, Fixed6.of(detector.mean()),
            Fixed6.of(detector.standardDeviation()), limitMicros, Fixed6.of(load), Fixed6.of(threshold.baselineLoad()))
            : null;
    }

    /** The baseline, for the trace line that says it was learned: {@code mean=... sigma=... load=...}. */
    public String baselineText()
    {
        return "mean=" + Fixed6.format(Fixed6.of(detector.mean())) + " sigma="
            + Fixed6.format(Fixed6.of(detector.standardDeviation())) + " load="
            + Fixed6.format(Fixed6.of(threshold == null ? Double.NaN : threshold.baselineLoad()));
    }

    /** An anomalous read: its value, the baseline's mean and spread, the limit at its load, both loads. */
    public record Finding(long tNs, long valueMicros, long meanMicros, long sigmaMicros, long limitMicros,
        long loadMicros, long baselineLoadMicros)
    {
        public String toLine()
        {
            return "t=" + tNs + " value=" + Fixed6.format(valueMicros) + " mean=" + Fixed6.format(meanMicros)
                + " sigma=" + Fixed6.format(sigmaMicros) + " limit=" + Fixed6.format(limitMicros) + " load="
                + Fixed6.format(loadMicros) + " baseline_load=" + Fixed6.format(baselineLoadMicros);
        }
    }
}
