package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.common.LittleEndian;

/**
 * A connection's life: OPEN, the lazy completion of its transient TCP states, CLOSE, and the slot's release; and
 * finding a connection by id, and sending one of its frames.
 */
final class Connections
{
    /** The peer's receive window until it advertises one: TCP's largest without window scaling. */
    static final int PEER_WINDOW_INITIAL = FrameDescriptor.TCP_WINDOW_MAX;

    private static final int CLASS_COUNT = ConnectionClass.values().length;

    private final ServiceContext context;
    private final Header header;
    private final ConnectionTable table;
    private final FiveTupleIndex index;
    private final RouteTable routes;
    private final ArpCache arp;
    private final StateFormat format;
    private final FrameWriter frames;
    private final Transmitter transmitter;
    private final int ringLength;
    private final byte[] frame = new byte[FrameDescriptor.FRAME_LENGTH_MAX];
    private final byte[] zeros = new byte[ConnectionSlotDescriptor.RECORD_LENGTH_MAX];

    Connections(
        final ServiceContext context,
        final Header header,
        final ConnectionTable table,
        final FiveTupleIndex index,
        final RouteTable routes,
        final ArpCache arp,
        final StateFormat format,
        final MemoryMap map)
    {
        this.context = context;
        this.header = header;
        this.table = table;
        this.index = index;
        this.routes = routes;
        this.arp = arp;
        this.format = format;
        this.frames = new FrameWriter(context);
        this.transmitter = new Transmitter(context, header);
        this.ringLength = map.ringLength();
    }

    void open(final Message request, final Message reply)
    {
        final long addresses = request.argument(0);
        final long ports = request.argument(1);
        final int protocol = NetstackProtocol.protocol(ports);
        final int classCode = NetstackProtocol.classCode(ports);
        final boolean tcp = protocol == NetstackProtocol.PROTOCOL_TCP;
        if ((!tcp && protocol != NetstackProtocol.PROTOCOL_UDP) || classCode >= CLASS_COUNT
            || NetstackProtocol.sourcePort(ports) == 0 || NetstackProtocol.destinationPort(ports) == 0
            || NetstackProtocol.destinationIp(addresses) == 0)
        {
            reply.status(Status.INVALID_ARGUMENT);
            return;
        }
        final long now = context.nowNs();
        final long tuplePorts = NetstackProtocol.tuplePorts(ports);
        final int existing = index.find(addresses, tuplePorts);
        final boolean existingEnded = existing != FiveTupleIndex.NOT_FOUND
            && table.state(existing) == SlotState.ACTIVE && settle(existing, now);
        if (existing != FiveTupleIndex.NOT_FOUND && !existingEnded)
        {
            reply.status(NetstackProtocol.CONNECTION_EXISTS);
            return;
        }
        final long nextHop = routes.nextHop(NetstackProtocol.destinationIp(addresses));
        if (nextHop == RouteTable.NO_ROUTE)
        {
            reply.status(NetstackProtocol.NO_ROUTE);
            return;
        }
        final int slot = freeSlotWithBuffer(now);
        if (slot == ConnectionTable.NO_SLOT)
        {
            reply.status(Status.NO_CAPACITY);
            return;
        }
        final long record = table.recordAddress(slot);
        final long connectionId = ConnectionIdDescriptor.connectionId(header.nextSerial(), slot);
        final int sendStart = (int)header.nextRandom();
        final int receiveStart = (int)header.nextRandom() + (tcp ? 1 : 0);
        context.storeBytes(record, zeros, 0, format.recordLength(format.stateVersion()));
        context.storeLong(record + ConnectionRecordV1Descriptor.CONNECTION_ID_OFFSET, connectionId);
        context.storeLong(record + ConnectionRecordV1Descriptor.ADDRESSES_OFFSET, addresses);
        context.storeLong(record + ConnectionRecordV1Descriptor.PORTS_OFFSET, tuplePorts);
        context.storeByte(record + ConnectionRecordV1Descriptor.STATE_VERSION_OFFSET, (byte)format.stateVersion());
        context.storeByte(record + ConnectionRecordV1Descriptor.CLASS_OFFSET, (byte)classCode);
        context.storeByte(record + ConnectionRecordV1Descriptor.TCP_STATE_OFFSET,
            (byte)(tcp ? TcpState.SYN_SENT : TcpState.ESTABLISHED));
        context.storeInt(record + ConnectionRecordV1Descriptor.NEXT_HOP_OFFSET, (int)nextHop);
        context.storeInt(record + ConnectionRecordV1Descriptor.SND_UNA_OFFSET, sendStart);
        context.storeInt(record + ConnectionRecordV1Descriptor.SND_NXT_OFFSET, sendStart);
        context.storeInt(record + ConnectionRecordV1Descriptor.RCV_NXT_OFFSET, receiveStart);
        context.storeInt(record + ConnectionRecordV1Descriptor.RCV_READ_OFFSET, receiveStart);
        context.storeInt(record + ConnectionRecordV1Descriptor.PEER_WINDOW_OFFSET, PEER_WINDOW_INITIAL);
        context.storeLong(record + ConnectionRecordV1Descriptor.HTTP_SESSION_OFFSET, request.argument(2));
        context.storeLong(record + ConnectionRecordV1Descriptor.TLS_SESSION_OFFSET, request.argument(3));
        context.storeLong(record + ConnectionRecordV1Descriptor.STATE_SINCE_OFFSET, now);
        context.storeLong(record + ConnectionRecordV1Descriptor.LAST_ACTIVITY_OFFSET, now);
        format.initialise(context, record);
        if (tcp)
        {
            final long sent = transmit(slot, FrameDescriptor.TCP_FLAG_SYN, sendStart, zeros, 0);
            if (sent < 0)
            {
                reply.status((int)sent);
                return;
            }
            context.storeInt(record + ConnectionRecordV1Descriptor.SND_NXT_OFFSET, sendStart + 1);
            header.raiseSettledAt(now + format.roundTripNs(context, record));
        }
        table.moveTo(slot, SlotState.ACTIVE);
        index.insert(slot);
        header.takeSerial();
        reply.connectionId(connectionId)
            .argument(0, NetstackProtocol.unsigned(sendStart))
            .argument(1, NetstackProtocol.unsigned(receiveStart));
    }

