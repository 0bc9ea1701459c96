package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * Serves one request of {@link NetstackProtocol}: charges its CPU work to the sandbox's quota, refuses what a
 * migration being prepared holds back and what an exported instance no longer owns, and hands the rest to the
 * part that does it.
 */
final class Operations
{
    static final long OPEN_WORK_NS = 4_000;
    static final long CLOSE_WORK_NS = 2_000;
    static final long DATA_WORK_NS = 1_500;
    static final long RECEIVE_WORK_NS = 800;
    static final long TABLE_WORK_NS = 500;
    static final long STATS_WORK_NS = 300;
    static final long REFUSAL_WORK_NS = 100;
    /** Copying and checksumming a byte of data. */
    static final long WORK_NS_PER_BYTE = 2;


    private final ServiceContext context;
    private final Header header;
    private final ConnectionTable table;
    private final Connections connections;
    private final DataPath data;
    private final RouteTable routes;
    private final ArpCache arp;
    private final StateFormat format;
    private final byte[] record = new byte[ConnectionState.LENGTH_MAX];
    private final byte[] packet = new byte[NetstackProtocol.TCP_SEGMENT_MAX];

    Operations(
        final ServiceContext context,
        final Header header,
        final ConnectionTable table,
        final Connections connections,
        final RouteTable routes,
        final ArpCache arp,
        final StateFormat format,
        final MemoryMap map)
    {
        this.context = context;
        this.header = header;
        this.table = table;
        this.connections = connections;
        this.data = new DataPath(context, header, table, connections, format, map);
        this.routes = routes;
        this.arp = arp;
        this.format = format;
    }

    void handle(final Message request, final Message reply)
    {
        final int operation = request.operation();
        reply.clear().operation(operation).connectionId(request.connectionId());
        header.raiseBusyUntil(context.compute(workNs(operation, request.payloadLength())));
        if (isRefusedWhilePreparing(operation))
        {
            reply.status(Status.BUSY);
            return;
        }
        if (isOwnedByTheImporter(operation))
        {
            reply.status(Status.MIGRATED);
            return;
        }
        switch (operation)
        {
            case NetstackProtocol.OPEN -> connections.open(request, reply);
            case NetstackProtocol.SEND -> data.send(request, reply);
            case NetstackProtocol.DELIVER -> data.deliver(request, reply);
            case NetstackProtocol.RECEIVE -> data.receive(request, reply);
            case NetstackProtocol.CLOSE -> connections.close(request, reply);
            case NetstackProtocol.ROUTE_ADD -> countOrStatus(reply, routes.add((int)request.argument(0),
                (int)request.argument(1), (int)request.argument(2), (int)request.argument(3)));
            case NetstackProtocol.ARP_ADD -> countOrStatus(reply,
                arp.add((int)request.argument(0), request.argument(1)));
            case NetstackProtocol.STATS -> stats(request, reply);
            case NetstackProtocol.LOOPBACK -> loopback(request, reply);
            default -> reply.status(Status.UNKNOWN_OPERATION);
        }
    }

    private static long workNs(final int operation, final int payloadLength)
    {
        return switch (operation)
        {
            case NetstackProtocol.OPEN -> OPEN_WORK_NS;
            case NetstackProtocol.SEND, NetstackProtocol.DELIVER, NetstackProtocol.LOOPBACK -> DATA_WORK_NS + WORK_NS_PER_BYTE * payloadLength;
            case NetstackProtocol.RECEIVE -> RECEIVE_WORK_NS;
            case NetstackProtocol.CLOSE -> CLOSE_WORK_NS;
            case NetstackProtocol.ROUTE_ADD, NetstackProtocol.ARP_ADD -> TABLE_WORK_NS;
            case NetstackProtocol.STATS -> STATS_WORK_NS;
            default -> REFUSAL_WORK_NS;
        };
    }

    /**
     * OPEN at any level, SEND from request-free, CLOSE (it starts a handshake) at protocol-free. The level is read
     * only for those three: no other operation is ever refused here.
     */
    private boolean isRefusedWhilePreparing(final int operation)
    {
        return switch (operation)
        {
            case NetstackProtocol.OPEN -> header.preparedLevel() != HeaderDescriptor.NOT_PREPARING;
            case NetstackProtocol.SEND -> header.preparedLevel() > Quiescence.REQUEST_FREE.ordinal();
            case NetstackProtocol.CLOSE -> header.preparedLevel() > Quiescence.PROTOCOL_FREE.ordinal();
            default -> false;
        };
    }

    /**
     * Once the instance has exported at its consistency point, the route table, the ARP cache and the opening of
     * connections are the importer's: what changed them here would be lost, and a connection opened here would
     * have no place reserved there.
     */
    private boolean isOwnedByTheImporter(final int operation)
    {
        return (operation == NetstackProtocol.OPEN || operation == NetstackProtocol.ROUTE_ADD
            || operation == NetstackProtocol.ARP_ADD) && header.isExported();
    }

    private void stats(final Message request, final Message reply)
    {
        if (request.connectionId() == Message.NO_CONNECTION)
        {
            reply.argument(0, header.count(SlotState.ACTIVE))
                .argument(1, header.framesSent())
                .argument(2, header.frameBytesSent())
                .argument(3, header.bytesDelivered());
            return;
        }
        final int slot = connections.lookup(request.connectionId());
        if (slot < 0)
        {
            reply.status(slot);
            return;
        }
        final long address = table.recordAddress(slot);
        final int length = format.exportRecord(context, address, format.stateVersion(), record);
        final int sendNext = context.loadInt(address + ConnectionRecordV1Descriptor.SND_NXT_OFFSET);
        final int receiveNext = context.loadInt(address + ConnectionRecordV1Descriptor.RCV_NXT_OFFSET);
        reply.argument(0, NetstackProtocol.unsigned(sendNext))
            .argument(1, NetstackProtocol.unsigned(receiveNext))
            .argument(2, context.loadLong(address + ConnectionRecordV1Descriptor.BYTES_SENT_OFFSET))
            .argument(3, context.loadLong(address + ConnectionRecordV1Descriptor.BYTES_RECEIVED_OFFSET))
            .payload(record, 0, length);
    }

    /** Routes a test packet and checksums it as SEND would, without a connection and without sending it. */
    private void loopback(final Message request, final Message reply)
    {
        final int length = request.payloadLength();
        if (length > packet.length)
        {
            reply.status(Status.INVALID_ARGUMENT);
            return;
        }
        final long nextHop = routes.nextHop((int)request.argument(0));
        if (nextHop == RouteTable.NO_ROUTE)
        {
            reply.status(NetstackProtocol.NO_ROUTE);
            return;
        }
        final long mac = arp.lookup((int)nextHop);
        request.copyPayload(packet, 0);
        reply.argument(0, nextHop)
            .argument(1, mac == ArpCache.NOT_FOUND ? 0 : mac)
            .argument(2, InternetChecksum.finish(InternetChecksum.add(0, packet, 0, length)))
            .argument(3, length);
    }

    private static void countOrStatus(final Message reply, final int result)
    {
        if (result < 0)
        {
            reply.status(result);
        }
        else
        {
            reply.argument(0, result);
        }
    }
}
