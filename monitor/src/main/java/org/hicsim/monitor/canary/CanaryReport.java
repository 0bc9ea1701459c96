package org.hicsim.monitor.canary;

import java.util.List;

import org.hicsim.monitor.rule.Fixed6;

/** A canary analysis's outcome: the 0-100 score, the verdict against the thresholds, and every metric's result. */
public record CanaryReport(long scoreMicros, Verdict verdict, String reason, List<MetricResult> results)
{
    public CanaryReport
    {
        results = List.copyOf(results);
    }

    /** Kayenta's summary classes, plus NODATA when no metric could be judged. */
    public enum Verdict
    {
        PASS,
        MARGINAL,
        FAIL,
        NODATA
    }

    public String toLine()
    {
        return "canary score=" + Fixed6.format(scoreMicros) + " verdict=" + verdict + " reason=" + reason;
    }
}
