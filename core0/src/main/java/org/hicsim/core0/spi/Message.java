package org.hicsim.core0.spi;

/**
 * A request or a reply: an operation code, the connection it concerns, four numeric arguments, a status and a
 * payload of at most {@link #PAYLOAD_LENGTH_MAX} bytes. A flyweight: the caller owns it and reuses it, so
 * serving a request allocates nothing; a service must not keep a reference after the call returns.
 * <p>
 * Each service documents its operations and what its arguments and payload mean.
 */
public final class Message
{
    public static final int ARGUMENT_COUNT = 4;
    public static final int PAYLOAD_LENGTH_MAX = 2048;
    /** A message about no connection in particular. */
    public static final long NO_CONNECTION = 0;

    private final long[] arguments = new long[ARGUMENT_COUNT];
    private final byte[] payload = new byte[PAYLOAD_LENGTH_MAX];
    private int operation;
    private long connectionId;
    private int status;
    private int payloadLength;

    /**
     * Resets every field: operation 0, {@link #NO_CONNECTION}, arguments 0, status {@link Status#OK}, no payload.
     */
    public Message clear()
    {
        operation = 0;
        connectionId = NO_CONNECTION;
        status = Status.OK;
        payloadLength = 0;
        for (int i = 0; i < ARGUMENT_COUNT; i++)
        {
            arguments[i] = 0;
        }
        return this;
    }

    public int operation()
    {
        return operation;
    }

    public Message operation(final int operation)
    {
        this.operation = operation;
        return this;
    }

    public long connectionId()
    {
        return connectionId;
    }

    public Message connectionId(final long connectionId)
    {
        this.connectionId = connectionId;
        return this;
    }

    /** In a reply: {@link Status#OK} or a code. */
    public int status()
    {
        return status;
    }

    public Message status(final int status)
    {
        this.status = status;
        return this;
    }

    public long argument(final int index)
    {
        return arguments[checkArgumentIndex(index)];
    }

    public Message argument(final int index, final long value)
    {
        arguments[checkArgumentIndex(index)] = value;
        return this;
    }

    public int payloadLength()
    {
        return payloadLength;
    }

    public byte payloadByte(final int index)
    {
        if (index < 0 || index >= payloadLength)
        {
            throw new IndexOutOfBoundsException("index=" + index + " payloadLength=" + payloadLength);
        }
        return payload[index];
    }

    /**
     * Copies the payload into {@code dst} at {@code dstOffset}.
     *
     * @return the payload length.
     */
    public int copyPayload(final byte[] dst, final int dstOffset)
    {
        System.arraycopy(payload, 0, dst, dstOffset, payloadLength);
        return payloadLength;
    }

    /**
     * Replaces the payload with {@code length} bytes of {@code src} from {@code srcOffset}.
     *
     * @throws IllegalArgumentException if {@code length} is over {@link #PAYLOAD_LENGTH_MAX}.
     */
    public Message payload(final byte[] src, final int srcOffset, final int length)
    {
        if (length < 0 || length > PAYLOAD_LENGTH_MAX)
        {
            throw new IllegalArgumentException("length=" + length + " outside 0.." + PAYLOAD_LENGTH_MAX);
        }
        System.arraycopy(src, srcOffset, payload, 0, length);
        payloadLength = length;
        return this;
    }

    /**
     * Copies every field of {@code other} into this message.
     */
    public Message copyFrom(final Message other)
    {
        operation = other.operation;
        connectionId = other.connectionId;
        status = other.status;
        System.arraycopy(other.arguments, 0, arguments, 0, ARGUMENT_COUNT);
        System.arraycopy(other.payload, 0, payload, 0, other.payloadLength);
        payloadLength = other.payloadLength;
        return this;
    }

    @Override
    public String toString()
    {
        return "Message{operation=" + operation + " connectionId=" + connectionId + " status=" + Status.name(status)
            + " arguments=[" + arguments[0] + ", " + arguments[1] + ", " + arguments[2] + ", " + arguments[3]
            + "] payloadLength=" + payloadLength + "}";
    }

    private static int checkArgumentIndex(final int index)
    {
        if (index < 0 || index >= ARGUMENT_COUNT)
        {
            throw new IndexOutOfBoundsException("index=" + index + " argumentCount=" + ARGUMENT_COUNT);
        }
        return index;
    }
}
