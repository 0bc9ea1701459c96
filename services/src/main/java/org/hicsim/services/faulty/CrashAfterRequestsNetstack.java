package org.hicsim.services.faulty;

import org.hicsim.core0.spi.Message;

/**
 * Fault {@value #KIND}: serves its first {@value #REQUESTS} requests as netstack 1.3.0 does and throws on the
 * next, which the host turns into the sandbox's death. The count is kept in sandbox memory.
 */
public final class CrashAfterRequestsNetstack extends FaultyNetstack
{
    public static final String KIND = "crash-after-requests";
    public static final long REQUESTS = 1000;

    @Override
    public void handle(final Message request, final Message reply)
    {
        final long requests = countRequest();
        if (requests > REQUESTS)
        {
            throw new IllegalStateException(KIND + ": request " + requests + " is past requests=" + REQUESTS);
        }
        super.handle(request, reply);
    }
}
