package org.hicsim.host.sample;

/** Always has work in flight. */
public final class NeverQuiesces extends PollCountingService
{
    @Override
    protected boolean isQuiescentAfter(final long polls)
    {
        return false;
    }
}
