package org.hicsim.services.common;

import org.hicsim.core0.spi.ServiceContext;

/**
 * SplitMix64 (Steele, Lea and Flood): a generator whose whole state is one {@code long}, so it lives in sandbox
 * memory and migrates with the rest, and a good 64-bit mixer for hashing. Any service that needs randomness
 * draws it from here over a state word it seeds, so runs stay deterministic.
 */
public final class SplitMix64
{
    public static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    private SplitMix64()
    {
    }

    public static long mix(final long value)
    {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** Steps the generator whose state is the {@code long} at {@code address} and answers its next output. */
    public static long next(final ServiceContext context, final long address)
    {
        final long state = context.loadLong(address) + GOLDEN_GAMMA;
        context.storeLong(address, state);
        return mix(state);
    }
}
