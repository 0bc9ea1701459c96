package org.hicsim.services.faulty;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.netstack.NetstackProtocol;

/**
 * Fault {@value #KIND}: once armed, a checksum bug: the Internet checksum its loopback operation answers is off
 * in its lowest bit, while netstack 1.3.0 and 1.2.0 answer the same packet alike. The bug shows nowhere else, so
 * only a comparison of the two versions on the same test packets (the update's consistency check) finds it.
 */
public final class InconsistentNetstack extends DelayedFaultNetstack
{
    public static final String KIND = "inconsistent";

    @Override
    protected void handleArmed(final Message request, final Message reply)
    {
        super.handleArmed(request, reply);
        if (request.operation() == NetstackProtocol.LOOPBACK && reply.status() == Status.OK)
        {
            reply.argument(2, reply.argument(2) ^ 1);
        }
    }
}
