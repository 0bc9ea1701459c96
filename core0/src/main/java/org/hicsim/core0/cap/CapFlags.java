package org.hicsim.core0.cap;

/**
 * Capability flags with HIC's bit positions ({@code CAP_FLAG_*}).
 * <p>
 * Only {@link #IMMUTABLE} and {@link #PINNED} are ever stored. HIC marks a revoked capability {@link #REVOKED}
 * and keeps it; here revocation deletes (seL4), emptying the slot and advancing its generation so every handle to
 * it goes stale, which leaves nothing to mark. The bit keeps HIC's numbering and may not be issued.
 */
public final class CapFlags
{
    public static final int NONE = 0;
    /** Bit 0: HIC's revoked mark; never stored here, see the class comment. */
    public static final int REVOKED = 1 << 0;
    /**
     * Bit 1: {@link CapabilitySystem#revoke revoke} on this capability is refused. Only originals carry it and
     * it is not inherited, so everything derived stays revocable by its source.
     */
    public static final int IMMUTABLE = 1 << 1;
    /**
     * Bit 2: the capability's authority never leaves its sandbox: transfer is refused, and copies and mints
     * inherit the flag so that a child cannot carry the authority out either.
     */
    public static final int PINNED = 1 << 2;
    /** What Core-0 may set when it issues an original. */
    public static final int ISSUABLE = IMMUTABLE | PINNED;
    /** What a derived capability takes from its source. */
    public static final int INHERITED = PINNED;

    private static final String LETTERS = "RIP";

    private CapFlags()
    {
    }

    /**
     * A fixed-width rendering, one column per flag in bit order: IMMUTABLE|PINNED is {@code -IP}.
     */
    public static String toString(final int flags)
    {
        if ((flags & ~(REVOKED | IMMUTABLE | PINNED)) != 0)
        {
            throw new IllegalArgumentException("flags=0x" + Integer.toHexString(flags) + " has unknown bits");
        }
        final char[] text = new char[LETTERS.length()];
        for (int bit = 0; bit < text.length; bit++)
        {
            text[bit] = (flags & (1 << bit)) != 0 ? LETTERS.charAt(bit) : '-';
        }
        return new String(text);
    }

    /**
     * @throws IllegalArgumentException when {@code flags} has a bit outside {@link #ISSUABLE}.
     */
    public static void checkIssuable(final int flags)
    {
        if ((flags & ~ISSUABLE) != 0)
        {
            throw new IllegalArgumentException(
                "flags=0x" + Integer.toHexString(flags) + " has bits outside ISSUABLE=0x" + Integer.toHexString(ISSUABLE));
        }
    }
}
