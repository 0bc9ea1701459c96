package org.hicsim.host.sample;

/** Reaches its quiescent point on the {@link #READY_ON_POLL}th question. */
public final class QuiescesOnThirdPoll extends PollCountingService
{
    public static final int READY_ON_POLL = 3;

    @Override
    protected boolean isQuiescentAfter(final long polls)
    {
        return polls >= READY_ON_POLL;
    }
}
