package org.hicsim.services.common;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.netstack.NetstackProtocol;

/**
 * The calls the services above netstack (web_server, dns_resolver) make to it, through the {@code netstack}
 * service capability the loader granted them, so that what they know of netstack's protocol sits in one place.
 * One per service instance: it owns the request and reply it reuses.
 */
public final class NetstackClient
{
    /** The name the loader grants the netstack service capability under: the dependency's module name. */
    public static final String CAPABILITY = "netstack";

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
        request.clear().operation(NetstackProtocol.OPEN)
            .argument(0, NetstackProtocol.addresses(sourceIp, destinationIp))
            .argument(1, NetstackProtocol.ports(
                sourcePort, destinationPort, NetstackProtocol.PROTOCOL_UDP, connectionClass.code()));
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
        request.clear().operation(NetstackProtocol.SEND).connectionId(connectionId).payload(data, offset, length);
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
