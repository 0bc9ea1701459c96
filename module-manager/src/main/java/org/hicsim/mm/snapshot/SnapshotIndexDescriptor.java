package org.hicsim.mm.snapshot;

/**
 * Layout of a snapshot's index file, all fields little-endian: a header, the global part's entry, one entry per
 * shard in shard order ({@link ShardMetadataDescriptor}), and a CRC32 of everything before it.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Magic ("HSNP")                         |
 *  +-------------------------------+-------------------------------+
 *  |            Version            |          Shard Count          |
 *  +-------------------------------+-------------------------------+
 *  |                     State Structure Version                   |
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            |
 *  +---------------------------------------------------------------+
 *  |                                                               |
 *  +                       Connection Count                        +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              Global Part's Entry (32 bytes)                  ...
 *  +---------------------------------------------------------------+
 *  |              Shard Entries (Shard Count x 32 bytes)          ...
 *  +---------------------------------------------------------------+
 *  |                 CRC32 of Every Byte Before It                 |
 *  +---------------------------------------------------------------+
 * </pre>
 * The index is written after every part it names is durable, so a snapshot whose index reads back whole is
 * complete; one without an index is an interrupted write.
 */
public final class SnapshotIndexDescriptor
{
    /** "HSNP" in file order. */
    public static final int MAGIC = 'H' | 'S' << 8 | 'N' << 16 | 'P' << 24;
    public static final short VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    public static final int SHARD_COUNT_OFFSET = VERSION_OFFSET + Short.BYTES;
    public static final int STATE_VERSION_OFFSET = SHARD_COUNT_OFFSET + Short.BYTES;
    public static final int RESERVED_OFFSET = STATE_VERSION_OFFSET + Integer.BYTES;
    public static final int CONNECTION_COUNT_OFFSET = RESERVED_OFFSET + Integer.BYTES;
    public static final int GLOBAL_ENTRY_OFFSET = CONNECTION_COUNT_OFFSET + Long.BYTES;
    public static final int SHARD_ENTRIES_OFFSET = GLOBAL_ENTRY_OFFSET + ShardMetadataDescriptor.LENGTH;
    public static final int CRC_OFFSET = SHARD_ENTRIES_OFFSET + ShardSet.SHARD_COUNT * ShardMetadataDescriptor.LENGTH;
    public static final int LENGTH = CRC_OFFSET + Integer.BYTES;

    private SnapshotIndexDescriptor()
    {
    }

    /** Where shard {@code shardId}'s entry starts. */
    public static int shardEntryOffset(final int shardId)
    {
        return SHARD_ENTRIES_OFFSET + shardId * ShardMetadataDescriptor.LENGTH;
    }
}
