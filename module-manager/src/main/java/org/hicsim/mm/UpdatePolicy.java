package org.hicsim.mm;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Quiescence;

/**
 * How one update is to be done: the HIC document's update policy (step 1.1) and every gate and threshold of the
 * phases after it, each with the document's default. Immutable; {@code with*} methods give a changed copy.
 *
 * @param maxDowntimeNs             step 1.1's "maximum allowed downtime": 0, zero downtime.
 * @param rollbackWindowNs          step 4.3's automatic rollback window, 24 h.
 * @param healthCheckIntervalNs     step 1.1's health check frequency, 5 s (phase 3's "stable" wave).
 * @param criticalHealthCheckIntervalNs the "critical" wave's cadence, 2 s.
 * @param migrationsPerSecondMax    step 1.1's limit on connection migrations, 100 a second.
 * @param migrationsInFlightMax     how many connection moves may be under way at once (1): the next move begins
 *                                  when one settles or at the rate limit, whichever is later, so a new instance
 *                                  slower than the rate is given moves as fast as it takes them, not faster.
 * @param batchSize                 the warm-up wave checks health after each batch of this many connections.
 * @param memoryHeadroomFactor      step 1.3: free memory must be at least this many times the service's need.
 * @param quiescence                the level the exporter reaches at its consistency point.
 * @param quiescenceDeadlineNs      how long the exporter may take to reach it before the update is cancelled.
 * @param quiescencePollNs          how often it is asked.
 * @param baselineToleranceRatio    step 2.4: the new instance's latency on the test requests may exceed the old
 *                                  one's by at most this share (5%).
 * @param firstRequestLatencyIncreaseMaxNs step 3.3's post-migration check: at most 10 ms more than the baseline.
 * @param connectionRetries         how often a connection whose move or check failed is tried again before it is
 *                                  handed back to the old instance alone (3); the snapshot's transfer likewise.
 * @param consistencyCheck          step 2.4: the new instance must answer the test packets as the old one does.
 * @param gateRequests              step 2.4: test packets each instance answers for the consistency check and the
 *                                  performance baseline (16; 0 skips both).
 * @param leakCheckRequests         step 2.4's short leak check: test packets the new instance answers while its
 *                                  memory is watched (64; 0 skips it).
 * @param leakGrowthBytesMax        how much the new instance's memory may grow over them (64 KiB).
 * @param stabilityPeriodNs         step 4.1's stability monitoring period, 1 h.
 * @param stabilityErrorRateMax     the new instance's error rate allowed over it (0.01%).
 * @param oldShutdownGraceNs        step 4.2: the old instance's graceful shutdown waits at most 5 min.
 * @param newShutdownGraceNs        step 5.3: on a rollback, the new instance's, 2 min.
 * @param retentionNs               step 4.3: an old version is eligible for cleanup after 7 days.
 * @param newInstanceCpuQuotaPercent the new instance's CPU quota, 1 to 100, or 0 for its manifest's
 *                                  {@code cpu_quota}: its import of the state runs under it.
 * @param allowDowngrade            an older version than the one accepted may be installed (a rollback forward).
 * @param strategy                  how traffic moves to the new instance.
 * @param rollbackApprovalTimeoutNs step 5.1.3's manual confirmation: 0 (the default) takes a rollback request at
 *                                  once; more makes it wait for an approval that long at most, then it is taken
 *                                  by itself. An emergency rollback never waits.
 * @param allowProblematic          a bundle whose digest is marked problematic may be installed (the override).
 * @param newInstanceConfiguration  what the new instance starts with, over its manifest's {@code config} defaults
 *                                  (empty: the defaults alone), e.g. a faulty build's {@code fault.after_ns}, which
 *                                  counts from the new instance's start. A restart of that instance keeps it.
 * @param rollbackPointIntervalNs   step 5.1 rule 4, watched by the Module Manager: after the migration, through
 *                                  the stability period, the new instance's state is exported in the old
 *                                  version's layout this often, its seal (CRC32) checked, and kept as the rollback
 *                                  point (5 min; 0 never). A mismatch takes the emergency rollback at once.
 */
