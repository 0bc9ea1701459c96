package org.hicsim.mm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.hicsim.core0.dispatch.NewConnectionRule;
import org.hicsim.core0.dispatch.RoutingDimension;
import org.hicsim.core0.spi.ConnectionClass;

/**
 * How traffic moves from the old instance to the new one: a list of {@link Stage}s, each moving a selection of
 * the connections and setting where new connections go, with a health check cadence. The strategies of the HIC
 * documents:
 * <ul>
 *     <li>{@code rolling}: HIC 3.3's four-phase progressive migration: idle and low connections (warm-up), medium
 *     (stable), high (critical), persistent (final);</li>
 *     <li>{@code immediate}: every connection in one stage, new connections to the new instance at once;</li>
 *     <li>{@code gradual}: shares of the connections by a stable hash of their user key (10, 25, 50, 100%),
 *     new connections split in the same proportion;</li>
 *     <li>{@code blue-green}: the new instance fully warmed, then everything in one step; the old one stays ready
 *     until the update is committed, so switching back is one step too;</li>
 *     <li>{@code canary}: the connections of chosen users (or devices) first, then, once the canary stage is
 *     approved (or its observation period passes without a rollback), everything;</li>
 *     <li>{@code ab}: a share of the users on the new version, kept until a decision promotes it to all;</li>
 *     <li>{@code rollback}: back to the version a completed update replaced, critical connections first.</li>
 * </ul>
 *
 * @param kind       which strategy.
 * @param shares     per-stage cumulative shares in percent (gradual, ab), ascending, the last below or at 100.
 * @param dimension  what canary and ab route on.
 * @param chosenKeys canary's users or devices.
 */
public record Strategy(Kind kind, int[] shares, RoutingDimension dimension, long[] chosenKeys)
{
    /** The strategies. */
    public enum Kind
    {
        ROLLING,
        IMMEDIATE,
        GRADUAL,
        BLUE_GREEN,
        CANARY,
        AB,
        /** Back to a rollback point after the update was completed (HIC 5.2): critical connections first. */
        ROLLBACK;

        /** The name scenarios use: {@code blue-green}, {@code ab}. */
        public String key()
        {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Strategy
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dimension, "dimension");
        shares = shares.clone();
        chosenKeys = chosenKeys.clone();
        for (int i = 0; i < shares.length; i++)
        {
            if (shares[i] < 1 || shares[i] > 100 || (i > 0 && shares[i] <= shares[i - 1]))
            {
                throw new IllegalArgumentException("shares=" + Arrays.toString(shares)
                    + " must ascend within 1..100");
            }
        }
    }

    public static Strategy rolling()
    {
        return new Strategy(Kind.ROLLING, new int[0], RoutingDimension.USER, new long[0]);
    }

    public static Strategy immediate()
    {
        return new Strategy(Kind.IMMEDIATE, new int[0], RoutingDimension.USER, new long[0]);
    }

    public static Strategy gradual(final int... shares)
    {
        return new Strategy(Kind.GRADUAL, shares.length == 0 ? new int[] {10, 25, 50, 100} : shares,
            RoutingDimension.USER, new long[0]);
    }

    public static Strategy blueGreen()
    {
        return new Strategy(Kind.BLUE_GREEN, new int[0], RoutingDimension.USER, new long[0]);
    }

    public static Strategy canary(final RoutingDimension dimension, final long... chosenKeys)
    {
        return new Strategy(Kind.CANARY, new int[0], dimension, chosenKeys);
    }

    public static Strategy rollback()
    {
        return new Strategy(Kind.ROLLBACK, new int[0], RoutingDimension.USER, new long[0]);
    }

    public static Strategy ab(final int newSharePercent)
    {
        return new Strategy(Kind.AB, new int[] {newSharePercent}, RoutingDimension.USER, new long[0]);
    }

