package org.hicsim.mm.channel;

/**
 * Why a migration channel refused an operation its user asked for, with stable negative codes in the channel
 * layer's range (-301 to -309; record refusals are -311 to -319, handshake failures -321 to -329), so a code
 * crossing into the Module Manager cannot be mistaken for a capability, IPC or region code.
 * <p>
 * {@link MigrationChannels#create} answers a {@link org.hicsim.core0.cap.CapError} code when the caller's
 * capabilities do not allow the channel, and one of these otherwise.
 */
public enum ChannelError
{
    /** Both control capabilities name the same sandbox: a channel joins two instances. */
    SAME_SANDBOX(-301),
    /** The handshake has not finished, so there are no keys to seal with yet. */
    NOT_ESTABLISHED(-302),
    /** The channel was closed, failed its handshake or lost an instance; its keys are gone. */
    CLOSED(-303),
    /** The payload is longer than the channel's {@link ChannelConfig#payloadLengthMax()}. */
    TOO_LARGE(-304);

    private final int code;

    ChannelError(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }
}
