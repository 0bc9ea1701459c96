package org.hicsim.core0.cap;

/**
 * Layout of a capability handle: the opaque 64-bit value a sandbox holds and passes to system calls.
 * <p>
 * HIC's layout is "upper 32 bits a per-domain token, lower 32 the capability id"; here the top bit is zero so
 * that every handle is non-negative and a negative result can be an error code, and the capability id is split
 * into the slot generation and the slot index.
 * <pre>
 *   6       5                   4                   3
 *   3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2
 *  +-+-------------------------------------------------------------+
 *  |0|                        Sandbox token                        |
 *  +-+-----------------------------+-------------------------------+
 *  |           Generation          |           Slot index          |
 *  +-------------------------------+-------------------------------+
 *   3   2                   1                   0
 *   1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
 * </pre>
 * The token is drawn at random per capability space and never reused in a run, so a handle made up or taken from
 * another sandbox names no slot of the caller's space; the generation is the slot's count of occupants before
 * this one, so a handle kept after its capability left the slot no longer matches it.
 */
public final class HandleDescriptor
{
    public static final int SLOT_OFFSET = 0;
    public static final int SLOT_LENGTH = 16;
    public static final int GENERATION_OFFSET = SLOT_OFFSET + SLOT_LENGTH;
    public static final int GENERATION_LENGTH = 16;
    public static final int TOKEN_OFFSET = GENERATION_OFFSET + GENERATION_LENGTH;
    public static final int TOKEN_LENGTH = 31;

    public static final int MAX_SLOTS = 1 << SLOT_LENGTH;
    public static final int MAX_GENERATION = (1 << GENERATION_LENGTH) - 1;
    /** Tokens run from 1 to this; 0 is never a token, so the all-zero handle is never valid. */
    public static final int MAX_TOKEN = Integer.MAX_VALUE;

    private static final int SLOT_MASK = MAX_SLOTS - 1;
    private static final int GENERATION_MASK = MAX_GENERATION;

    private HandleDescriptor()
    {
    }

    public static long handle(final int token, final int generation, final int slot)
    {
        checkToken(token);
        if (generation < 0 || generation > MAX_GENERATION)
        {
            throw new IllegalArgumentException("generation=" + generation + " outside 0.." + MAX_GENERATION);
        }
        if (slot < 0 || slot >= MAX_SLOTS)
        {
            throw new IllegalArgumentException("slot=" + slot + " outside 0.." + (MAX_SLOTS - 1));
        }
        return ((long)token << TOKEN_OFFSET) | ((long)generation << GENERATION_OFFSET) | slot;
    }

    /**
     * The token field; meaningful only for a non-negative handle (a negative one has bit 63 set).
     */
    public static int token(final long handle)
    {
        return (int)(handle >>> TOKEN_OFFSET);
    }

    public static int generation(final long handle)
    {
        return (int)(handle >>> GENERATION_OFFSET) & GENERATION_MASK;
    }

    public static int slot(final long handle)
    {
        return (int)handle & SLOT_MASK;
    }

    /**
     * The rendering used in trace lines and audit records: {@code 0x} and lower-case hex.
     */
    public static String toString(final long handle)
    {
        return "0x" + Long.toHexString(handle);
    }

    /**
     * @throws IllegalArgumentException when {@code token} is outside 1..{@link #MAX_TOKEN}.
     */
    public static void checkToken(final int token)
    {
        if (token < 1)
        {
            throw new IllegalArgumentException("token=" + token + " outside 1.." + MAX_TOKEN);
        }
    }
}
