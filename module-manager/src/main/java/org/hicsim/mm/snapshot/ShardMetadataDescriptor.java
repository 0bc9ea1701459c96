package org.hicsim.mm.snapshot;

/**
 * Layout of one part's entry in a snapshot's index (the global part's, or a shard's), all fields little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           Shard Id                            |
 *  +---------------------------------------------------------------+
 *  |                       Connection Count                        |
 *  +---------------------------------------------------------------+
 *  |                          Data Length                          |
 *  +---------------------------------------------------------------+
 *  |                         Stored Length                         |
 *  +---------------------------------------------------------------+
 *  |                       CRC32 of the Data                       |
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            |
 *  +---------------------------------------------------------------+
 *  |                                                               |
 *  +                   Offset in the Data File                     +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * The shard id is 0 to 1023, or {@link ShardMetadata#GLOBAL} for the global part; the data length is the part
 * before compression (HIC's "data size"), the stored length its LZ4 block in the data file at the offset.
 */
public final class ShardMetadataDescriptor
{
    public static final int SHARD_ID_OFFSET = 0;
    public static final int CONNECTION_COUNT_OFFSET = SHARD_ID_OFFSET + Integer.BYTES;
    public static final int DATA_LENGTH_OFFSET = CONNECTION_COUNT_OFFSET + Integer.BYTES;
    public static final int STORED_LENGTH_OFFSET = DATA_LENGTH_OFFSET + Integer.BYTES;
    public static final int CRC_OFFSET = STORED_LENGTH_OFFSET + Integer.BYTES;
    public static final int RESERVED_OFFSET = CRC_OFFSET + Integer.BYTES;
    public static final int OFFSET_OFFSET = RESERVED_OFFSET + Integer.BYTES;
    public static final int LENGTH = OFFSET_OFFSET + Long.BYTES;

    private ShardMetadataDescriptor()
    {
    }
}
