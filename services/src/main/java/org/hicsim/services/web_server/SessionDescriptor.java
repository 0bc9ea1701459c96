package org.hicsim.services.web_server;

/**
 * Layout of one session slot in the sessions table, which is also the record a session migrates as (at most
 * {@link org.hicsim.core0.spi.ConnectionState#LENGTH_MAX} bytes, so it moves whole).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Connection Id (u64, netstack's)              |  0
 *  +---------------------------------------------------------------+
 *  |                       HTTP Session Id (u64)                   |  8
 *  +---------------------------------------------------------------+
 *  |                  Last Activity (u64, virtual ns)              | 16
 *  +---------------------------------------------------------------+
 *  |                      Response Bytes Sent (u64)                | 24
 *  +---------------------------------------------------------------+
 *  |                       Requests Answered                       | 32
 *  +---------------+---------------+-------------------------------+
 *  |     State     |     Class     |         Bytes Held            | 36
 *  +---------------+---------------+-------------------------------+
 *  |                 Request Buffer (216 bytes)                   ...40
 *  +---------------------------------------------------------------+
 * </pre>
 * (u64 fields take two rows; drawn as one.) A free slot has connection id
 * {@link org.hicsim.core0.spi.Message#NO_CONNECTION}. State is one of the {@code STATE_*} values; class a
 * {@link org.hicsim.core0.spi.ConnectionClass} code; bytes held how much of the buffer is a request not yet
 * complete.
 */
public final class SessionDescriptor
{
    public static final int CONNECTION_ID_OFFSET = 0;
    public static final int HTTP_SESSION_ID_OFFSET = 8;
    public static final int LAST_ACTIVITY_OFFSET = 16;
    public static final int BYTES_SENT_OFFSET = 24;
    public static final int REQUESTS_OFFSET = 32;
    public static final int STATE_OFFSET = 36;
    public static final int CLASS_OFFSET = 37;
    public static final int HELD_OFFSET = 38;
    public static final int REQUEST_BUFFER_OFFSET = 40;
    public static final int LENGTH = 256;
    public static final int REQUEST_BUFFER_LENGTH = LENGTH - REQUEST_BUFFER_OFFSET;

    /** A free slot's: every byte of it is zero. */
    public static final int STATE_FREE = 0;
    /** Serving requests. */
    public static final int STATE_OPEN = 1;
    /** Imported from a snapshot, reserved until {@code activate_connection} hands it over. */
    public static final int STATE_MIGRATING = 2;
    /** Handed to a new instance; kept until the update completes, to take back if it aborts. */
    public static final int STATE_MIGRATED = 3;

    private SessionDescriptor()
    {
    }
}
