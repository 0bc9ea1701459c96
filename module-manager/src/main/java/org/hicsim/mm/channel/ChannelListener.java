package org.hicsim.mm.channel;

import org.agrona.DirectBuffer;

/**
 * What a migration channel tells the code that made it (the Module Manager), always from an event of the
 * simulation, at the virtual time the thing happened.
 */
public interface ChannelListener
{
    /**
     * A record was opened at {@code receiver}, in sequence, after the receiver's CPU opened it. The payload is a
     * flyweight over the receiving end's buffer, valid during the call only: copy what you keep.
     */
    void onDelivered(ChannelEnd receiver, long sequence, DirectBuffer payload, int offset, int length);

    /** Both ends confirmed the keys: from now on either end may {@link ChannelEnd#send send}. */
    default void onEstablished(final MigrationChannel channel)
    {
    }

    /**
     * {@code receiver} refused a record (or a stray handshake message after the handshake); the refusal is
     * counted, traced and audited, and changed nothing else.
     */
    default void onRefused(final ChannelEnd receiver, final RecordRefusal refusal)
    {
    }

    /** The handshake refused the peer at {@code end}: the channel is FAILED, its keys and endpoints gone. */
    default void onFailed(final MigrationChannel channel, final ChannelEnd end, final HandshakeFailure failure)
    {
    }

    /**
     * The channel is CLOSED: on request, or because an instance or the creator died, or Core-0 refused one of
     * its sends or receives. {@code reason} is one word ({@code requested}, {@code sandbox_terminated}, ...).
     */
    default void onClosed(final MigrationChannel channel, final String reason)
    {
    }
}
