package org.hicsim.monitor.matrix;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Rule;
import org.hicsim.monitor.rule.Aggregation;
import org.hicsim.monitor.rule.Criterion;
import org.hicsim.monitor.rule.Operator;
import org.hicsim.monitor.score.ConfidenceScore;
import org.hicsim.monitor.score.ScoreComponent;

/**
 * The HIC document's default rules: the six rows of the automatic rollback decision matrix (table 4.2), each with
 * its window in virtual time, and the indicators of failure levels 1 to 4 (table 4.1); and the default rollback
 * confidence score. The metric names are the ones the wiring feeds (see docs/rollback-rules.md).
 */
public final class DecisionMatrix
{
    public static final String REQUESTS = "requests";
    public static final String ERRORS = "errors";
    public static final String LATENCY = "latency_ms";
    public static final String MIGRATIONS = "migration.attempts";
    public static final String MIGRATED = "migration.ok";
    public static final String MIGRATION_FAILED = "migration.failed";
    public static final String MEMORY = "memory_bytes";
    /** A CRC mismatch in exported state, reported by the wiring as a sample of 1. */
    public static final String CORRUPTION = "corruption";
    public static final String CRITICAL_PROBE = Criterion.PROBE_PREFIX + "critical";
    /** 100 MiB, the leak row's rate per hour. */
    public static final double LEAK_BYTES_PER_HOUR = 100.0 * 1024 * 1024;
    /** Requests-weighted samples the error-rate row needs before it may judge: one a minute for ten minutes. */
    public static final int ERROR_RATE_SAMPLES_MIN = 10;
    /** Consecutive probe errors after which the critical-function probe's verdict is ERROR. */
    public static final int PROBE_ERRORS_MAX = 3;

    private DecisionMatrix()
    {
    }

    /** Table 4.2, one rule per row, in the table's order. */
    public static List<Rule> matrixRows()
    {
        return List.of(
            new Rule(Criterion.failures("crashes-3-in-5m", Criterion.CRASH, 3, 5 * Simulation.MINUTES).asCritical(),
                Action.ROLLBACK_FULL, Priority.P0, FailureLevel.L1.responseNs(), Rule.Phase.SERVING,
                "table-4.2-row-1"),
            new Rule(Criterion.ratio("error-rate-over-5pct-10m", ERRORS, REQUESTS, Operator.GT, 0.05,
                    10 * Simulation.MINUTES).withCoverageRequired().withMinSamples(ERROR_RATE_SAMPLES_MIN).asCritical(),
                Action.ROLLBACK_FULL, Priority.P0, FailureLevel.L1.responseNs(), Rule.Phase.ALWAYS,
                "table-4.2-row-2"),
            new Rule(Criterion.failures("critical-function-failed", CRITICAL_PROBE, 1, Criterion.IMMEDIATE_NS)
                    .withErrorLimit(PROBE_ERRORS_MAX).asCritical(),
                Action.ROLLBACK_FULL, Priority.P0, FailureLevel.L1.responseNs(), Rule.Phase.ALWAYS,
                "table-4.2-row-3"),
            new Rule(Criterion.of("latency-up-30pct-15m", LATENCY, Aggregation.CHANGE_VS_BASELINE, Operator.GT, 0.30,
                    15 * Simulation.MINUTES).withCoverageRequired(),
                Action.PREPARE_ROLLBACK, Priority.P1, FailureLevel.L2.responseNs(), Rule.Phase.ALWAYS,
                "table-4.2-row-4"),
            new Rule(Criterion.ratio("migration-success-under-80pct-30m", MIGRATED, MIGRATIONS, Operator.LT, 0.80,
                    30 * Simulation.MINUTES).withMinSamples(ERROR_RATE_SAMPLES_MIN),
                Action.PAUSE, Priority.P1, FailureLevel.L2.responseNs(), Rule.Phase.ALWAYS, "table-4.2-row-5"),
            new Rule(Criterion.of("leak-over-100MiB-per-hour", MEMORY, Aggregation.SLOPE_PER_HOUR, Operator.GT,
                    LEAK_BYTES_PER_HOUR, Simulation.HOURS).withCoverageRequired(),
                Action.ALERT, Priority.P2, FailureLevel.L4.responseNs(), Rule.Phase.ALWAYS, "table-4.2-row-6"));
    }

