package org.hicsim.mm.channel;

/**
 * A point on the wire between Core-0's ring and a receiving end, where a scenario or a test plays the attacker
 * or the faulty medium: each message taken from the ring goes to the tap instead of the end, and the end gets
 * only what the tap hands to the sink, when it hands it: unchanged, with bytes flipped, twice (a replay), later
 * (a reordering), never (a drop), or replaced (a man in the middle). Installed with
 * {@link MigrationChannel#tap(TransitTap)}; none is installed by default.
 */
@FunctionalInterface
public interface TransitTap
{
    /**
     * @param receiver the end the message was sent to.
     * @param message  a copy the tap may change and keep.
     * @param sink     hands a message to {@code receiver}; it may be kept and called later, while the channel is
     *                 open.
     */
    void onTransit(ChannelEnd receiver, ChannelMessage kind, byte[] message, Sink sink);

    /** The receiving end's way in. */
    @FunctionalInterface
    interface Sink
    {
        void deliver(ChannelMessage kind, byte[] message);
    }
}
