package org.hicsim.mm.channel;

/**
 * The three kinds of message an end puts on its peer's endpoint, told apart by the Agrona message type id: the
 * handshake's hello ({@link ChannelHelloDescriptor}) and finished MAC, then sealed records
 * ({@link ChannelRecordDescriptor}).
 */
public enum ChannelMessage
{
    HELLO(1),
    FINISHED(2),
    RECORD(3);

    private static final ChannelMessage[] VALUES = values();

    private final int typeId;

    ChannelMessage(final int typeId)
    {
        this.typeId = typeId;
    }

    /** The Agrona message type id: greater than zero, as Agrona requires. */
    public int typeId()
    {
        return typeId;
    }

    /**
     * @return the kind with this type id, or null.
     */
    public static ChannelMessage fromTypeId(final int typeId)
    {
        for (final ChannelMessage message : VALUES)
        {
            if (message.typeId == typeId)
            {
                return message;
            }
        }
        return null;
    }
}
