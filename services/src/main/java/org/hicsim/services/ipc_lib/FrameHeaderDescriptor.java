package org.hicsim.services.ipc_lib;

/**
 * Layout of the header {@code ipc_lib} puts before a message body.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Magic ("IF")          |    Version    |  Flags (zero) |
 *  +-------------------------------+---------------+---------------+
 *  |                          Body Length                          |
 *  +---------------------------------------------------------------+
 *  |                        Sequence Number                        |
 *  +---------------------------------------------------------------+
 *  |              CRC32C (header bytes 0-11, then body)            |
 *  +---------------------------------------------------------------+
 *  |                             Body                             ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Little-endian. The CRC covers the header before it too, so a changed length or sequence number is caught as
 * surely as a changed body byte. The sequence number counts the frames one framer made, from zero, wrapping.
 */
public final class FrameHeaderDescriptor
{
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + Short.BYTES;
    public static final int FLAGS_OFFSET = VERSION_OFFSET + 1;
    public static final int BODY_LENGTH_OFFSET = FLAGS_OFFSET + 1;
    public static final int SEQUENCE_OFFSET = BODY_LENGTH_OFFSET + Integer.BYTES;
    public static final int CRC_OFFSET = SEQUENCE_OFFSET + Integer.BYTES;
    public static final int LENGTH = CRC_OFFSET + Integer.BYTES;

    /** "IF" read as a little-endian u16. */
    public static final int MAGIC = 'I' | 'F' << 8;
    /** ipc_lib 2.x frames; 1.x had no sequence number. */
    public static final int VERSION = 2;

    private FrameHeaderDescriptor()
    {
    }
}
