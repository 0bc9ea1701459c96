package org.hicsim.services.netstack;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * Puts frames on the link: through eth_driver's TRANSMIT when netstack holds an {@code eth_driver} capability,
 * else in loopback, where a frame is only counted. Either way the link serialises frames one after another at
 * {@link #NS_PER_BYTE}, which is how long a connection's data stays unsent.
 */
final class Transmitter
{
    /** A 1 Gbit/s link: 8 ns per byte. */
    static final long NS_PER_BYTE = 8;
    /** eth_driver's TRANSMIT: payload one frame, reply arg0 the bytes sent. */
    static final int ETH_TRANSMIT = 1;

    private final ServiceContext context;
    private final Header header;
    private final Message request = new Message();
    private final Message reply = new Message();

    Transmitter(final ServiceContext context, final Header header)
    {
        this.context = context;
        this.header = header;
    }

    /**
     * @return the virtual time the frame's last byte leaves the link, or a negative code when eth_driver refused
     * it ({@link Status#CALL_FAILED} when the call itself failed, else eth_driver's status).
     */
    long transmit(final byte[] frame, final int length)
    {
        final long ethHandle = header.ethHandle();
        if (ethHandle != ServiceContext.NO_CAPABILITY)
        {
            request.clear().operation(ETH_TRANSMIT).payload(frame, 0, length);
            if (context.call(ethHandle, request, reply) != Status.OK)
            {
                return Status.CALL_FAILED;
            }
            if (reply.status() != Status.OK)
            {
                return reply.status();
            }
        }
        final long doneAt = Math.max(context.nowNs(), header.linkFreeAtNs()) + length * NS_PER_BYTE;
        header.linkFreeAtNs(doneAt);
        header.countFrame(length);
        return doneAt;
    }
}
