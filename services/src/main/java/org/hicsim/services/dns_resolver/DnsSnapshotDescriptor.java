package org.hicsim.services.dns_resolver;

/**
 * Layout of the body of a dns_resolver snapshot (state version 1), after
 * {@link org.hicsim.services.common.SnapshotDescriptor}'s header: the migratable header of
 * {@link DnsStateDescriptor} as it is, the number of answers, then the answers still valid at export.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      DnsStateDescriptor bytes 4 to 48 (44 bytes)             ...0
 *  +---------------------------------------------------------------+
 *  |                          Answers                              | 44
 *  +---------------------------------------------------------------+
 *  |              Answers x CacheEntryDescriptor                  ...48
 *  +---------------------------------------------------------------+
 * </pre>
 * Expiry times are virtual and absolute: both instances of an update share one clock, so an answer expires at
 * the same instant whichever holds it.
 */
public final class DnsSnapshotDescriptor
{
    public static final int HEADER_OFFSET = 0;
    public static final int ANSWERS_OFFSET = HEADER_OFFSET + DnsStateDescriptor.MIGRATABLE_LENGTH;
    public static final int ENTRIES_OFFSET = ANSWERS_OFFSET + Integer.BYTES;

    private DnsSnapshotDescriptor()
    {
    }

    public static int length(final int answers)
    {
        return ENTRIES_OFFSET + answers * CacheEntryDescriptor.LENGTH;
    }
}
