package org.hicsim.mm.channel;

/**
 * Layout of a handshake hello: what each end sends first, in the clear. Fields are big-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Protocol Version                        |
 *  +---------------------------------------------------------------+
 *  |                  Sender Instance UUID (128 bits)              |
 *  |                                                               |
 *  |                                                               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Receiver Instance UUID (128 bits)             |
 *  |                                                               |
 *  |                                                               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              Ephemeral X25519 Public Key (256 bits)           |
 *  |                                                               |
 * ...                                                              |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * The sender names itself and the instance it believes it talks to; the receiver checks both against what Core-0
 * told it when it made the channel. Both hellos, whole, go into the transcript the keys are derived over, so a
 * changed byte in either gives the two ends different keys and fails the finished MACs.
 */
public final class ChannelHelloDescriptor
{
    /** The one version there is; a hello of another is refused as malformed. */
    public static final int VERSION = 1;
    public static final int VERSION_OFFSET = 0;
    public static final int SENDER_UUID_OFFSET = VERSION_OFFSET + Integer.BYTES;
    public static final int RECEIVER_UUID_OFFSET = SENDER_UUID_OFFSET + 2 * Long.BYTES;
    public static final int PUBLIC_KEY_OFFSET = RECEIVER_UUID_OFFSET + 2 * Long.BYTES;
    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int LENGTH = PUBLIC_KEY_OFFSET + PUBLIC_KEY_LENGTH;

    private ChannelHelloDescriptor()
    {
    }

    public static int versionOffset(final int helloOffset)
    {
        return helloOffset + VERSION_OFFSET;
    }

    public static int senderUuidOffset(final int helloOffset)
    {
        return helloOffset + SENDER_UUID_OFFSET;
    }

    public static int receiverUuidOffset(final int helloOffset)
    {
        return helloOffset + RECEIVER_UUID_OFFSET;
    }

    public static int publicKeyOffset(final int helloOffset)
    {
        return helloOffset + PUBLIC_KEY_OFFSET;
    }

    /**
     * @return whether {@code length} bytes can be a hello: what the receiver checks before reading a field.
     */
    public static boolean isHelloLength(final int length)
    {
        return length == LENGTH;
    }
}
