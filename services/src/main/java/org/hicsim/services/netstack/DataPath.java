package org.hicsim.services.netstack;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.common.LittleEndian;

/**
 * SEND, DELIVER and RECEIVE: data into and out of a connection's buffer rings, sequence numbers, windows and
 * counters.
 */
final class DataPath
{

    private final ServiceContext context;
    private final Header header;
    private final ConnectionTable table;
    private final Connections connections;
    private final StateFormat format;
    private final int ringLength;
    private final byte[] data = new byte[Message.PAYLOAD_LENGTH_MAX];

    DataPath(
        final ServiceContext context,
        final Header header,
        final ConnectionTable table,
        final Connections connections,
        final StateFormat format,
        final MemoryMap map)
    {
        this.context = context;
        this.header = header;
        this.table = table;
        this.connections = connections;
        this.format = format;
        this.ringLength = map.ringLength();
    }

    /**
     * Queues the payload in the send ring and sends it as one segment; it stays in the ring until acknowledged
     * (TCP) or until it has left the link (UDP).
     */
    void send(final Message request, final Message reply)
    {
        final int slot = connections.lookup(request.connectionId());
        if (slot < 0)
        {
            reply.status(slot);
            return;
        }
        final long record = table.recordAddress(slot);
        final boolean tcp = isTcp(record);
        final int length = request.payloadLength();
        if (length == 0 || length > (tcp ? NetstackProtocol.TCP_SEGMENT_MAX : NetstackProtocol.UDP_DATAGRAM_MAX))
        {
            reply.status(Status.INVALID_ARGUMENT);
            return;
        }
        if (tcpState(record) != TcpState.ESTABLISHED)
        {
            reply.status(NetstackProtocol.NOT_ESTABLISHED);
            return;
        }
        final long sendPointers = context.loadLong(record + ConnectionRecordV1Descriptor.SND_UNA_OFFSET);
        final int sendNext = LittleEndian.secondInt(sendPointers);
        int sendUnacknowledged = LittleEndian.firstInt(sendPointers);
        if (!tcp && context.loadLong(record + ConnectionRecordV1Descriptor.DRAIN_AT_OFFSET) <= context.nowNs())
        {
            context.storeInt(record + ConnectionRecordV1Descriptor.SND_UNA_OFFSET, sendNext);
            sendUnacknowledged = sendNext;
        }
        final int inFlight = sendNext - sendUnacknowledged;
        final long peerWindow = NetstackProtocol.unsigned(
            context.loadInt(record + ConnectionRecordV1Descriptor.PEER_WINDOW_OFFSET));
        final long limit = tcp ? Math.min(peerWindow, ringLength) : ringLength;
        if ((long)inFlight + length > limit)
        {
            reply.status(NetstackProtocol.WINDOW_FULL);
            return;
        }
        request.copyPayload(data, 0);
        BufferRing.write(context, table.bufferAddress(slot) + BufferDescriptor.SEND_RING_OFFSET, ringLength,
            sendNext, data, length);
        final int flags = tcp ? FrameDescriptor.TCP_FLAG_PSH | FrameDescriptor.TCP_FLAG_ACK : 0;
        final long sent = connections.transmit(slot, flags, sendNext, data, length);
        if (sent < 0)
        {
            reply.status((int)sent);
            return;
        }
        context.storeInt(record + ConnectionRecordV1Descriptor.SND_NXT_OFFSET, sendNext + length);
        addLong(record + ConnectionRecordV1Descriptor.BYTES_SENT_OFFSET, length);
        reply.argument(0, NetstackProtocol.unsigned(sendNext + length))
            .argument(1, inFlight + length)
            .argument(2, context.nowNs());
    }

