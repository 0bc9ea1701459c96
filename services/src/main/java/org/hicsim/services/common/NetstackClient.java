package org.hicsim.services.common;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * The calls the services above netstack (web_server, dns_resolver) make to it, through the {@code netstack}
 * service capability the loader granted them, so that what they know of netstack's protocol sits in one place.
 * One per service instance: it owns the request and reply it reuses.
 * <p>
 * The operation codes and argument packing mirror {@code org.hicsim.services.netstack.NetstackProtocol}.
 */
public final class NetstackClient
{
    /** The name the loader grants the netstack service capability under: the dependency's module name. */
    public static final String CAPABILITY = "netstack";

    static final int OPEN = 1;
    static final int SEND = 2;
    static final int PROTOCOL_UDP = 17;

    private final ServiceContext context;
    private final Message request = new Message();
    private final Message reply = new Message();

    public NetstackClient(final ServiceContext context)
    {
        this.context = context;
    }

    /**
     * Opens a UDP connection from {@code sourceIp:sourcePort} to {@code destinationIp:destinationPort}.
     *
     * @return the connection id ({@code > 0}), or a negative code: netstack's, or {@link Status#CALL_FAILED}
     * when the call did not reach it.
     */
    public long openUdp(
        final int sourceIp,
        final int sourcePort,
        final int destinationIp,
        final int destinationPort,
        final ConnectionClass connectionClass)
    {
        request.clear().operation(OPEN)
            .argument(0, ((long)sourceIp << 32) | (destinationIp & 0xFFFF_FFFFL))
            .argument(1, ((long)(sourcePort & 0xFFFF) << 48) | ((long)(destinationPort & 0xFFFF) << 32)
                | (PROTOCOL_UDP << 8) | connectionClass.code());
        final int status = call();
        return status == Status.OK ? reply.connectionId() : status;
    }

    /**
     * Sends {@code length} bytes of {@code data} from {@code offset} on a netstack connection.
     *
     * @return {@link Status#OK}, or netstack's code, or {@link Status#CALL_FAILED} when the call did not reach it.
     */
    public int send(final long connectionId, final byte[] data, final int offset, final int length)
    {
        request.clear().operation(SEND).connectionId(connectionId).payload(data, offset, length);
        return call();
    }

    private int call()
    {
        final long netstack = context.capability(CAPABILITY);
        if (netstack == ServiceContext.NO_CAPABILITY || context.call(netstack, request, reply) != Status.OK)
        {
            return Status.CALL_FAILED;
        }
        return reply.status();
    }
}
