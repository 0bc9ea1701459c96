package org.hicsim.scenario;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

import org.hicsim.core0.spi.Quiescence;
import org.hicsim.mm.Strategy;
import org.hicsim.mm.UpdatePolicy;

/**
 * The keys of a scenario's {@code policy:} blocks: one per component of the Module Manager's {@link UpdatePolicy},
 * named as the component in snake_case without its {@code Ns} suffix (a duration carries its unit in the value:
 * {@code rollback_window: 24h}), plus {@link #RESTART_ON_CRASH}, which is the runner's, not an update's.
 */
public enum PolicyKey
{
    MAX_DOWNTIME("maxDowntimeNs", Kind.DURATION, (b, v) -> b.maxDowntimeNs((Long)v)),
    ROLLBACK_WINDOW("rollbackWindowNs", Kind.DURATION, (b, v) -> b.rollbackWindowNs((Long)v)),
    HEALTH_CHECK_INTERVAL("healthCheckIntervalNs", Kind.POSITIVE_DURATION, (b, v) -> b.healthCheckIntervalNs((Long)v)),
    CRITICAL_HEALTH_CHECK_INTERVAL("criticalHealthCheckIntervalNs", Kind.POSITIVE_DURATION,
        (b, v) -> b.criticalHealthCheckIntervalNs((Long)v)),
    MIGRATIONS_PER_SECOND_MAX("migrationsPerSecondMax", Kind.POSITIVE_COUNT,
        (b, v) -> b.migrationsPerSecondMax((Integer)v)),
    MIGRATIONS_IN_FLIGHT_MAX("migrationsInFlightMax", Kind.POSITIVE_COUNT,
        (b, v) -> b.migrationsInFlightMax((Integer)v)),
    BATCH_SIZE("batchSize", Kind.POSITIVE_COUNT, (b, v) -> b.batchSize((Integer)v)),
    MEMORY_HEADROOM_FACTOR("memoryHeadroomFactor", Kind.POSITIVE_COUNT, (b, v) -> b.memoryHeadroomFactor((Integer)v)),
    QUIESCENCE("quiescence", Kind.QUIESCENCE, (b, v) -> b.quiescence((Quiescence)v)),
    QUIESCENCE_DEADLINE("quiescenceDeadlineNs", Kind.DURATION, (b, v) -> b.quiescenceDeadlineNs((Long)v)),
    QUIESCENCE_POLL("quiescencePollNs", Kind.POSITIVE_DURATION, (b, v) -> b.quiescencePollNs((Long)v)),
    BASELINE_TOLERANCE_RATIO("baselineToleranceRatio", Kind.RATIO, (b, v) -> b.baselineToleranceRatio((Double)v)),
    FIRST_REQUEST_LATENCY_INCREASE_MAX("firstRequestLatencyIncreaseMaxNs", Kind.DURATION,
        (b, v) -> b.firstRequestLatencyIncreaseMaxNs((Long)v)),
    CONNECTION_RETRIES("connectionRetries", Kind.COUNT, (b, v) -> b.connectionRetries((Integer)v)),
    CONSISTENCY_CHECK("consistencyCheck", Kind.BOOLEAN, (b, v) -> b.consistencyCheck((Boolean)v)),
    GATE_REQUESTS("gateRequests", Kind.COUNT, (b, v) -> b.gateRequests((Integer)v)),
    LEAK_CHECK_REQUESTS("leakCheckRequests", Kind.COUNT, (b, v) -> b.leakCheckRequests((Integer)v)),
    LEAK_GROWTH_BYTES_MAX("leakGrowthBytesMax", Kind.COUNT, (b, v) -> b.leakGrowthBytesMax((Integer)v)),
    STABILITY_PERIOD("stabilityPeriodNs", Kind.DURATION, (b, v) -> b.stabilityPeriodNs((Long)v)),
    STABILITY_ERROR_RATE_MAX("stabilityErrorRateMax", Kind.RATIO, (b, v) -> b.stabilityErrorRateMax((Double)v)),
    OLD_SHUTDOWN_GRACE("oldShutdownGraceNs", Kind.DURATION, (b, v) -> b.oldShutdownGraceNs((Long)v)),
    NEW_SHUTDOWN_GRACE("newShutdownGraceNs", Kind.DURATION, (b, v) -> b.newShutdownGraceNs((Long)v)),
    RETENTION("retentionNs", Kind.DURATION, (b, v) -> b.retentionNs((Long)v)),
    NEW_INSTANCE_CPU_QUOTA_PERCENT("newInstanceCpuQuotaPercent", Kind.PERCENT,
        (b, v) -> b.newInstanceCpuQuotaPercent((Integer)v)),
    ALLOW_DOWNGRADE("allowDowngrade", Kind.BOOLEAN, (b, v) -> b.allowDowngrade((Boolean)v)),
    STRATEGY("strategy", Kind.STRATEGY, (b, v) -> b.strategy((Strategy)v)),
    ROLLBACK_APPROVAL_TIMEOUT("rollbackApprovalTimeoutNs", Kind.DURATION,
        (b, v) -> b.rollbackApprovalTimeoutNs((Long)v)),
    ALLOW_PROBLEMATIC("allowProblematic", Kind.BOOLEAN, (b, v) -> b.allowProblematic((Boolean)v)),
    ROLLBACK_POINT_INTERVAL("rollbackPointIntervalNs", Kind.DURATION, (b, v) -> b.rollbackPointIntervalNs((Long)v)),
    /**
     * Whether a crashed instance is restarted: at most {@value #RESTART_ATTEMPTS_MAX} attempts,
     * {@link #RESTART_INTERVAL_NS} apart, as HIC's monitor does. Not a field of {@link UpdatePolicy}: the runner
     * reads it from {@link PolicyChange#restartOnCrash()}.
     */
    RESTART_ON_CRASH(null, Kind.BOOLEAN, null);

