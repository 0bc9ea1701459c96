package org.hicsim.core0.dispatch;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where a service's new connections go: the mechanism under every traffic strategy of the Module Manager. A
 * connection whose key is one of {@code chosenKeys} (canary users or devices), or whose key's stable hash falls in
 * the first {@code alternatePermyriad} of 10,000 buckets (gradual, A/B), goes to the alternate endpoint; every
 * other one to the primary. Blue-green and immediate are the two ends: 0 or 10,000.
 * <p>
 * The hash is a fixed function of the key, so a key lands in the same bucket in every run, and raising the
 * share only ever moves keys from primary to alternate, never back.
 *
 * @param primaryEndpoint    endpoint id, or {@link #DEFAULT_ENDPOINT} for whatever the registry's default is when
 *                           the connection opens.
 * @param alternateEndpoint  endpoint id, or {@link #DEFAULT_ENDPOINT}.
 * @param alternatePermyriad 0 to 10,000.
 * @param dimension          which key of the connection the rule reads.
 * @param chosenKeys         keys that always go to the alternate, any order.
 */
public record NewConnectionRule(
    int primaryEndpoint, int alternateEndpoint, int alternatePermyriad, RoutingDimension dimension, long[] chosenKeys)
{
    /** An endpoint of {@code 0}: the registry's default endpoint of the service at the time of the open. */
    public static final int DEFAULT_ENDPOINT = 0;
    public static final int PERMYRIAD_ALL = 10_000;

    /** Every new connection to the registry's default: what a service has until a strategy says otherwise. */
    public static final NewConnectionRule FOLLOW_DEFAULT =
        new NewConnectionRule(DEFAULT_ENDPOINT, DEFAULT_ENDPOINT, 0, RoutingDimension.USER, new long[0]);

    public NewConnectionRule
    {
        Objects.requireNonNull(dimension, "dimension");
        if (alternatePermyriad < 0 || alternatePermyriad > PERMYRIAD_ALL || primaryEndpoint < 0 || alternateEndpoint < 0)
        {
            throw new IllegalArgumentException("alternatePermyriad=" + alternatePermyriad + " primaryEndpoint="
                + primaryEndpoint + " alternateEndpoint=" + alternateEndpoint + ": share in [0, 10000], ids >= 0");
        }
        chosenKeys = chosenKeys.clone();
        Arrays.sort(chosenKeys);
    }

    /** Every new connection to {@code endpointId}. */
    public static NewConnectionRule all(final int endpointId)
    {
        return new NewConnectionRule(endpointId, endpointId, 0, RoutingDimension.USER, new long[0]);
    }

    /** A share of new connections, by stable hash of the user key, to {@code alternate}. */
    public static NewConnectionRule split(final int primary, final int alternate, final int alternatePermyriad)
    {
        return new NewConnectionRule(primary, alternate, alternatePermyriad, RoutingDimension.USER, new long[0]);
    }

    /**
     * @return the endpoint for a connection with these keys, possibly {@link #DEFAULT_ENDPOINT}.
     */
    public int route(final long userKey, final long deviceKey)
    {
        final long key = dimension == RoutingDimension.USER ? userKey : deviceKey;
        if (Arrays.binarySearch(chosenKeys, key) >= 0 || bucket(key) < alternatePermyriad)
        {
            return alternateEndpoint;
        }
        return primaryEndpoint;
    }

    /** The key's bucket in [0, 10,000): a fixed mix of its bits (SplitMix64's finalizer), then the remainder. */
    public static int bucket(final long key)
    {
        long z = key + 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z = z ^ (z >>> 31);
        return (int)Long.remainderUnsigned(z, PERMYRIAD_ALL);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof NewConnectionRule && equalTo((NewConnectionRule)other);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(primaryEndpoint, alternateEndpoint, alternatePermyriad, dimension)
            * 31 + Arrays.hashCode(chosenKeys);
    }

    @Override
    public String toString()
    {
        return "primary=" + primaryEndpoint + " alternate=" + alternateEndpoint + " permyriad=" + alternatePermyriad
            + " dimension=" + dimension + " chosen=" + chosenKeys.length;
    }

    private boolean equalTo(final NewConnectionRule other)
    {
        return primaryEndpoint == other.primaryEndpoint && alternateEndpoint == other.alternateEndpoint
            && alternatePermyriad == other.alternatePermyriad && dimension == other.dimension
            && Arrays.equals(chosenKeys, other.chosenKeys);
    }
}
