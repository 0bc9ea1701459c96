package org.hicsim.scenario;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import org.hicsim.core0.spi.Quiescence;
import org.hicsim.mm.Strategy;
import org.hicsim.mm.UpdatePolicy;

/**
 * The settings one {@code policy:} block (or {@code set-policy} step, or an update's {@code strategy:}) gives:
 * only those written, each applied over the policy in force. Immutable.
 *
 * @param settings key to value, of the key's {@link PolicyKey#kind()}: {@code Long} nanoseconds, {@code Integer},
 *                 {@code Double} fraction, {@code Boolean}, {@link Quiescence} or {@link Strategy}.
 */
public record PolicyChange(Map<PolicyKey, Object> settings)
{
    /** No setting. */
    public static final PolicyChange NONE = new PolicyChange(Map.of());

    public PolicyChange
    {
        final EnumMap<PolicyKey, Object> copy = new EnumMap<>(PolicyKey.class);
        copy.putAll(settings);
        settings = Collections.unmodifiableMap(copy);
    }

    /** {@code policy} with these settings written over it. */
    public UpdatePolicy applyTo(final UpdatePolicy policy)
    {
        if (settings.isEmpty())
        {
            return policy;
        }
        final UpdatePolicy.Builder builder = policy.toBuilder();
        settings.forEach((key, value) -> key.apply(builder, value));
        return builder.build();
    }

    /** {@code restart_on_crash}, if this block sets it. */
    public Optional<Boolean> restartOnCrash()
    {
        return Optional.ofNullable((Boolean)settings.get(PolicyKey.RESTART_ON_CRASH));
    }

    /** These settings, then {@code later}'s, which win where both set a key. */
    public PolicyChange then(final PolicyChange later)
    {
        final EnumMap<PolicyKey, Object> merged = new EnumMap<>(PolicyKey.class);
        merged.putAll(settings);
        merged.putAll(later.settings);
        return new PolicyChange(merged);
    }

    public boolean isEmpty()
    {
        return settings.isEmpty();
    }

    /** {@code key=value} pairs in key order, durations and ratios as a scenario writes them. */
    @Override
    public String toString()
    {
        final StringJoiner text = new StringJoiner(" ");
        settings.forEach((key, value) -> text.add(key.key() + "=" + format(key, value)));
        return text.toString();
    }

    private static String format(final PolicyKey key, final Object value)
    {
        return switch (key.kind())
        {
            case DURATION, POSITIVE_DURATION -> VirtualDuration.format((Long)value);
            case RATIO -> Ratio.format((Double)value);
            case QUIESCENCE -> ((Quiescence)value).name().toLowerCase(java.util.Locale.ROOT);
            default -> value.toString();
        };
    }
}
