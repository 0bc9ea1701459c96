package org.hicsim.services.firewall;

/**
 * Layout of the firewall's state at the start of its sandbox memory: a header, then the rule table, one slot
 * per rule in order.
 * <pre>
 *  Header (64 bytes)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Migration Phase                        |  0
 *  +---------------------------------------------------------------+
 *  |                        Default Verdict                        |  4
 *  +---------------------------------------------------------------+
 *  |                           Rule Count                          |  8
 *  +---------------------------------------------------------------+
 *  |                           Rule Hash                           | 12
 *  +---------------------------------------------------------------+
 *  |                       Checks Made (u64)                       | 16
 *  +---------------------------------------------------------------+
 *  |                     Checks Denied (u64)                       | 24
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                       ...32
 *  +---------------------------------------------------------------+
 *  Slot (32 bytes), from offset 64
 *  +---------------------------------------------------------------+
 *  |                    Rule (RuleDescriptor, 24 bytes)           ...
 *  +---------------------------------------------------------------+
 *  |                       Matches (u64)                           | 24
 *  +---------------------------------------------------------------+
 * </pre>
 * The rule hash is kept current by every change to the table or the default verdict, so a consistency check
 * reads it without walking the table.
 */
public final class FirewallStateDescriptor
{
    public static final int PHASE_OFFSET = 0;
    public static final int DEFAULT_VERDICT_OFFSET = 4;
    public static final int RULE_COUNT_OFFSET = 8;
    public static final int RULE_HASH_OFFSET = 12;
    public static final int CHECKS_OFFSET = 16;
    public static final int DENIED_OFFSET = 24;
    public static final int SLOTS_OFFSET = 64;

    public static final int SLOT_RULE_OFFSET = 0;
    public static final int SLOT_MATCHES_OFFSET = RuleDescriptor.LENGTH;
    public static final int SLOT_LENGTH = SLOT_MATCHES_OFFSET + Long.BYTES;

    private FirewallStateDescriptor()
    {
    }

    public static int slotOffset(final int position)
    {
        return SLOTS_OFFSET + position * SLOT_LENGTH;
    }

    /** Bytes of sandbox memory a table of {@code capacity} rules takes. */
    public static int length(final int capacity)
    {
        return slotOffset(capacity);
    }
}
