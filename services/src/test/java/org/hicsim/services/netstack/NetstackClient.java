package org.hicsim.services.netstack;

import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Service;

/**
 * One netstack instance under test and the requests a test sends it, each returning the reply (a flyweight,
 * valid until the next request).
 */
final class NetstackClient
{
    final Service service;
    final int sandboxId;
    final SystemCalls context;
    private final Message request = new Message();
    private final Message reply = new Message();

    NetstackClient(final Service service, final int sandboxId, final SystemCalls context)
    {
        this.service = service;
        this.sandboxId = sandboxId;
        this.context = context;
    }

    Message open(
        final int sourceIp, final int destinationIp, final int sourcePort, final int destinationPort,
        final int protocol, final ConnectionClass connectionClass, final long httpSession, final long tlsSession)
    {
        return call(request.clear().operation(NetstackProtocol.OPEN)
            .argument(0, NetstackProtocol.addresses(sourceIp, destinationIp))
            .argument(1, NetstackProtocol.ports(sourcePort, destinationPort, protocol, connectionClass.code()))
            .argument(2, httpSession)
            .argument(3, tlsSession));
    }

    Message openTcp(final int sourcePort)
    {
        return open(NetstackHarness.ip(10, 0, 0, 2), NetstackHarness.ip(192, 0, 2, 7), sourcePort, 443,
            NetstackProtocol.PROTOCOL_TCP, ConnectionClass.MEDIUM, 1, 2);
    }

    Message openUdp(final int sourcePort)
    {
        return open(NetstackHarness.ip(10, 0, 0, 2), NetstackHarness.ip(192, 0, 2, 53), sourcePort, 53,
            NetstackProtocol.PROTOCOL_UDP, ConnectionClass.LOW, 0, 0);
    }

    Message send(final long connectionId, final byte[] data)
    {
        return call(request.clear().operation(NetstackProtocol.SEND).connectionId(connectionId)
            .payload(data, 0, data.length));
    }

    Message deliver(
        final long connectionId, final long sequence, final long ack, final long window, final long echoNs,
        final byte[] data)
    {
        return call(request.clear().operation(NetstackProtocol.DELIVER).connectionId(connectionId)
            .argument(0, sequence).argument(1, ack).argument(2, window).argument(3, echoNs)
            .payload(data, 0, data.length));
    }

    Message receive(final long connectionId, final int maxBytes)
    {
        return call(request.clear().operation(NetstackProtocol.RECEIVE).connectionId(connectionId)
            .argument(0, maxBytes));
    }

    Message close(final long connectionId)
    {
        return call(request.clear().operation(NetstackProtocol.CLOSE).connectionId(connectionId));
    }

    Message routeAdd(final int prefix, final int prefixLength, final int gateway, final int metric)
    {
        return call(request.clear().operation(NetstackProtocol.ROUTE_ADD)
            .argument(0, prefix).argument(1, prefixLength).argument(2, gateway).argument(3, metric));
    }

    Message arpAdd(final int ip, final long mac)
    {
        return call(request.clear().operation(NetstackProtocol.ARP_ADD).argument(0, ip).argument(1, mac));
    }

    Message stats(final long connectionId)
    {
        return call(request.clear().operation(NetstackProtocol.STATS).connectionId(connectionId));
    }

    Message call(final Message message)
    {
        service.handle(message, reply);
        return reply;
    }

    /** The connection's record as STATS returns it, in the instance's own state version. */
    byte[] record(final long connectionId)
    {
        final Message stats = stats(connectionId);
        final byte[] record = new byte[stats.payloadLength()];
        stats.copyPayload(record, 0);
        return record;
    }

    long poolBufferAddress(final long connectionId)
    {
        return context.memoryBase() + map().poolBufferOffset(ConnectionIdDescriptor.slot(connectionId));
    }

    long windowBufferAddress(final long connectionId)
    {
        return map().windowBufferAddress(MemoryMapDescriptor.windowBase(context.memoryBase(), context.memoryBytes()),
            ConnectionIdDescriptor.slot(connectionId));
    }

    /** The layout of this instance, from the configuration its sandbox runs with. */
    MemoryMap map()
    {
        return MemoryMap.of(context.configuration());
    }

    /** What the host hands {@code migrateConnection}: this instance, reached only through activation. */
    ConnectionTarget asTarget()
    {
        return new ConnectionTarget()
        {
            @Override
            public int sandboxId()
            {
                return sandboxId;
            }

            @Override
            public int deliver(
                final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
            {
                return service.activateConnection(connectionId, state, stateLength, bufferRegionHandle);
            }
        };
    }
}
