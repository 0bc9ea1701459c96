package org.hicsim.services.dns_resolver;

/**
 * Layout of dns_resolver's state in its sandbox memory: a header, then the cache, {@link #SETS} sets of
 * {@link #WAYS} entries ({@link CacheEntryDescriptor}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Migration Phase                        |  0
 *  +---------------------------------------------------------------+
 *  |                    Next Query Id (low 16 bits)                |  4
 *  +---------------------------------------------------------------+
 *  |            Upstream Connection Id (u64, netstack's)           |  8
 *  +---------------------------------------------------------------+
 *  |                          Hits (u64)                           | 16
 *  +---------------------------------------------------------------+
 *  |                         Misses (u64)                          | 24
 *  +---------------------------------------------------------------+
 *  |                      Queries Sent (u64)                       | 32
 *  +---------------------------------------------------------------+
 *  |                    Upstream Server Address                    | 40
 *  +---------------------------------------------------------------+
 *  |                         Local Address                         | 44
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                       ...48
 *  +---------------------------------------------------------------+
 *  |           Cache: SETS x WAYS x CacheEntryDescriptor          ...64
 *  +---------------------------------------------------------------+
 * </pre>
 * (u64 fields take two rows; drawn as one.) Bytes 4 to 48 are the migratable header, copied as they are into a
 * snapshot.
 */
public final class DnsStateDescriptor
{
    public static final int PHASE_OFFSET = 0;
    public static final int NEXT_QUERY_ID_OFFSET = 4;
    public static final int UPSTREAM_CONNECTION_OFFSET = 8;
    public static final int HITS_OFFSET = 16;
    public static final int MISSES_OFFSET = 24;
    public static final int QUERIES_OFFSET = 32;
    public static final int UPSTREAM_ADDRESS_OFFSET = 40;
    public static final int LOCAL_ADDRESS_OFFSET = 44;
    public static final int MIGRATABLE_OFFSET = NEXT_QUERY_ID_OFFSET;
    public static final int MIGRATABLE_LENGTH = 48 - MIGRATABLE_OFFSET;
    public static final int CACHE_OFFSET = 64;

    /** A power of two. */
    public static final int SETS = 64;
    public static final int WAYS = 4;
    public static final int ENTRIES = SETS * WAYS;
    public static final int LENGTH = CACHE_OFFSET + ENTRIES * CacheEntryDescriptor.LENGTH;

    private DnsStateDescriptor()
    {
    }

    public static int entryOffset(final int set, final int way)
    {
        return CACHE_OFFSET + (set * WAYS + way) * CacheEntryDescriptor.LENGTH;
    }
}
