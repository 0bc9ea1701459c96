package org.hicsim.core0.request;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.core0.spi.Message;

import static org.hicsim.core0.request.RequestRecordDescriptor.CONNECTION_OFFSET;
import static org.hicsim.core0.request.RequestRecordDescriptor.HEADER_LENGTH;
import static org.hicsim.core0.request.RequestRecordDescriptor.LENGTH_MAX;
import static org.hicsim.core0.request.RequestRecordDescriptor.OPERATION_OFFSET;
import static org.hicsim.core0.request.RequestRecordDescriptor.PAYLOAD_LENGTH_OFFSET;
import static org.hicsim.core0.request.RequestRecordDescriptor.SLOT_OFFSET;
import static org.hicsim.core0.request.RequestRecordDescriptor.STATUS_OFFSET;
import static org.hicsim.core0.request.RequestRecordDescriptor.argumentOffset;

/**
 * Writes a {@link Message} as a {@link RequestRecordDescriptor} record into a scratch buffer of its own, and reads
 * one back into a message. One codec per user; it allocates nothing after construction.
 */
final class MessageCodec
{
    private final byte[] bytes = new byte[LENGTH_MAX];
    private final UnsafeBuffer scratch = new UnsafeBuffer(bytes);

    /**
     * @return the scratch buffer holding the record, valid until the next encode; its length is
     * {@link RequestRecordDescriptor#recordLength(int)} of the message's payload.
     */
    UnsafeBuffer encode(final int slot, final Message message, final long connectionId)
    {
        final UnsafeBuffer scratch = this.scratch;
        scratch.putInt(SLOT_OFFSET, slot);
        scratch.putInt(OPERATION_OFFSET, message.operation());
        scratch.putInt(STATUS_OFFSET, message.status());
        scratch.putInt(PAYLOAD_LENGTH_OFFSET, message.payloadLength());
        scratch.putLong(CONNECTION_OFFSET, connectionId);
        for (int i = 0; i < Message.ARGUMENT_COUNT; i++)
        {
            scratch.putLong(argumentOffset(i), message.argument(i));
        }
        message.copyPayload(bytes, HEADER_LENGTH);
        return scratch;
    }

    /**
     * Reads the record at {@code index} into {@code message}.
     *
     * @return the record's request slot.
     */
    int decode(final DirectBuffer buffer, final int index, final Message message)
    {
        final int payloadLength = buffer.getInt(index + PAYLOAD_LENGTH_OFFSET);
        message.clear()
            .operation(buffer.getInt(index + OPERATION_OFFSET))
            .status(buffer.getInt(index + STATUS_OFFSET))
            .connectionId(buffer.getLong(index + CONNECTION_OFFSET));
        for (int i = 0; i < Message.ARGUMENT_COUNT; i++)
        {
            message.argument(i, buffer.getLong(index + argumentOffset(i)));
        }
        buffer.getBytes(index + HEADER_LENGTH, bytes, 0, payloadLength);
        message.payload(bytes, 0, payloadLength);
        return buffer.getInt(index + SLOT_OFFSET);
    }
}
