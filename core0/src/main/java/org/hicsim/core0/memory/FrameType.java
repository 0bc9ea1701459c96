package org.hicsim.core0.memory;

/**
 * What a physical frame is used for, with HIC's names. A frame's type is fixed from allocation until release.
 */
public enum FrameType
{
    /** Not allocated; only the allocator hands it out. */
    FREE,
    /** Held back from allocation, e.g. memory-mapped device ranges. */
    RESERVED,
    /** Core-0's own memory. */
    CORE,
    /** Memory of a Privileged-1 service sandbox. */
    PRIVILEGED,
    /** Memory of an Application-3 sandbox. */
    APPLICATION,
    /** A shared region: owned by Core-0, mapped read-only into any number of sandboxes. */
    SHARED;

    private static final FrameType[] VALUES = values();

    static FrameType fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
