package org.hicsim.core0.cap;

/**
 * Capability rights as HIC numbers them ({@code CAP_PERM_*}): each constant is a mask whose bit position is
 * HIC's, so a rights word read from HIC's documents means the same here.
 * <p>
 * There is no GRANT right. HIC's "grant" is {@link CapabilitySystem#issue issuing} an original capability, which
 * only Core-0 may do; handing authority on is covered by {@link #TRANSFER} (move it) and {@link #DERIVE} (make
 * a child with fewer rights), and giving a sandbox a child while keeping the source needs both.
 */
public final class Rights
{
    public static final int NONE = 0;
    /** Bit 0: read the object (load from a region, receive on an endpoint). */
    public static final int READ = 1 << 0;
    /** Bit 1: write the object (store to a region, send on an endpoint). */
    public static final int WRITE = 1 << 1;
    /** Bit 2: execute from a memory region. */
    public static final int EXECUTE = 1 << 2;
    /** Bit 3: move the capability to another sandbox. */
    public static final int TRANSFER = 1 << 3;
    /** Bit 4: copy or mint children with a subset of the rights. */
    public static final int DERIVE = 1 << 4;
    /** Bit 5: delete everything derived from the capability. */
    public static final int REVOKE = 1 << 5;
    /** Bit 6: call a service endpoint or system-call gate. */
    public static final int CALL = 1 << 6;
    public static final int ALL = READ | WRITE | EXECUTE | TRANSFER | DERIVE | REVOKE | CALL;

    /** One letter per bit, lowest bit first; {@code V} is re-Voke because {@code R} is read. */
    private static final String LETTERS = "RWXTDVC";

    private Rights()
    {
    }

    /**
     * @return true when every right in {@code rights} is also in {@code of}.
     */
    public static boolean isSubset(final int rights, final int of)
    {
        return (rights & ~of) == 0;
    }

    /**
     * A fixed-width rendering, one column per right in bit order, {@code -} where absent: READ|WRITE|TRANSFER|CALL
     * is {@code RW-T--C}. Used in trace lines, so the format is part of the determinism contract.
     */
    public static String toString(final int rights)
    {
        checkRights(rights);
        final char[] text = new char[LETTERS.length()];
        for (int bit = 0; bit < text.length; bit++)
        {
            text[bit] = (rights & (1 << bit)) != 0 ? LETTERS.charAt(bit) : '-';
        }
        return new String(text);
    }

    /**
     * @throws IllegalArgumentException when {@code rights} has a bit outside {@link #ALL}.
     */
    public static void checkRights(final int rights)
    {
        if ((rights & ~ALL) != 0)
        {
            throw new IllegalArgumentException(
                "rights=0x" + Integer.toHexString(rights) + " has bits outside ALL=0x" + Integer.toHexString(ALL));
        }
    }
}