    void close(final Message request, final Message reply)
    {
        final int slot = lookup(request.connectionId());
        if (slot < 0)
        {
            reply.status(slot);
            return;
        }
        final long record = table.recordAddress(slot);
        if (NetstackProtocol.protocol(context.loadLong(record + ConnectionRecordV1Descriptor.PORTS_OFFSET))
            == NetstackProtocol.PROTOCOL_UDP)
        {
            release(slot);
            return;
        }
        final int state = context.loadByte(record + ConnectionRecordV1Descriptor.TCP_STATE_OFFSET);
        if (state == TcpState.SYN_SENT)
        {
            reply.status(NetstackProtocol.NOT_ESTABLISHED);
            return;
        }
        if (state == TcpState.ESTABLISHED)
        {
            final int sendNext = context.loadInt(record + ConnectionRecordV1Descriptor.SND_NXT_OFFSET);
            final long sent = transmit(
                slot, FrameDescriptor.TCP_FLAG_FIN | FrameDescriptor.TCP_FLAG_ACK, sendNext, zeros, 0);
            if (sent < 0)
            {
                reply.status((int)sent);
                return;
            }
            final long now = context.nowNs();
            context.storeInt(record + ConnectionRecordV1Descriptor.SND_NXT_OFFSET, sendNext + 1);
            context.storeByte(record + ConnectionRecordV1Descriptor.TCP_STATE_OFFSET, (byte)TcpState.FIN_WAIT);
            context.storeLong(record + ConnectionRecordV1Descriptor.STATE_SINCE_OFFSET, now);
            header.raiseSettledAt(now + format.roundTripNs(context, record));
        }
    }

