package org.hicsim.services.netstack;

/**
 * What a slot of the connection table holds. Codes index the per-state counts in the header
 * ({@link HeaderDescriptor#countOffset}); a free slot is not counted.
 */
public final class SlotState
{
    /** Nothing. */
    public static final int FREE = 0;
    /** A connection this instance serves. */
    public static final int ACTIVE = 1;
    /** Imported from a snapshot, "migrating": its slot and 5-tuple are held until it is activated. */
    public static final int RESERVED = 2;
    /** Being handed to another instance, or handed and refused: its buffer is away, so it is not served. */
    public static final int FROZEN = 3;
    /** Handed to another instance; kept, without its buffer, until the migration completes or it comes back. */
    public static final int MIGRATED = 4;
    /** Free, but its pool pages left with a migrated buffer: no buffer can be made here again. */
    public static final int RETIRED = 5;

    /** Number of codes. */
    public static final int COUNT = 6;

    private SlotState()
    {
    }
}