public record UpdatePolicy(
    long maxDowntimeNs,
    long rollbackWindowNs,
    long healthCheckIntervalNs,
    long criticalHealthCheckIntervalNs,
    int migrationsPerSecondMax,
    int migrationsInFlightMax,
    int batchSize,
    int memoryHeadroomFactor,
    Quiescence quiescence,
    long quiescenceDeadlineNs,
    long quiescencePollNs,
    double baselineToleranceRatio,
    long firstRequestLatencyIncreaseMaxNs,
    int connectionRetries,
    boolean consistencyCheck,
    int gateRequests,
    int leakCheckRequests,
    long leakGrowthBytesMax,
    long stabilityPeriodNs,
    double stabilityErrorRateMax,
    long oldShutdownGraceNs,
    long newShutdownGraceNs,
    long retentionNs,
    int newInstanceCpuQuotaPercent,
    boolean allowDowngrade,
    Strategy strategy,
    long rollbackApprovalTimeoutNs,
    boolean allowProblematic,
    Configuration newInstanceConfiguration,
    long rollbackPointIntervalNs)
{
    public static final UpdatePolicy DEFAULT = new UpdatePolicy(
        0,
        24 * Simulation.HOURS,
        5 * Simulation.SECONDS,
        2 * Simulation.SECONDS,
        100,
        1,
        50,
        2,
        Quiescence.REQUEST_FREE,
        30 * Simulation.SECONDS,
        10 * Simulation.MILLIS,
        0.05,
        10 * Simulation.MILLIS,
        3,
        true,
        16,
        64,
        64 * 1024,
        Simulation.HOURS,
        0.0001,
        5 * Simulation.MINUTES,
        2 * Simulation.MINUTES,
        7 * 24 * Simulation.HOURS,
        0,
        false,
        Strategy.rolling(),
        0,
        false,
        Configuration.EMPTY,
        5 * Simulation.MINUTES);

    public UpdatePolicy
    {
        if (maxDowntimeNs < 0 || rollbackWindowNs < 0 || healthCheckIntervalNs <= 0 || criticalHealthCheckIntervalNs <= 0
            || migrationsPerSecondMax < 1 || migrationsInFlightMax < 1 || batchSize < 1 || memoryHeadroomFactor < 1 || quiescenceDeadlineNs < 0
            || quiescencePollNs <= 0 || !(baselineToleranceRatio >= 0) || firstRequestLatencyIncreaseMaxNs < 0
            || connectionRetries < 0 || gateRequests < 0 || leakCheckRequests < 0 || leakGrowthBytesMax < 0
            || stabilityPeriodNs < 0 || !(stabilityErrorRateMax >= 0 && stabilityErrorRateMax <= 1)
            || oldShutdownGraceNs < 0 || newShutdownGraceNs < 0 || retentionNs < 0 || quiescence == null
            || newInstanceCpuQuotaPercent < 0 || newInstanceCpuQuotaPercent > 100
            || strategy == null || rollbackApprovalTimeoutNs < 0 || newInstanceConfiguration == null
            || rollbackPointIntervalNs < 0)
        {
            throw new IllegalArgumentException("invalid update policy: " + this);
        }
    }

    /** The wait between two connection migrations at the rate limit. */
    public long migrationIntervalNs()
    {
        return Simulation.SECONDS / migrationsPerSecondMax;
    }

    /** A builder starting from this policy's settings. */
    public Builder toBuilder()
    {
        return new Builder(this);
    }

    /** Changes some settings of a policy; {@link #build()} validates the whole. */
    public static final class Builder
    {
        private long maxDowntimeNs;
        private long rollbackWindowNs;
        private long healthCheckIntervalNs;
        private long criticalHealthCheckIntervalNs;
        private int migrationsPerSecondMax;
        private int migrationsInFlightMax;
        private int batchSize;
        private int memoryHeadroomFactor;
        private Quiescence quiescence;
        private long quiescenceDeadlineNs;
        private long quiescencePollNs;
        private double baselineToleranceRatio;
        private long firstRequestLatencyIncreaseMaxNs;
        private int connectionRetries;
        private boolean consistencyCheck;
        private int gateRequests;
        private int leakCheckRequests;
        private long leakGrowthBytesMax;
        private long stabilityPeriodNs;
        private double stabilityErrorRateMax;
        private long oldShutdownGraceNs;
        private long newShutdownGraceNs;
        private long retentionNs;
        private int newInstanceCpuQuotaPercent;
        private boolean allowDowngrade;
        private Strategy strategy;
        private long rollbackApprovalTimeoutNs;
        private boolean allowProblematic;
        private Configuration newInstanceConfiguration;
        private long rollbackPointIntervalNs;

        private Builder(final UpdatePolicy policy)
        {
            maxDowntimeNs = policy.maxDowntimeNs;
            rollbackWindowNs = policy.rollbackWindowNs;
            healthCheckIntervalNs = policy.healthCheckIntervalNs;
            criticalHealthCheckIntervalNs = policy.criticalHealthCheckIntervalNs;
            migrationsPerSecondMax = policy.migrationsPerSecondMax;
            migrationsInFlightMax = policy.migrationsInFlightMax;
            batchSize = policy.batchSize;
            memoryHeadroomFactor = policy.memoryHeadroomFactor;
            quiescence = policy.quiescence;
            quiescenceDeadlineNs = policy.quiescenceDeadlineNs;
            quiescencePollNs = policy.quiescencePollNs;
            baselineToleranceRatio = policy.baselineToleranceRatio;
            firstRequestLatencyIncreaseMaxNs = policy.firstRequestLatencyIncreaseMaxNs;
            connectionRetries = policy.connectionRetries;
            consistencyCheck = policy.consistencyCheck;
            gateRequests = policy.gateRequests;
            leakCheckRequests = policy.leakCheckRequests;
            leakGrowthBytesMax = policy.leakGrowthBytesMax;
            stabilityPeriodNs = policy.stabilityPeriodNs;
            stabilityErrorRateMax = policy.stabilityErrorRateMax;
            oldShutdownGraceNs = policy.oldShutdownGraceNs;
            newShutdownGraceNs = policy.newShutdownGraceNs;
            retentionNs = policy.retentionNs;
            newInstanceCpuQuotaPercent = policy.newInstanceCpuQuotaPercent;
            allowDowngrade = policy.allowDowngrade;
            strategy = policy.strategy;
            rollbackApprovalTimeoutNs = policy.rollbackApprovalTimeoutNs;
            allowProblematic = policy.allowProblematic;
            newInstanceConfiguration = policy.newInstanceConfiguration;
            rollbackPointIntervalNs = policy.rollbackPointIntervalNs;
        }

        public Builder maxDowntimeNs(final long value)
        {
            maxDowntimeNs = value;
            return this;
        }

        public Builder rollbackWindowNs(final long value)
        {
            rollbackWindowNs = value;
            return this;
        }

        public Builder healthCheckIntervalNs(final long value)
        {
            healthCheckIntervalNs = value;
            return this;
        }

        public Builder criticalHealthCheckIntervalNs(final long value)
        {
            criticalHealthCheckIntervalNs = value;
            return this;
        }

        public Builder migrationsPerSecondMax(final int value)
        {
            migrationsPerSecondMax = value;
            return this;
        }

        public Builder migrationsInFlightMax(final int value)
        {
            migrationsInFlightMax = value;
            return this;
        }

        public Builder batchSize(final int value)
        {
            batchSize = value;
            return this;
        }

        public Builder memoryHeadroomFactor(final int value)
        {
            memoryHeadroomFactor = value;
            return this;
        }

        public Builder quiescence(final Quiescence value)
        {
            quiescence = value;
            return this;
        }

        public Builder quiescenceDeadlineNs(final long value)
        {
            quiescenceDeadlineNs = value;
            return this;
        }

        public Builder quiescencePollNs(final long value)
        {
            quiescencePollNs = value;
            return this;
        }

        public Builder baselineToleranceRatio(final double value)
        {
            baselineToleranceRatio = value;
            return this;
        }

        public Builder firstRequestLatencyIncreaseMaxNs(final long value)
        {
            firstRequestLatencyIncreaseMaxNs = value;
            return this;
        }

        public Builder connectionRetries(final int value)
        {
            connectionRetries = value;
            return this;
        }

        public Builder consistencyCheck(final boolean value)
        {
            consistencyCheck = value;
            return this;
        }

        public Builder gateRequests(final int value)
        {
            gateRequests = value;
            return this;
        }

        public Builder leakCheckRequests(final int value)
        {
            leakCheckRequests = value;
            return this;
        }

        public Builder leakGrowthBytesMax(final long value)
        {
            leakGrowthBytesMax = value;
            return this;
        }

        public Builder stabilityPeriodNs(final long value)
        {
            stabilityPeriodNs = value;
            return this;
        }

        public Builder stabilityErrorRateMax(final double value)
        {
            stabilityErrorRateMax = value;
            return this;
        }

        public Builder oldShutdownGraceNs(final long value)
        {
            oldShutdownGraceNs = value;
            return this;
        }

        public Builder newShutdownGraceNs(final long value)
        {
            newShutdownGraceNs = value;
            return this;
        }

        public Builder retentionNs(final long value)
        {
            retentionNs = value;
            return this;
        }

        public Builder newInstanceCpuQuotaPercent(final int value)
        {
            newInstanceCpuQuotaPercent = value;
            return this;
        }

        public Builder allowDowngrade(final boolean value)
        {
            allowDowngrade = value;
            return this;
        }

        public Builder strategy(final Strategy value)
        {
            strategy = value;
            return this;
        }

        public Builder rollbackApprovalTimeoutNs(final long value)
        {
            rollbackApprovalTimeoutNs = value;
            return this;
        }

        public Builder allowProblematic(final boolean value)
        {
            allowProblematic = value;
            return this;
        }

        public Builder newInstanceConfiguration(final Configuration value)
        {
            newInstanceConfiguration = value;
            return this;
        }

        public Builder rollbackPointIntervalNs(final long value)
        {
            rollbackPointIntervalNs = value;
            return this;
        }

        public UpdatePolicy build()
        {
            return new UpdatePolicy(maxDowntimeNs, rollbackWindowNs, healthCheckIntervalNs,
                criticalHealthCheckIntervalNs, migrationsPerSecondMax, migrationsInFlightMax, batchSize,
                memoryHeadroomFactor, quiescence,
                quiescenceDeadlineNs, quiescencePollNs, baselineToleranceRatio, firstRequestLatencyIncreaseMaxNs,
                connectionRetries, consistencyCheck, gateRequests, leakCheckRequests, leakGrowthBytesMax,
                stabilityPeriodNs, stabilityErrorRateMax, oldShutdownGraceNs, newShutdownGraceNs,
                retentionNs, newInstanceCpuQuotaPercent, allowDowngrade, strategy, rollbackApprovalTimeoutNs,
                allowProblematic, newInstanceConfiguration, rollbackPointIntervalNs);
        }
    }
}
