package org.hicsim.core0.cap;

/**
 * Layout of a capability handle: the opaque 64-bit value a sandbox holds and passes to system calls.
 * <p>
 * HIC's layout is "upper 32 bits a per-domain token, lower 32 the capability id"; here the top bit is zero so
 * that every handle is non-negative and a negative result can be an error code, and the capability id is split
 * into the slot generation and the slot index. How many bits the slot index takes is the space's <em>radix</em>
 * (seL4: a CNode of 2^radix slots), chosen when the space is made from its capacity; the generation takes the
 * bits above it, at most {@link #GENERATION_LENGTH_MAX}, and the bits above the generation are zero.
 * <pre>
 *   6       5                   4                   3
 *   3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2
 *  +-+-------------------------------------------------------------+
 *  |0|                        Sandbox token                        |
 *  +-+-------------------------------------------------------------+
 *  |      0      |       Generation       |      Slot index        |
 *  +-------------+------------------------+------------------------+
 *   3   2                   1                   0
 *   1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
 *                                          |<----- radix bits ---->|
 * </pre>
 * The token is drawn at random per capability space and never reused in a run, so a handle made up or taken from
 * another sandbox names no slot of the caller's space; the generation is the slot's count of occupants before
 * this one, so a handle kept after its capability left the slot no longer matches it. A space of up to 2^16 slots
 * keeps 16 generation bits; a larger one trades generation bits for slot bits (2^20 slots: 12 bits, 2^24: 8), so
 * a slot there is retired after fewer occupants, never reused with a generation a stale handle could carry.
 */
public final class HandleDescriptor
{
    public static final int CAPABILITY_ID_LENGTH = Integer.SIZE;
    public static final int TOKEN_OFFSET = CAPABILITY_ID_LENGTH;
    public static final int TOKEN_LENGTH = 31;

    /** The largest radix: a space of at most 2^24 slots, room for a million connections' buffers and more. */
    public static final int RADIX_MAX = 24;
    public static final int SLOTS_MAX = 1 << RADIX_MAX;
    /** Generation bits at most; the slot word holds this many ({@link CapSlotDescriptor#GENERATION_LENGTH}). */
    public static final int GENERATION_LENGTH_MAX = 16;
    /** Tokens run from 1 to this; 0 is never a token, so the all-zero handle is never valid. */
    public static final int TOKEN_MAX = Integer.MAX_VALUE;

    private static final long CAPABILITY_ID_MASK = 0xFFFF_FFFFL;

    private HandleDescriptor()
    {
    }

    /**
     * The radix of a space of {@code capacity} slots: the fewest slot-index bits that address them all.
     *
     * @throws IllegalArgumentException when {@code capacity} is outside 1..{@link #SLOTS_MAX}.
     */
    public static int radixFor(final int capacity)
    {
        if (capacity < 1 || capacity > SLOTS_MAX)
        {
            throw new IllegalArgumentException("capacity=" + capacity + " outside 1.." + SLOTS_MAX);
        }
        return Integer.SIZE - Integer.numberOfLeadingZeros(capacity - 1);
    }

    /**
     * The generation bits a space of this radix has: the capability id's bits above the slot index, at most
     * {@link #GENERATION_LENGTH_MAX}.
     */
    public static int generationLength(final int radix)
    {
        checkRadix(radix);
        return Math.min(GENERATION_LENGTH_MAX, CAPABILITY_ID_LENGTH - radix);
    }

    /** The last generation a slot of a space of this radix can have; a slot that reaches it is retired. */
    public static int generationMax(final int radix)
    {
        return (1 << generationLength(radix)) - 1;
    }

    public static long handle(final int token, final int radix, final int generation, final int slot)
    {
        checkToken(token);
        if (generation < 0 || generation > generationMax(radix))
        {
            throw new IllegalArgumentException(
                "generation=" + generation + " outside 0.." + generationMax(radix) + " for radix=" + radix);
        }
        if (slot < 0 || slot >= 1 << radix)
        {
            throw new IllegalArgumentException("slot=" + slot + " outside 0.." + ((1 << radix) - 1) +
                " for radix=" + radix);
        }
        return ((long)token << TOKEN_OFFSET) | ((long)generation << radix) | slot;
    }

    /**
     * The token field; meaningful only for a non-negative handle (a negative one has bit 63 set).
     */
    public static int token(final long handle)
    {
        return (int)(handle >>> TOKEN_OFFSET);
    }

    /**
     * The generation a handle claims in a space of this radix: everything above the slot index, so a handle with
     * a bit set above the generation field claims one no slot has.
     */
    public static long generation(final long handle, final int radix)
    {
        return (handle & CAPABILITY_ID_MASK) >>> radix;
    }

    public static int slot(final long handle, final int radix)
    {
        return (int)handle & ((1 << radix) - 1);
    }

    /**
     * The rendering used in trace lines and audit records: {@code 0x} and lower-case hex.
     */
    public static String toString(final long handle)
    {
        return "0x" + Long.toHexString(handle);
    }

    /**
     * @throws IllegalArgumentException when {@code token} is outside 1..{@link #TOKEN_MAX}.
     */
    public static void checkToken(final int token)
    {
        if (token < 1)
        {
            throw new IllegalArgumentException("token=" + token + " outside 1.." + TOKEN_MAX);
        }
    }

    private static void checkRadix(final int radix)
    {
        if (radix < 0 || radix > RADIX_MAX)
        {
            throw new IllegalArgumentException("radix=" + radix + " outside 0.." + RADIX_MAX);
        }
    }
}
