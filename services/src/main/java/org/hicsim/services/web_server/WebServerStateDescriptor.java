package org.hicsim.services.web_server;

/**
 * Layout of web_server's state in its sandbox memory: a header, the documents table, then the sessions table.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Migration Phase                        |  0
 *  +---------------------------------------------------------------+
 *  |             Quiescence Level (ordinal + 1; 0: none)           |  4
 *  +---------------------------------------------------------------+
 *  |                       Sessions (in use)                       |  8
 *  +---------------------------------------------------------------+
 *  |                           Documents                           | 12
 *  +---------------------------------------------------------------+
 *  |                   Next HTTP Session Id (u64)                  | 16
 *  +---------------------------------------------------------------+
 *  |                   Requests Answered (u64)                     | 24
 *  +---------------------------------------------------------------+
 *  |                  Response Bytes Sent (u64)                    | 32
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                       ...40
 *  +---------------------------------------------------------------+
 *  |        Documents: DOCUMENT_CAPACITY x DocumentDescriptor     ...64
 *  +---------------------------------------------------------------+
 *  |        Sessions: SESSION_SLOTS x SessionDescriptor           ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Sessions are found by connection id with linear probing from a hash of the id; a closed session's slot is
 * refilled by shifting its probe run back, so there are no tombstones. The table is kept at most three quarters
 * full ({@link #SESSION_CAPACITY}) so that probe runs stay short.
 */
public final class WebServerStateDescriptor
{
    public static final int PHASE_OFFSET = 0;
    public static final int QUIESCENCE_OFFSET = 4;
    public static final int SESSIONS_OFFSET = 8;
    public static final int DOCUMENTS_OFFSET = 12;
    public static final int NEXT_SESSION_ID_OFFSET = 16;
    public static final int REQUESTS_OFFSET = 24;
    public static final int BYTES_SENT_OFFSET = 32;
    public static final int HEADER_LENGTH = 64;

    public static final int DOCUMENT_CAPACITY = 32;
    /** A power of two. */
    public static final int SESSION_SLOTS = 256;
    public static final int SESSION_CAPACITY = SESSION_SLOTS * 3 / 4;

    public static final int DOCUMENT_TABLE_OFFSET = HEADER_LENGTH;
    public static final int SESSION_TABLE_OFFSET =
        DOCUMENT_TABLE_OFFSET + DOCUMENT_CAPACITY * DocumentDescriptor.LENGTH;
    public static final int LENGTH = SESSION_TABLE_OFFSET + SESSION_SLOTS * SessionDescriptor.LENGTH;

    private WebServerStateDescriptor()
    {
    }

    public static int documentOffset(final int index)
    {
        return DOCUMENT_TABLE_OFFSET + index * DocumentDescriptor.LENGTH;
    }

    public static int sessionOffset(final int slot)
    {
        return SESSION_TABLE_OFFSET + slot * SessionDescriptor.LENGTH;
    }
}
