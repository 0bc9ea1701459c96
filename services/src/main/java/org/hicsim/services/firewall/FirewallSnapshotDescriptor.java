package org.hicsim.services.firewall;

/**
 * Layout of the body of a firewall snapshot (state version 1), after
 * {@link org.hicsim.services.common.SnapshotDescriptor}'s header: the policy, its recorded hash, the counters,
 * then the table's slots ({@link FirewallStateDescriptor}) in order.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Default Verdict                        |  0
 *  +---------------------------------------------------------------+
 *  |                           Rule Count                          |  4
 *  +---------------------------------------------------------------+
 *  |                      Rule Hash (recorded)                     |  8
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                        | 12
 *  +---------------------------------------------------------------+
 *  |                       Checks Made (u64)                       | 16
 *  +---------------------------------------------------------------+
 *  |                     Checks Denied (u64)                       | 24
 *  +---------------------------------------------------------------+
 *  |                Slots (Rule Count x 32 bytes)                 ...32
 *  +---------------------------------------------------------------+
 * </pre>
 * The importer recomputes the rule hash over the rules it received and refuses the snapshot when it differs
 * from the recorded one: the HIC document's "record rule hash for consistency check" of rule replication.
 */
public final class FirewallSnapshotDescriptor
{
    public static final int DEFAULT_VERDICT_OFFSET = 0;
    public static final int RULE_COUNT_OFFSET = 4;
    public static final int RULE_HASH_OFFSET = 8;
    public static final int RESERVED_OFFSET = 12;
    public static final int CHECKS_OFFSET = 16;
    public static final int DENIED_OFFSET = 24;
    public static final int SLOTS_OFFSET = 32;

    private FirewallSnapshotDescriptor()
    {
    }

    public static int length(final int ruleCount)
    {
        return SLOTS_OFFSET + ruleCount * FirewallStateDescriptor.SLOT_LENGTH;
    }
}
