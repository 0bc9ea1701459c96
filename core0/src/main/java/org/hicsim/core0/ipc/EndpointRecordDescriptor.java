package org.hicsim.core0.ipc;

import org.agrona.BitUtil;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;

/**
 * Layout of one IPC message inside an endpoint's Agrona ring buffer: Agrona's own record header, then the
 * delivery header this model adds, then the payload the sender wrote.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |R|               Record Length (Agrona, whole record)          |
 *  +-+-------------------------------------------------------------+
 *  |                   Message Type Id (Agrona)                    |
 *  +---------------------------------------------------------------+  &lt;- message index Agrona hands out
 *  |                    Delivery Time (ns, virtual)                |
 *  |                                                               |
 *  +---------------------------------------------------------------+  &lt;- payload index the receiver sees
 *  |                            Payload                           ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * The delivery time is the virtual time at which the message may first be received (send time plus the
 * endpoint's latency); it sits first so that it is 8-byte aligned, as every Agrona record is.
 * Offsets below are relative to the message index Agrona's {@code tryClaim} returns.
 */
public final class EndpointRecordDescriptor
{
    /** Offset of the delivery time within the message. */
    public static final int DELIVERY_TIME_OFFSET = 0;

    /** Length of the header this model puts before the payload. */
    public static final int DELIVERY_HEADER_LENGTH = BitUtil.SIZE_OF_LONG;

    /** Offset of the payload within the message. */
    public static final int PAYLOAD_OFFSET = DELIVERY_HEADER_LENGTH;

    /**
     * Smallest ring capacity: Agrona takes messages up to an eighth of the capacity, so 128 bytes leave room for
     * the delivery header and an 8-byte payload.
     */
    public static final int CAPACITY_MIN = 128;

    /** Largest ring capacity (16 MiB): an endpoint is a bounded queue, and its bound is part of the model. */
    public static final int CAPACITY_MAX = 1 << 24;

    private EndpointRecordDescriptor()
    {
    }

    public static int deliveryTimeOffset(final int messageIndex)
    {
        return messageIndex + DELIVERY_TIME_OFFSET;
    }

    public static int payloadOffset(final int messageIndex)
    {
        return messageIndex + PAYLOAD_OFFSET;
    }

    /**
     * Longest payload a ring of {@code capacity} bytes takes: Agrona's limit (an eighth of the capacity) less
     * the delivery header.
     */
    public static int payloadLengthMax(final int capacity)
    {
        return (capacity >> 3) - DELIVERY_HEADER_LENGTH;
    }

    /**
     * Total bytes a message of {@code payloadLength} occupies in the ring, Agrona header and alignment included.
     */
    public static int recordLength(final int payloadLength)
    {
        return BitUtil.align(RecordDescriptor.HEADER_LENGTH + DELIVERY_HEADER_LENGTH + payloadLength,
            RecordDescriptor.ALIGNMENT);
    }

    /**
     * @throws IllegalArgumentException unless {@code capacity} is a power of two within
     *                                  [{@link #CAPACITY_MIN}, {@link #CAPACITY_MAX}].
     */
    public static void checkCapacity(final int capacity)
    {
        if (!BitUtil.isPowerOfTwo(capacity) || capacity < CAPACITY_MIN || capacity > CAPACITY_MAX)
        {
            throw new IllegalArgumentException("capacity=" + capacity + " must be a power of two in [" +
                CAPACITY_MIN + ", " + CAPACITY_MAX + "]");
        }
    }
}
