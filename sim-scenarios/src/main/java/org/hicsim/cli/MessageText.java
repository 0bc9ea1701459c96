package org.hicsim.cli;

import java.util.HexFormat;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/**
 * A request or a reply as {@code hic services run} prints it: the operation or the status name, the four
 * arguments, and the payload as quoted text when every byte is printable ASCII, else as hex; and a reply as the
 * trace records it.
 */
final class MessageText
{
    private static final int PRINTABLE_FIRST = 0x20;
    private static final int PRINTABLE_LAST = 0x7E;

    private MessageText()
    {
    }

    /** {@code operation 1, arguments [5, 0, 0, 0], payload "visits"} */
    static String request(final Message request)
    {
        return "operation " + request.operation() + ", " + argumentsAndPayload(request);
    }

    /** {@code OK, arguments [7, 0, 0, 0], payload ""} */
    static String reply(final Message reply)
    {
        return Status.name(reply.status()) + ", " + argumentsAndPayload(reply);
    }

    /** {@code status=OK arguments=7,0,0,0 payloadLength=0}: a trace line's key=value pairs. */
    static String traceDetail(final Message message)
    {
        return "status=" + Status.name(message.status()) + " arguments=" + arguments(message, ",")
            + " payloadLength=" + message.payloadLength();
    }

    private static String argumentsAndPayload(final Message message)
    {
        return "arguments [" + arguments(message, ", ") + "], payload " + payload(message);
    }

    private static String arguments(final Message message, final String separator)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < Message.ARGUMENT_COUNT; i++)
        {
            text.append(i == 0 ? "" : separator).append(message.argument(i));
        }
        return text.toString();
    }

    /**
     * {@code "text"} with {@code "} and {@code \} escaped by a backslash, or {@code 0x} and two hex digits a byte.
     */
    private static String payload(final Message message)
    {
        final byte[] bytes = new byte[message.payloadLength()];
        message.copyPayload(bytes, 0);
        for (final byte b : bytes)
        {
            if (b < PRINTABLE_FIRST || b > PRINTABLE_LAST)
            {
                return "0x" + HexFormat.of().formatHex(bytes);
            }
        }
        final StringBuilder text = new StringBuilder("\"");
        for (final byte b : bytes)
        {
            text.append(b == '"' || b == '\\' ? "\\" : "").append((char)b);
        }
        return text.append('"').toString();
    }
}
