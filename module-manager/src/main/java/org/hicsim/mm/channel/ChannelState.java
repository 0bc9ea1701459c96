package org.hicsim.mm.channel;

/**
 * Lifecycle of a migration channel: HANDSHAKING until both ends have confirmed the keys, then ESTABLISHED;
 * FAILED when the handshake refused the peer, CLOSED when closed on request or when an instance (or the channel's
 * creator) died. FAILED and CLOSED are final, and in both the keys are gone.
 */
public enum ChannelState
{
    HANDSHAKING,
    ESTABLISHED,
    FAILED,
    CLOSED;

    public boolean isFinal()
    {
        return this == FAILED || this == CLOSED;
    }
}
