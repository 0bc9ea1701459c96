package org.hicsim.mm;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.hicsim.core0.dispatch.NewConnectionRule;
import org.hicsim.core0.dispatch.RoutingDimension;
import org.hicsim.core0.spi.ConnectionClass;

/**
 * One stage of a {@link Strategy}: which connections move in it, where new connections go from its start, and
 * how often the new instance's health is checked while it runs.
 *
 * @param name                  as reports and traces show it ({@code warm-up}, {@code share-25}).
 * @param classes               the classes of the connections it moves.
 * @param sharePermyriad        moves a connection of those classes if its key's stable bucket
 *                              ({@link NewConnectionRule#bucket}) is below this (10,000: all of them)...
 * @param chosenKeys            ...or if its key is one of these.
 * @param dimension             which key of the connection {@code sharePermyriad} and {@code chosenKeys} read.
 * @param newConnections        the rule for connections opened from the stage's start.
 * @param healthCheckIntervalNs the cadence, or {@link #AFTER_EACH_BATCH} or {@link #AFTER_EACH_CONNECTION}.
 * @param waitsForApproval      the update pauses after this stage until it is approved (canary, A/B).
 */
public record Stage(
    String name,
    Set<ConnectionClass> classes,
    int sharePermyriad,
    long[] chosenKeys,
    RoutingDimension dimension,
    NewConnectionRule newConnections,
    long healthCheckIntervalNs,
    boolean waitsForApproval)
{
    /** Check health after each batch of {@link UpdatePolicy#batchSize()} connections. */
    public static final long AFTER_EACH_BATCH = -1;
    /** Check health after each connection. */
    public static final long AFTER_EACH_CONNECTION = -2;

    public Stage
    {
        classes = EnumSet.copyOf(classes);
        chosenKeys = chosenKeys.clone();
        Arrays.sort(chosenKeys);
    }

    static Stage ofClasses(
        final String name, final Set<ConnectionClass> classes, final NewConnectionRule rule, final long cadenceNs)
    {
        return new Stage(name, classes, NewConnectionRule.PERMYRIAD_ALL, new long[0], RoutingDimension.USER, rule,
            cadenceNs, false);
    }

    static Stage ofShare(final String name, final int sharePercent, final NewConnectionRule rule, final long cadenceNs,
        final boolean waitsForApproval)
    {
        return new Stage(name, EnumSet.allOf(ConnectionClass.class), sharePercent * 100, new long[0],
            RoutingDimension.USER, rule, cadenceNs, waitsForApproval);
    }

    /** Whether a connection of this class and these keys moves in this stage (if it has not moved yet). */
    public boolean selects(final ConnectionClass connectionClass, final long userKey, final long deviceKey)
    {
        if (!classes.contains(connectionClass))
        {
            return false;
        }
        final long key = dimension == RoutingDimension.USER ? userKey : deviceKey;
        return Arrays.binarySearch(chosenKeys, key) >= 0 || NewConnectionRule.bucket(key) < sharePermyriad;
    }
}