    /**
     * The stages of an update from {@code oldEndpoint} to {@code newEndpoint}, under {@code policy}'s cadences.
     */
    public List<Stage> stages(final int oldEndpoint, final int newEndpoint, final UpdatePolicy policy)
    {
        final NewConnectionRule allNew = NewConnectionRule.all(newEndpoint);
        final long stable = policy.healthCheckIntervalNs();
        final long critical = policy.criticalHealthCheckIntervalNs();
        final List<Stage> stages = new ArrayList<>();
        switch (kind)
        {
            case ROLLING ->
            {
                stages.add(Stage.ofClasses("warm-up", EnumSet.of(ConnectionClass.IDLE, ConnectionClass.LOW), allNew,
                    Stage.AFTER_EACH_BATCH));
                stages.add(Stage.ofClasses("stable", EnumSet.of(ConnectionClass.MEDIUM), allNew, stable));
                stages.add(Stage.ofClasses("critical", EnumSet.of(ConnectionClass.HIGH), allNew, critical));
                stages.add(Stage.ofClasses("final", EnumSet.of(ConnectionClass.PERSISTENT), allNew,
                    Stage.AFTER_EACH_CONNECTION));
            }
            case IMMEDIATE, BLUE_GREEN -> stages.add(Stage.ofShare(kind.key(), 100, allNew, stable, false));
            case ROLLBACK ->
            {
                stages.add(Stage.ofClasses("persistent", EnumSet.of(ConnectionClass.PERSISTENT), allNew, stable));
                stages.add(Stage.ofClasses("high", EnumSet.of(ConnectionClass.HIGH), allNew, critical));
                stages.add(Stage.ofClasses("medium", EnumSet.of(ConnectionClass.MEDIUM), allNew, stable));
                stages.add(Stage.ofClasses("background", EnumSet.of(ConnectionClass.LOW, ConnectionClass.IDLE),
                    allNew, stable));
            }
            case GRADUAL ->
            {
                for (final int share : shares)
                {
                    stages.add(Stage.ofShare("share-" + share, share, share == 100 ? allNew
                        : NewConnectionRule.split(oldEndpoint, newEndpoint, share * 100), stable, false));
                }
                if (shares[shares.length - 1] != 100)
                {
                    stages.add(Stage.ofShare("share-100", 100, allNew, stable, false));
                }
            }
            case CANARY ->
            {
                stages.add(new Stage("canary", EnumSet.allOf(ConnectionClass.class), 0, chosenKeys, dimension,
                    new NewConnectionRule(oldEndpoint, newEndpoint, 0, dimension, chosenKeys), stable, true));
                stages.add(Stage.ofShare("promoted", 100, allNew, stable, false));
            }
            case AB ->
            {
                final int share = shares[0];
                stages.add(Stage.ofShare("ab-" + share, share,
                    NewConnectionRule.split(oldEndpoint, newEndpoint, share * 100), stable, true));
                stages.add(Stage.ofShare("promoted", 100, allNew, stable, false));
            }
            default -> throw new IllegalStateException("kind=" + kind);
        }
        return stages;
    }

    /**
     * The strategy named so in a scenario ({@code rolling}, {@code blue-green}, ...), with its defaults, or written
     * as {@link #toString()} writes it ({@code gradual shares=[40,100]}, {@code canary users=[7,9]}), which is how
     * the journal and the Module Manager's endpoint carry one.
     *
     * @throws IllegalArgumentException for a name no strategy has, or settings that are not its.
     */
    public static Strategy parse(final String text)
    {
        final String[] words = text.trim().split(" ");
        final Strategy named = named(words[0]);
        int[] shares = named.shares;
        RoutingDimension dimension = named.dimension;
        long[] keys = named.chosenKeys;
        for (int i = 1; i < words.length; i++)
        {
            final int equals = words[i].indexOf('=');
            final String key = equals < 0 ? words[i] : words[i].substring(0, equals);
            final long[] values = equals < 0 ? null : numbers(words[i].substring(equals + 1), text);
            if (values == null)
            {
                throw new IllegalArgumentException("strategy=" + text + " has a setting without a value: " + key);
            }
            switch (key)
            {
                case "shares" -> shares = Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
                case "users", "devices" ->
                {
                    dimension = key.equals("users") ? RoutingDimension.USER : RoutingDimension.DEVICE;
                    keys = values;
                }
                default -> throw new IllegalArgumentException("strategy=" + text + " has an unknown setting " + key);
            }
        }
        return new Strategy(named.kind, shares, dimension, keys);
    }

    private static Strategy named(final String key)
    {
        for (final Kind kind : Kind.values())
        {
            if (kind.key().equals(key))
            {
                return switch (kind)
                {
                    case ROLLING -> rolling();
                    case IMMEDIATE -> immediate();
                    case GRADUAL -> gradual();
                    case BLUE_GREEN -> blueGreen();
                    case CANARY -> canary(RoutingDimension.USER, 0);
                    case AB -> ab(50);
                    case ROLLBACK -> rollback();
                };
            }
        }
        throw new IllegalArgumentException("unknown strategy " + key
            + "; known: rolling, immediate, gradual, blue-green, canary, ab");
    }

    /** {@code [40,100]} as numbers. */
    private static long[] numbers(final String list, final String text)
    {
        if (!list.startsWith("[") || !list.endsWith("]") || list.length() < 3)
        {
            throw new IllegalArgumentException("strategy=" + text + " has a list that is not [n,...]: " + list);
        }
        try
        {
            return Arrays.stream(list.substring(1, list.length() - 1).split(",")).mapToLong(Long::parseLong)
                .toArray();
        }
        catch (final NumberFormatException notANumber)
        {
            throw new IllegalArgumentException("strategy=" + text + " has a list that is not numbers: " + list);
        }
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Strategy && toString().equals(other.toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }

    @Override
    public String toString()
    {
        return kind.key() + (shares.length == 0 ? "" : " shares=" + Arrays.toString(shares).replace(" ", ""))
            + (chosenKeys.length == 0 ? "" : " " + dimension.name().toLowerCase(Locale.ROOT) + "s="
            + Arrays.toString(chosenKeys).replace(" ", ""));
    }
}
