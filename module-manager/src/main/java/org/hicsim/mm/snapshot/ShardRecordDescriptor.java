package org.hicsim.mm.snapshot;

/**
 * Layout of one connection inside a shard's data (before compression), all fields little-endian; a shard is its
 * connections one after another, in the order they have in the snapshot.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                            Ordinal                            |
 *  +-------------------------------+---------------+---------------+
 *  |         Record Length         |     Class     |   Reserved    |
 *  +-------------------------------+---------------+---------------+
 *  |                                                               |
 *  +                         Connection Id                         +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Record (0 to 256 bytes)                 ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * The ordinal is the connection's position in the snapshot, so that a snapshot read back shard by shard is put
 * together in its original order (a service's consistency checkpoint covers that order); the class is a
 * {@link org.hicsim.core0.spi.ConnectionClass} code.
 */
public final class ShardRecordDescriptor
{
    public static final int ORDINAL_OFFSET = 0;
    public static final int RECORD_LENGTH_OFFSET = ORDINAL_OFFSET + Integer.BYTES;
    public static final int CLASS_OFFSET = RECORD_LENGTH_OFFSET + Short.BYTES;
    public static final int RESERVED_OFFSET = CLASS_OFFSET + Byte.BYTES;
    public static final int CONNECTION_ID_OFFSET = RESERVED_OFFSET + Byte.BYTES;
    public static final int HEADER_LENGTH = CONNECTION_ID_OFFSET + Long.BYTES;
    public static final int RECORD_OFFSET = HEADER_LENGTH;

    private ShardRecordDescriptor()
    {
    }

    /** Bytes a connection with a record of this length takes in its shard. */
    public static int length(final int recordLength)
    {
        return HEADER_LENGTH + recordLength;
    }
}
