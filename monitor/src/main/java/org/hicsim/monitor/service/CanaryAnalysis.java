package org.hicsim.monitor.service;

import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

import org.hicsim.monitor.canary.CanaryConfig;
import org.hicsim.monitor.canary.CanaryExplanations;
import org.hicsim.monitor.canary.CanaryJudge;
import org.hicsim.monitor.canary.CanaryMetric;
import org.hicsim.monitor.canary.CanaryReport;
import org.hicsim.monitor.canary.Direction;
import org.hicsim.monitor.decision.Explanation;

/**
 * One canary analysis of an update held after a stage for approval (the canary strategy's first stage), both
 * instances serving the same traffic split: from the hold on, each health check's read of the old instance and of
 * the new one gives a sample a side of each metric (the median and 99th percentile latency the region publishes;
 * the error rate of the requests answered since the read before, when there were any); at the first read at or
 * after the interval's end, {@link CanaryJudge} compares the two (docs/rollback-rules.md, "Canary analysis").
 */
final class CanaryAnalysis
{
    public static final String LATENCY = "latency_ms";
    public static final String LATENCY_P99 = "latency_p99_ms";
    public static final String ERROR_RATE = "error_rate";
    /**
     * The median and the 99th percentile latency may each be 10% higher, failing going up; the error rate may be
     * 20% higher, fails going up, and fails on errors where the old instance had none. Equal group weights, so a
     * tail alone (half the latency group) scores 75, MARGINAL, while a slower instance (both latencies) or new
     * errors score 50, FAIL; Kayenta's default thresholds (pass 95, marginal 75). No spread check: the region's
     * percentiles are cumulative, so the reads of a long-running old instance hardly vary, and any new instance's
     * would look spread beyond tolerance.
     */
    public static final CanaryConfig CONFIG = new CanaryConfig(List.of(
        CanaryMetric.of(LATENCY, "latency", Direction.INCREASE).withEffectTolerance(1.1, 1),
        CanaryMetric.of(LATENCY_P99, "latency", Direction.INCREASE).withEffectTolerance(1.1, 1),
        CanaryMetric.of(ERROR_RATE, "errors", Direction.INCREASE).withEffectTolerance(1.2, 1).failingOnNewNonZero()),
        Map.of("latency", 50.0, "errors", 50.0), CanaryConfig.ALPHA_DEFAULT, 95, 75);
    private static final CanaryJudge JUDGE = new CanaryJudge(CONFIG);

    private final int revision;
    private final long startNs;
    private final long dueNs;
    private final DoubleStream.Builder latencyOld = DoubleStream.builder();
    private final DoubleStream.Builder latencyNew = DoubleStream.builder();
    private final DoubleStream.Builder latencyP99Old = DoubleStream.builder();
    private final DoubleStream.Builder latencyP99New = DoubleStream.builder();
    private final DoubleStream.Builder errorRateOld = DoubleStream.builder();
    private final DoubleStream.Builder errorRateNew = DoubleStream.builder();

    CanaryAnalysis(final int revision, final long startNs, final long intervalNs)
    {
        this.revision = revision;
        this.startNs = startNs;
        this.dueNs = startNs + intervalNs;
    }

    /** The revision analysed: a verdict on any other is refused. */
    int revision()
    {
        return revision;
    }

    /** Takes what the instance's last read found, under its role. */
    void observe(final WatchedInstance instance)
    {
        final boolean old = instance.role() == MonitorService.ROLE_OLD;
        final double latencyMs = instance.latencyMsRead();
        if (!Double.isNaN(latencyMs))
        {
            (old ? latencyOld : latencyNew).add(latencyMs);
            (old ? latencyP99Old : latencyP99New).add(instance.latencyP99MsRead());
        }
        if (instance.requestsRead() > 0)
        {
            (old ? errorRateOld : errorRateNew).add(instance.errorsRead() / (double)instance.requestsRead());
        }
    }

    boolean due(final long nowNs)
    {
        return nowNs >= dueNs;
    }

    /** The verdict on the samples taken (the builders are spent: an analysis is judged once). */
    CanaryReport judge()
    {
        return JUDGE.judge(
            Map.of(LATENCY, latencyOld.build().toArray(), LATENCY_P99, latencyP99Old.build().toArray(),
                ERROR_RATE, errorRateOld.build().toArray()),
            Map.of(LATENCY, latencyNew.build().toArray(), LATENCY_P99, latencyP99New.build().toArray(),
                ERROR_RATE, errorRateNew.build().toArray()));
    }

    /** The report as the decision's explanation records, over the analysis's window (its start, now]. */
    List<Explanation> explain(final CanaryReport report, final long nowNs)
    {
        return CanaryExplanations.of(CONFIG, report, startNs, nowNs);
    }
}
