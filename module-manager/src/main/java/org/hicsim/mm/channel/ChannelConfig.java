package org.hicsim.mm.channel;

import org.agrona.BitUtil;
import org.hicsim.core0.ipc.EndpointRecordDescriptor;

/**
 * How large a migration channel's messages may be: a payload bound, from which the size of the two Core-0
 * endpoint rings follows. A payload is a state snapshot's shard or one connection's state; larger state goes as
 * several records.
 *
 * @param payloadLengthMax the longest payload one record carries, 1 to {@link #PAYLOAD_LENGTH_MAX}.
 */
public record ChannelConfig(int payloadLengthMax)
{
    /** The default bound, 1 MiB. */
    public static final int DEFAULT_PAYLOAD_LENGTH_MAX = 1 << 20;
    /** The largest bound: a record that long still fits the largest endpoint ring Core-0 makes. */
    public static final int PAYLOAD_LENGTH_MAX =
        EndpointRecordDescriptor.payloadLengthMax(EndpointRecordDescriptor.CAPACITY_MAX) - ChannelRecordDescriptor.OVERHEAD;
    public static final ChannelConfig DEFAULT = new ChannelConfig(DEFAULT_PAYLOAD_LENGTH_MAX);

    public ChannelConfig
    {
        checkPayloadLengthMax(payloadLengthMax);
    }

    /**
     * Bytes of each of the channel's two endpoint rings: the smallest power of two whose largest message (an
     * eighth of it, as Agrona takes) holds the longest record and a hello.
     */
    public int ringCapacity()
    {
        final int messageLengthMax = Math.max(ChannelRecordDescriptor.recordLength(payloadLengthMax),
            ChannelHelloDescriptor.LENGTH) + EndpointRecordDescriptor.DELIVERY_HEADER_LENGTH;
        return Math.max(EndpointRecordDescriptor.CAPACITY_MIN, BitUtil.findNextPositivePowerOfTwo(8 * messageLengthMax));
    }

    /**
     * @throws IllegalArgumentException unless {@code payloadLengthMax} is in [1, {@link #PAYLOAD_LENGTH_MAX}].
     */
    public static void checkPayloadLengthMax(final int payloadLengthMax)
    {
        if (payloadLengthMax < 1 || payloadLengthMax > PAYLOAD_LENGTH_MAX)
        {
            throw new IllegalArgumentException(
                "payloadLengthMax=" + payloadLengthMax + " must be in [1, " + PAYLOAD_LENGTH_MAX + "]");
        }
    }
}
