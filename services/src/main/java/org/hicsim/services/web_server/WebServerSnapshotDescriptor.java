package org.hicsim.services.web_server;

/**
 * Layout of the body of a web_server snapshot (state version 1), after
 * {@link org.hicsim.services.common.SnapshotDescriptor}'s header. The sessions travel as the snapshot's
 * connections, one {@link SessionDescriptor} record each.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   Next HTTP Session Id (u64)                  |  0
 *  +---------------------------------------------------------------+
 *  |                   Requests Answered (u64)                     |  8
 *  +---------------------------------------------------------------+
 *  |                  Response Bytes Sent (u64)                    | 16
 *  +---------------------------------------------------------------+
 *  |                           Documents                           | 24
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                        | 28
 *  +---------------------------------------------------------------+
 *  |           Documents x DocumentDescriptor (in table order)    ...32
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class WebServerSnapshotDescriptor
{
    public static final int NEXT_SESSION_ID_OFFSET = 0;
    public static final int REQUESTS_OFFSET = 8;
    public static final int BYTES_SENT_OFFSET = 16;
    public static final int DOCUMENTS_OFFSET = 24;
    public static final int RESERVED_OFFSET = 28;
    public static final int DOCUMENT_TABLE_OFFSET = 32;

    private WebServerSnapshotDescriptor()
    {
    }

    public static int length(final int documents)
    {
        return DOCUMENT_TABLE_OFFSET + documents * DocumentDescriptor.LENGTH;
    }
}
