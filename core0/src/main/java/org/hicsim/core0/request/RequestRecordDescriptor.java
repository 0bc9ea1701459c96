package org.hicsim.core0.request;

import org.agrona.BitUtil;
import org.hicsim.core0.spi.Message;

/**
 * Layout of a client request, or of its reply, as the payload of one IPC message in an endpoint's ring.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Request Slot                           |
 *  +---------------------------------------------------------------+
 *  |                         Operation                             |
 *  +---------------------------------------------------------------+
 *  |                           Status                              |
 *  +---------------------------------------------------------------+
 *  |                       Payload Length                          |
 *  +---------------------------------------------------------------+
 *  |                  Connection Id (the receiver's)               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Arguments 0..3 (four 64-bit words)           ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |                          Payload                             ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * The request slot is Core-0's index of the request in flight; a reply carries the slot of its request, which is
 * how it finds its way back to the client that asked.
 */
public final class RequestRecordDescriptor
{
    public static final int SLOT_OFFSET = 0;
    public static final int OPERATION_OFFSET = SLOT_OFFSET + BitUtil.SIZE_OF_INT;
    public static final int STATUS_OFFSET = OPERATION_OFFSET + BitUtil.SIZE_OF_INT;
    public static final int PAYLOAD_LENGTH_OFFSET = STATUS_OFFSET + BitUtil.SIZE_OF_INT;
    public static final int CONNECTION_OFFSET = PAYLOAD_LENGTH_OFFSET + BitUtil.SIZE_OF_INT;
    public static final int ARGUMENTS_OFFSET = CONNECTION_OFFSET + BitUtil.SIZE_OF_LONG;
    public static final int HEADER_LENGTH = ARGUMENTS_OFFSET + Message.ARGUMENT_COUNT * BitUtil.SIZE_OF_LONG;
    /** The longest record: a header and the largest payload a message holds. */
    public static final int LENGTH_MAX = HEADER_LENGTH + Message.PAYLOAD_LENGTH_MAX;

    private RequestRecordDescriptor()
    {
    }

    public static int argumentOffset(final int index)
    {
        return ARGUMENTS_OFFSET + index * BitUtil.SIZE_OF_LONG;
    }

    /** Bytes of the record of a message with {@code payloadLength} payload bytes. */
    public static int recordLength(final int payloadLength)
    {
        return HEADER_LENGTH + payloadLength;
    }
}
