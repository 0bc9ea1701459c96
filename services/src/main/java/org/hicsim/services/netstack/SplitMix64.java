package org.hicsim.services.netstack;

/**
 * SplitMix64 (Steele, Lea and Flood): a generator whose whole state is one {@code long}, so it lives in sandbox
 * memory and migrates with the rest, and a good 64-bit mixer for hashing. Public for the faulty netstack
 * builds ({@code org.hicsim.services.faulty}), which draw their faults from it too.
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
}
