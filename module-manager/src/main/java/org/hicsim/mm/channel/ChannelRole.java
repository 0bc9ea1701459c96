package org.hicsim.mm.channel;

/**
 * Which side of the handshake an end plays. The roles fix the transcript's order and give each direction its
 * own label, which is the first word of every nonce sealed in that direction.
 */
public enum ChannelRole
{
    /** The first instance named at creation (the old instance, in an update). */
    INITIATOR(1),
    /** The second instance named at creation. */
    RESPONDER(2);

    private final int sendDirection;

    ChannelRole(final int sendDirection)
    {
        this.sendDirection = sendDirection;
    }

    /** The direction label of the records this end seals. */
    public int sendDirection()
    {
        return sendDirection;
    }

    /** The direction label of the records this end opens: its peer's. */
    public int receiveDirection()
    {
        return peer().sendDirection;
    }

    public ChannelRole peer()
    {
        return this == INITIATOR ? RESPONDER : INITIATOR;
    }
}