    /** Table 4.1's indicators, one rule each (level 2 has two). */
    public static List<Rule> levelRules()
    {
        return List.of(
            new Rule(Criterion.failures("startup-crash", Criterion.CRASH, 1, Criterion.IMMEDIATE_NS).asCritical(),
                FailureLevel.L1.strategy(), FailureLevel.L1.priority(), FailureLevel.L1.responseNs(),
                Rule.Phase.STARTUP, FailureLevel.L1.source()),
            new Rule(Criterion.ratio("migration-success-under-90pct-5m", MIGRATED, MIGRATIONS, Operator.LT, 0.90,
                    5 * Simulation.MINUTES).withMinSamples(ERROR_RATE_SAMPLES_MIN),
                FailureLevel.L2.strategy(), FailureLevel.L2.priority(), FailureLevel.L2.responseNs(),
                Rule.Phase.ALWAYS, FailureLevel.L2.source()),
            new Rule(Criterion.of("latency-up-50pct-5m", LATENCY, Aggregation.CHANGE_VS_BASELINE, Operator.GT, 0.50,
                    5 * Simulation.MINUTES).withCoverageRequired(),
                FailureLevel.L2.strategy(), FailureLevel.L2.priority(), FailureLevel.L2.responseNs(),
                Rule.Phase.ALWAYS, FailureLevel.L2.source()),
            new Rule(Criterion.failures("connection-migration-failed", MIGRATION_FAILED, 1, Criterion.IMMEDIATE_NS),
                FailureLevel.L3.strategy(), FailureLevel.L3.priority(), FailureLevel.L3.responseNs(),
                Rule.Phase.ALWAYS, FailureLevel.L3.source()),
            new Rule(Criterion.of("latency-up-5pct-5m", LATENCY, Aggregation.CHANGE_VS_BASELINE, Operator.GT, 0.05,
                    5 * Simulation.MINUTES).withCoverageRequired(),
                FailureLevel.L4.strategy(), FailureLevel.L4.priority(), FailureLevel.L4.responseNs(),
                Rule.Phase.ALWAYS, FailureLevel.L4.source()));
    }

    /** Rule 4 of step 5.1: a risk of data corruption forces an emergency rollback, skipping confirmation. */
    public static Rule corruptionRule()
    {
        return new Rule(Criterion.failures("data-corruption-risk", CORRUPTION, 1, Criterion.IMMEDIATE_NS).asCritical(),
            Action.ROLLBACK_EMERGENCY, Priority.P0, FailureLevel.L1.responseNs(), Rule.Phase.ALWAYS,
            "step-5.1-rule-4");
    }

    /** The matrix rows, the level rules and the corruption rule. */
    public static List<Rule> defaults()
    {
        final List<Rule> rules = new ArrayList<>(matrixRows());
        rules.addAll(levelRules());
        rules.add(corruptionRule());
        return List.copyOf(rules);
    }

    /**
     * Error rate, latency change, crashes and migration success, weighted 0.35, 0.25, 0.25, 0.15; each scores 0
     * at its healthy value and 1 at the value its matrix row fires at.
     */
    public static ConfidenceScore defaultScore()
    {
        return new ConfidenceScore(List.of(
            new ScoreComponent(Criterion.ratio("score-error-rate", ERRORS, REQUESTS, Operator.GT, 0.05,
                10 * Simulation.MINUTES), 0.35, 0.01, 0.05),
            new ScoreComponent(Criterion.of("score-latency-change", LATENCY, Aggregation.CHANGE_VS_BASELINE,
                Operator.GT, 0.30, 15 * Simulation.MINUTES), 0.25, 0.0, 0.30),
            new ScoreComponent(Criterion.failures("score-crashes", Criterion.CRASH, 3, 5 * Simulation.MINUTES),
                0.25, 0, 3),
            new ScoreComponent(Criterion.ratio("score-migration-success", MIGRATED, MIGRATIONS, Operator.LT, 0.80,
                30 * Simulation.MINUTES), 0.15, 0.95, 0.80)),
            ConfidenceScore.THRESHOLD_DEFAULT);
    }
}