    /**
     * The strategies a scenario may choose, by {@link Strategy.Kind#key()}: the Module Manager's own rollback
     * strategy is not among them (a {@code rollback} step asks for that).
     */
    public static final List<String> STRATEGIES = List.of("rolling", "immediate", "gradual", "blue-green", "canary",
        "ab");
    /** How often a crashed instance is restarted when {@link #RESTART_ON_CRASH} is set. */
    public static final int RESTART_ATTEMPTS_MAX = 3;
    /** The wait before each attempt. */
    public static final long RESTART_INTERVAL_NS = 1_000_000_000L;

    /** What a key's value is, which decides how it is written and read. */
    public enum Kind
    {
        /** A duration, 0 or more ({@link VirtualDuration}); read as a {@code Long} of nanoseconds. */
        DURATION,
        /** A duration above 0. */
        POSITIVE_DURATION,
        /** An integer, 0 or more; an {@code Integer}. */
        COUNT,
        /** An integer, 1 or more. */
        POSITIVE_COUNT,
        /** An integer from 0 to 100: a share of the core in whole percent, 0 for "the manifest's". */
        PERCENT,
        /** A percentage or a fraction from 0 to 1 ({@link Ratio}); a {@code Double}. */
        RATIO,
        /** {@code true} or {@code false}; a {@code Boolean}. */
        BOOLEAN,
        /** {@code work_free}, {@code request_free} or {@code protocol_free}: a {@link Quiescence}. */
        QUIESCENCE,
        /** A strategy's name, or a mapping with its name and parameters: a {@link Strategy}. */
        STRATEGY
    }

    private final String key;
    private final String component;
    private final Kind kind;
    private final BiConsumer<UpdatePolicy.Builder, Object> setter;

    PolicyKey(final String component, final Kind kind, final BiConsumer<UpdatePolicy.Builder, Object> setter)
    {
        this.key = name().toLowerCase(Locale.ROOT);
        this.component = component;
        this.kind = kind;
        this.setter = setter;
    }

    /** The key as a scenario writes it, e.g. {@code rollback_window}. */
    public String key()
    {
        return key;
    }

    /** The {@link UpdatePolicy} component it sets, or null for {@link #RESTART_ON_CRASH}. */
    public String component()
    {
        return component;
    }

    public Kind kind()
    {
        return kind;
    }

    /** The key named so, or null. */
    public static PolicyKey byKey(final String key)
    {
        for (final PolicyKey policyKey : values())
        {
            if (policyKey.key.equals(key))
            {
                return policyKey;
            }
        }
        return null;
    }

    /**
     * What the key is when no policy block sets it: {@link UpdatePolicy#DEFAULT}'s component, read through the
     * record's accessor so that the two cannot drift apart; {@code false} for {@link #RESTART_ON_CRASH}.
     */
    public Object defaultValue()
    {
        if (component == null)
        {
            return Boolean.FALSE;
        }
        for (final RecordComponent recordComponent : UpdatePolicy.class.getRecordComponents())
        {
            if (recordComponent.getName().equals(component))
            {
                try
                {
                    return recordComponent.getAccessor().invoke(UpdatePolicy.DEFAULT);
                }
                catch (final IllegalAccessException | InvocationTargetException ex)
                {
                    throw new IllegalStateException("component=" + component + ": its accessor failed", ex);
                }
            }
        }
        throw new IllegalStateException("component=" + component + ": UpdatePolicy has no such component");
    }

    /** Sets {@code value}, of this key's {@link #kind()}, on {@code builder}; nothing for the runner's own keys. */
    void apply(final UpdatePolicy.Builder builder, final Object value)
    {
        if (setter != null)
        {
            setter.accept(builder, value);
        }
    }
}
