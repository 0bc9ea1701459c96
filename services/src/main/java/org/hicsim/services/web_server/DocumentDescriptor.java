package org.hicsim.services.web_server;

/**
 * Layout of one published document, in the documents table and in a snapshot.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Path Length          |        Content Length         |  0
 *  +-------------------------------+-------------------------------+
 *  |                        Reserved (zero)                        |  4
 *  +---------------------------------------------------------------+
 *  |                     Path (64 bytes, ASCII)                   ...8
 *  +---------------------------------------------------------------+
 *  |                     Content (1024 bytes)                     ...72
 *  +---------------------------------------------------------------+
 * </pre>
 * Little-endian; bytes past the lengths are zero.
 */
public final class DocumentDescriptor
{
    public static final int PATH_LENGTH_OFFSET = 0;
    public static final int CONTENT_LENGTH_OFFSET = 2;
    public static final int RESERVED_OFFSET = 4;
    public static final int PATH_OFFSET = 8;
    public static final int CONTENT_OFFSET = PATH_OFFSET + WebServerProtocol.PATH_LENGTH_MAX;
    public static final int LENGTH = CONTENT_OFFSET + WebServerProtocol.CONTENT_LENGTH_MAX;

    private DocumentDescriptor()
    {
    }
}