    /**
     * Finds a connection this instance serves, its TCP state brought up to now.
     *
     * @return its slot, or {@link Status#UNKNOWN_CONNECTION}, {@link Status#BUSY} while it is reserved or frozen,
     * {@link Status#MIGRATED} once it is another instance's.
     */
    int lookup(final long connectionId)
    {
        final int slot = ConnectionIdDescriptor.slot(connectionId);
        if (!table.isSlot(slot) || table.connectionId(slot) != connectionId)
        {
            return Status.UNKNOWN_CONNECTION;
        }
        switch (table.state(slot))
        {
            case SlotState.ACTIVE:
                return settle(slot, context.nowNs()) ? Status.UNKNOWN_CONNECTION : slot;
            case SlotState.RESERVED:
            case SlotState.FROZEN:
                return Status.BUSY;
            case SlotState.MIGRATED:
                return Status.MIGRATED;
            default:
                return Status.UNKNOWN_CONNECTION;
        }
    }

    /**
     * Completes a transient TCP state whose round trip has passed: SYN_SENT becomes ESTABLISHED (the SYN-ACK
     * acknowledged our SYN), FIN_WAIT ends the connection and frees its slot.
     *
     * @return whether the connection ended.
     */
    boolean settle(final int slot, final long now)
    {
        final long record = table.recordAddress(slot);
        final int state = context.loadByte(record + ConnectionRecordV1Descriptor.TCP_STATE_OFFSET);
        if (!TcpState.isTransient(state))
        {
            return false;
        }
        final long since = context.loadLong(record + ConnectionRecordV1Descriptor.STATE_SINCE_OFFSET);
        final long completedAt = since + format.roundTripNs(context, record);
        if (now < completedAt)
        {
            return false;
        }
        if (state == TcpState.FIN_WAIT)
        {
            release(slot);
            return true;
        }
        context.storeByte(record + ConnectionRecordV1Descriptor.TCP_STATE_OFFSET, (byte)TcpState.ESTABLISHED);
        context.storeLong(record + ConnectionRecordV1Descriptor.STATE_SINCE_OFFSET, completedAt);
        context.storeInt(record + ConnectionRecordV1Descriptor.SND_UNA_OFFSET,
            context.loadInt(record + ConnectionRecordV1Descriptor.SND_NXT_OFFSET));
        return false;
    }

    /** Settles every connection, freeing the slots of those that ended. */
    void settleAll(final long now)
    {
        for (int slot = 0; slot < table.capacity(); slot++)
        {
            if (table.state(slot) == SlotState.ACTIVE)
            {
                settle(slot, now);
            }
        }
    }

    /** Forgets the connection in the slot; the slot keeps its buffer for the next one. */
    void release(final int slot)
    {
        index.remove(slot);
        table.release(slot);
    }

    /**
     * Sends one frame of the connection in {@code slot}, acknowledging what it has received and advertising the
     * receive buffer left.
     *
     * @return the virtual time its last byte leaves the link, or a negative code.
     */
    long transmit(final int slot, final int tcpFlags, final int sequence, final byte[] data, final int length)
    {
        final long record = table.recordAddress(slot);
        final long mac = arp.lookup(context.loadInt(record + ConnectionRecordV1Descriptor.NEXT_HOP_OFFSET));
        if (mac == ArpCache.NOT_FOUND)
        {
            return NetstackProtocol.HOST_UNREACHABLE;
        }
        final long receive = context.loadLong(record + ConnectionRecordV1Descriptor.RCV_NXT_OFFSET);
        final int receiveNext = LittleEndian.firstInt(receive);
        final int unread = receiveNext - LittleEndian.secondInt(receive);
        final int frameLength = frames.write(frame, record, mac, header.interfaceMac(), tcpFlags, sequence,
            receiveNext, ringLength - unread, (int)header.framesSent(), data, length);
        final long doneAt = transmitter.transmit(frame, frameLength);
        if (doneAt >= 0)
        {
            context.storeLong(record + ConnectionRecordV1Descriptor.DRAIN_AT_OFFSET, doneAt);
            context.storeLong(record + ConnectionRecordV1Descriptor.LAST_ACTIVITY_OFFSET, context.nowNs());
            header.raiseDrainedAt(doneAt);
        }
        return doneAt;
    }

    private int freeSlotWithBuffer(final long now)
    {
        int slot = table.allocate();
        if (slot == ConnectionTable.NO_SLOT)
        {
            settleAll(now);
            slot = table.allocate();
        }
        if (slot != ConnectionTable.NO_SLOT && table.bufferAddress(slot) == 0)
        {
            table.attachBuffer(slot, table.poolBufferAddress(slot));
        }
        return slot;
    }
}
