package org.hicsim.services.faulty;

import org.hicsim.core0.spi.Message;

/**
 * Fault {@value #KIND}: serves its first {@value #AFTER_REQUESTS_DEFAULT} requests (by default; the count is
 * {@value DelayedFaultNetstack#AFTER_REQUESTS_KEY}) as netstack 1.3.0 does and throws on the next, which the host
 * turns into the sandbox's death. The count is kept in sandbox memory.
 */
public final class CrashAfterRequestsNetstack extends DelayedFaultNetstack
{
    public static final String KIND = "crash-after-requests";
    public static final long AFTER_REQUESTS_DEFAULT = 1000;

    @Override
    protected void handleArmed(final Message request, final Message reply)
    {
        throw new IllegalStateException(KIND + ": request=" + (requests() + 1) + " comes after " + AFTER_REQUESTS_KEY);
    }

    @Override
    protected long afterRequestsDefault()
    {
        return AFTER_REQUESTS_DEFAULT;
    }
}
