package org.hicsim.core0.spi;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageTest
{
    @Test
    void shouldResetEveryFieldOnClear()
    {
        final Message message = new Message().operation(3).connectionId(9).status(Status.BUSY)
            .argument(Message.ARGUMENT_COUNT - 1, 42).payload(new byte[]{1, 2, 3}, 0, 3);

        message.clear();

        assertEquals(0, message.operation());
        assertEquals(Message.NO_CONNECTION, message.connectionId());
        assertEquals(Status.OK, message.status());
        assertEquals(0, message.argument(Message.ARGUMENT_COUNT - 1));
        assertEquals(0, message.payloadLength());
    }

    @Test
    void shouldRefusePayloadLongerThanMax()
    {
        final byte[] tooLong = new byte[Message.PAYLOAD_LENGTH_MAX + 1];

        assertThrows(IllegalArgumentException.class, () -> new Message().payload(tooLong, 0, tooLong.length));
    }

    @Test
    void shouldRefuseArgumentIndexOutsideRange()
    {
        final Message message = new Message();

        assertThrows(IndexOutOfBoundsException.class, () -> message.argument(Message.ARGUMENT_COUNT));
        assertThrows(IndexOutOfBoundsException.class, () -> message.argument(-1, 0));
    }

    @Test
    void shouldRefuseReadingPayloadPastItsLength()
    {
        final Message message = new Message().payload(new byte[]{7}, 0, 1);

        assertThrows(IndexOutOfBoundsException.class, () -> message.payloadByte(1));
    }

    @Property
    void copyFromShouldReproduceEveryField(
        @ForAll final int operation, @ForAll final long connectionId, @ForAll final int status,
        @ForAll @Size(Message.ARGUMENT_COUNT) final long[] arguments,
        @ForAll @Size(max = Message.PAYLOAD_LENGTH_MAX) final byte[] payload)
    {
        final Message source = new Message().operation(operation).connectionId(connectionId).status(status)
            .payload(payload, 0, payload.length);
        for (int i = 0; i < Message.ARGUMENT_COUNT; i++)
        {
            source.argument(i, arguments[i]);
        }

        final Message copy = new Message().payload(new byte[Message.PAYLOAD_LENGTH_MAX], 0, 10).copyFrom(source);

        assertEquals(operation, copy.operation());
        assertEquals(connectionId, copy.connectionId());
        assertEquals(status, copy.status());
        for (int i = 0; i < Message.ARGUMENT_COUNT; i++)
        {
            assertEquals(arguments[i], copy.argument(i));
        }
        final byte[] copied = new byte[copy.payloadLength()];
        copy.copyPayload(copied, 0);
        assertArrayEquals(payload, copied);
    }
}
