package org.hicsim.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.hicsim.core0.spi.Message;
import picocli.CommandLine;

/**
 * One {@code --request OP[:ARGS[:PAYLOAD]]} of {@code hic services run}: an operation code, up to
 * {@link Message#ARGUMENT_COUNT} comma-separated numeric arguments (the rest are 0), and a payload given as text,
 * sent as its UTF-8 bytes. {@code 1:5:visits} is operation 1, argument 0 = 5, payload {@code visits};
 * {@code 2::visits} has no arguments; the payload is everything after the second colon, colons included.
 * Immutable.
 */
final class ServiceRequest
{
    static final String FORMAT = "OP[:ARGS[:PAYLOAD]]";

    private static final int FIELDS_MAX = 3;

    private final int operation;
    private final long[] arguments;
    private final byte[] payload;

    private ServiceRequest(final int operation, final long[] arguments, final byte[] payload)
    {
        this.operation = operation;
        this.arguments = arguments;
        this.payload = payload;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with {@code text}.
     */
    static ServiceRequest parse(final String text)
    {
        final String[] fields = text.split(":", FIELDS_MAX);
        final int operation = operation(fields[0], text);
        final long[] arguments = new long[Message.ARGUMENT_COUNT];
        if (fields.length > 1 && !fields[1].isEmpty())
        {
            final String[] values = fields[1].split(",", -1);
            if (values.length > Message.ARGUMENT_COUNT)
            {
                throw new IllegalArgumentException("'" + text + "': " + values.length + " arguments, at most "
                    + Message.ARGUMENT_COUNT);
            }
            for (int i = 0; i < values.length; i++)
            {
                arguments[i] = argument(values[i], i, text);
            }
        }
        final byte[] payload = fields.length > 2 ? fields[2].getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (payload.length > Message.PAYLOAD_LENGTH_MAX)
        {
            throw new IllegalArgumentException("'" + text + "': a payload of " + payload.length + " bytes, at most "
                + Message.PAYLOAD_LENGTH_MAX);
        }
        return new ServiceRequest(operation, arguments, payload);
    }

    /**
     * Clears {@code message} and writes this request into it.
     */
    Message writeTo(final Message message)
    {
        message.clear().operation(operation).payload(payload, 0, payload.length);
        for (int i = 0; i < Message.ARGUMENT_COUNT; i++)
        {
            message.argument(i, arguments[i]);
        }
        return message;
    }

    @Override
    public String toString()
    {
        return "ServiceRequest{operation=" + operation + " arguments=" + Arrays.toString(arguments)
            + " payloadLength=" + payload.length + "}";
    }

    private static int operation(final String value, final String text)
    {
        try
        {
            return Integer.parseInt(value.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw notANumber("operation", value, text);
        }
    }

    private static long argument(final String value, final int index, final String text)
    {
        try
        {
            return Long.parseLong(value.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw notANumber("argument " + index, value, text);
        }
    }

    private static IllegalArgumentException notANumber(final String what, final String value, final String text)
    {
        return new IllegalArgumentException(
            "'" + text + "': " + what + " '" + value + "' is not a number");
    }

    /**
     * Lets picocli report a malformed request as a usage error (exit 2).
     */
    static final class Converter implements CommandLine.ITypeConverter<ServiceRequest>
    {
        @Override
        public ServiceRequest convert(final String value)
        {
            try
            {
                return parse(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }
}