    /**
     * Takes an inbound segment: its data into the receive ring if it is the next one expected, and for TCP its
     * acknowledgement, window and echoed send time.
     */
    void deliver(final Message request, final Message reply)
    {
        final int slot = connections.lookup(request.connectionId());
        if (slot < 0)
        {
            reply.status(slot);
            return;
        }
        final long record = table.recordAddress(slot);
        final boolean tcp = isTcp(record);
        if (tcpState(record) != TcpState.ESTABLISHED)
        {
            reply.status(NetstackProtocol.NOT_ESTABLISHED);
            return;
        }
        final long receivePointers = context.loadLong(record + ConnectionRecordV1Descriptor.RCV_NXT_OFFSET);
        final int receiveNext = LittleEndian.firstInt(receivePointers);
        final int unread = receiveNext - LittleEndian.secondInt(receivePointers);
        final int length = request.payloadLength();
        if (tcp && (int)request.argument(0) != receiveNext)
        {
            reply.status(NetstackProtocol.OUT_OF_ORDER).argument(0, NetstackProtocol.unsigned(receiveNext));
            return;
        }
        if (unread + length > ringLength)
        {
            reply.status(NetstackProtocol.WINDOW_FULL).argument(0, NetstackProtocol.unsigned(receiveNext));
            return;
        }
        request.copyPayload(data, 0);
        BufferRing.write(context, table.bufferAddress(slot) + BufferDescriptor.receiveRingOffset(ringLength),
            ringLength, receiveNext, data, length);
        context.storeInt(record + ConnectionRecordV1Descriptor.RCV_NXT_OFFSET, receiveNext + length);
        addLong(record + ConnectionRecordV1Descriptor.BYTES_RECEIVED_OFFSET, length);
        header.addBytesDelivered(length);
        if (tcp)
        {
            acknowledge(record, (int)request.argument(1), (int)request.argument(2), request.argument(3));
        }
        context.storeLong(record + ConnectionRecordV1Descriptor.LAST_ACTIVITY_OFFSET, context.nowNs());
        reply.argument(0, NetstackProtocol.unsigned(receiveNext + length))
            .argument(1, ringLength - unread - length);
    }

    /** Reads unread data out of the receive ring. */
    void receive(final Message request, final Message reply)
    {
        final int slot = connections.lookup(request.connectionId());
        if (slot < 0)
        {
            reply.status(slot);
            return;
        }
        final long record = table.recordAddress(slot);
        final long receivePointers = context.loadLong(record + ConnectionRecordV1Descriptor.RCV_NXT_OFFSET);
        final int read = LittleEndian.secondInt(receivePointers);
        final int unread = LittleEndian.firstInt(receivePointers) - read;
        final int length = (int)Math.max(0, Math.min(request.argument(0), Math.min(unread, data.length)));
        BufferRing.read(context, table.bufferAddress(slot) + BufferDescriptor.receiveRingOffset(ringLength),
            ringLength, read, data, length);
        context.storeInt(record + ConnectionRecordV1Descriptor.RCV_READ_OFFSET, read + length);
        context.storeLong(record + ConnectionRecordV1Descriptor.LAST_ACTIVITY_OFFSET, context.nowNs());
        reply.payload(data, 0, length).argument(0, unread - length);
    }

    /** An acknowledgement inside (SND.UNA, SND.NXT] frees acknowledged data; older ones are duplicates. */
    private void acknowledge(final long record, final int ack, final int window, final long echoedSendTimeNs)
    {
        final long sendPointers = context.loadLong(record + ConnectionRecordV1Descriptor.SND_UNA_OFFSET);
        final int sendUnacknowledged = LittleEndian.firstInt(sendPointers);
        final int sendNext = LittleEndian.secondInt(sendPointers);
        if (ack - sendUnacknowledged > 0 && sendNext - ack >= 0)
        {
            context.storeInt(record + ConnectionRecordV1Descriptor.SND_UNA_OFFSET, ack);
        }
        context.storeInt(record + ConnectionRecordV1Descriptor.PEER_WINDOW_OFFSET, window);
        final long now = context.nowNs();
        if (echoedSendTimeNs > 0 && echoedSendTimeNs <= now)
        {
            format.onRoundTripSample(context, record, now - echoedSendTimeNs);
        }
    }

    private boolean isTcp(final long record)
    {
        return NetstackProtocol.protocol(context.loadLong(record + ConnectionRecordV1Descriptor.PORTS_OFFSET))
            == NetstackProtocol.PROTOCOL_TCP;
    }

    private int tcpState(final long record)
    {
        return context.loadByte(record + ConnectionRecordV1Descriptor.TCP_STATE_OFFSET);
    }

    private void addLong(final long address, final long delta)
    {
        context.storeLong(address, context.loadLong(address) + delta);
    }
}
