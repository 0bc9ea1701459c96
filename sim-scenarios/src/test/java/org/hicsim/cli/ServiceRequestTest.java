package org.hicsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.hicsim.core0.spi.Message;
import org.junit.jupiter.api.Test;

class ServiceRequestTest
{
    @Property
    void writesTheOperationArgumentsAndPayloadItWasGiven(
        @ForAll final int operation,
        @ForAll @Size(max = Message.ARGUMENT_COUNT) final long[] arguments,
        @ForAll @StringLength(max = 100) final String payload)
    {
        final StringBuilder text = new StringBuilder().append(operation).append(':');
        for (int i = 0; i < arguments.length; i++)
        {
            text.append(i == 0 ? "" : ",").append(arguments[i]);
        }
        final Message message = ServiceRequest.parse(text.append(':').append(payload).toString())
            .writeTo(new Message().status(-1));

        assertEquals(operation, message.operation());
        for (int i = 0; i < Message.ARGUMENT_COUNT; i++)
        {
            assertEquals(i < arguments.length ? arguments[i] : 0, message.argument(i));
        }
        final byte[] sent = new byte[message.payloadLength()];
        message.copyPayload(sent, 0);
        assertEquals(payload, new String(sent, StandardCharsets.UTF_8));
        assertEquals(0, message.status());
    }

    @Test
    void operationAloneHasNoArgumentsAndNoPayload()
    {
        final Message message = ServiceRequest.parse("3").writeTo(new Message());

        assertEquals(3, message.operation());
        assertEquals(0, message.payloadLength());
    }

    @Test
    void payloadKeepsItsColons()
    {
        final Message message = ServiceRequest.parse("1::a:b").writeTo(new Message());

        assertEquals(3, message.payloadLength());
        assertEquals((byte)':', message.payloadByte(1));
    }

    @Test
    void refusesMoreArgumentsThanAMessageHas()
    {
        final String arguments = String.join(",", Arrays.stream(new String[Message.ARGUMENT_COUNT + 1])
            .map(unused -> "1").toList());

        assertThrows(IllegalArgumentException.class, () -> ServiceRequest.parse("1:" + arguments));
    }

    @Test
    void refusesAPayloadLongerThanAMessageHolds()
    {
        final String payload = "x".repeat(Message.PAYLOAD_LENGTH_MAX + 1);

        assertThrows(IllegalArgumentException.class, () -> ServiceRequest.parse("1::" + payload));
    }

    @Test
    void refusesAnArgumentThatIsNotANumber()
    {
        assertThrows(IllegalArgumentException.class, () -> ServiceRequest.parse("1:2,x"));
    }
}
