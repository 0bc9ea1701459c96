package org.hicsim.services.common;

/**
 * Layout of the global state every service puts in a {@link org.hicsim.core0.spi.StateSnapshot}: the service's
 * consistency checkpoint, then its own body.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Checkpoint (CRC32C)                      |
 *  +---------------------------------------------------------------+
 *  |                          Body Length                          |
 *  +---------------------------------------------------------------+
 *  |                     Body (service's layout)                  ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * The checkpoint is the CRC32C of the body followed by every connection in snapshot order, each as its id
 * (8 bytes), class code (1), record length (2) and record, all little-endian: one changed byte anywhere in the
 * snapshot, or a connection dropped, added or reordered, and it no longer matches.
 */
public final class SnapshotDescriptor
{
    public static final int CHECKPOINT_OFFSET = 0;
    public static final int BODY_LENGTH_OFFSET = CHECKPOINT_OFFSET + Integer.BYTES;
    public static final int HEADER_LENGTH = BODY_LENGTH_OFFSET + Integer.BYTES;
    public static final int BODY_OFFSET = HEADER_LENGTH;

    /** What the checkpoint covers of each connection before its record: id, class code, record length. */
    public static final int CONNECTION_PREFIX_LENGTH = Long.BYTES + 1 + Short.BYTES;

    private SnapshotDescriptor()
    {
    }
}
