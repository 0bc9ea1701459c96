package org.hicsim.core0.memory;

/**
 * What a mapped page holds, with HIC's names. Informational for the kernel and reports; permissions, not the
 * kind, decide what an access may do.
 */
public enum PageKind
{
    CODE,
    DATA,
    STACK,
    SHARED;

    private static final PageKind[] VALUES = values();

    static PageKind fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
