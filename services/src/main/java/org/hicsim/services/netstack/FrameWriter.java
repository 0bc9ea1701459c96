package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;

/**
 * Builds a connection's frames ({@link FrameDescriptor}) from its record: addresses, ports and the
 * acknowledgement number come from the record, the rest from the caller.
 */
final class FrameWriter
{
    private final ServiceContext context;

    FrameWriter(final ServiceContext context)
    {
        this.context = context;
    }

    /**
     * @param receiveNext the connection's RCV.NXT: the acknowledgement number when {@code tcpFlags} has ACK.
     * @return the frame's length.
     */
    int write(
        final byte[] frame,
        final long recordAddress,
        final long destinationMac,
        final long sourceMac,
        final int tcpFlags,
        final int sequence,
        final int receiveNext,
        final int window,
        final int identification,
        final byte[] data,
        final int dataLength)
    {
        final long addresses = context.loadLong(recordAddress + ConnectionRecordV1Descriptor.ADDRESSES_OFFSET);
        final long ports = context.loadLong(recordAddress + ConnectionRecordV1Descriptor.PORTS_OFFSET);
        final int protocol = NetstackProtocol.protocol(ports);
        final boolean tcp = protocol == NetstackProtocol.PROTOCOL_TCP;
        final int l4HeaderLength = tcp ? FrameDescriptor.TCP_HEADER_LENGTH : FrameDescriptor.UDP_HEADER_LENGTH;
        final int l4Length = l4HeaderLength + dataLength;
        final int sourceIp = NetstackProtocol.sourceIp(addresses);
        final int destinationIp = NetstackProtocol.destinationIp(addresses);

        putMac(frame, FrameDescriptor.ETH_DESTINATION_OFFSET, destinationMac);
        putMac(frame, FrameDescriptor.ETH_SOURCE_OFFSET, sourceMac);
        putShort(frame, FrameDescriptor.ETH_TYPE_OFFSET, FrameDescriptor.ETH_TYPE_IPV4);

        frame[FrameDescriptor.IP_VERSION_IHL_OFFSET] = FrameDescriptor.IP_VERSION_IHL;
        frame[FrameDescriptor.IP_VERSION_IHL_OFFSET + 1] = 0;
        putShort(frame, FrameDescriptor.IP_TOTAL_LENGTH_OFFSET, FrameDescriptor.IP_HEADER_LENGTH + l4Length);
        putShort(frame, FrameDescriptor.IP_IDENTIFICATION_OFFSET, identification);
        putShort(frame, FrameDescriptor.IP_FLAGS_OFFSET, FrameDescriptor.IP_FLAG_DONT_FRAGMENT);
        frame[FrameDescriptor.IP_TTL_OFFSET] = FrameDescriptor.IP_TTL;
        frame[FrameDescriptor.IP_PROTOCOL_OFFSET] = (byte)protocol;
        putShort(frame, FrameDescriptor.IP_CHECKSUM_OFFSET, 0);
        putInt(frame, FrameDescriptor.IP_SOURCE_OFFSET, sourceIp);
        putInt(frame, FrameDescriptor.IP_DESTINATION_OFFSET, destinationIp);
        putShort(frame, FrameDescriptor.IP_CHECKSUM_OFFSET, InternetChecksum.finish(
            InternetChecksum.add(0, frame, FrameDescriptor.IP_OFFSET, FrameDescriptor.IP_HEADER_LENGTH)));

        putShort(frame, FrameDescriptor.L4_SOURCE_PORT_OFFSET, NetstackProtocol.sourcePort(ports));
        putShort(frame, FrameDescriptor.L4_DESTINATION_PORT_OFFSET, NetstackProtocol.destinationPort(ports));
        final int checksumOffset;
        if (tcp)
        {
            final int ack = (tcpFlags & FrameDescriptor.TCP_FLAG_ACK) != 0 ? receiveNext : 0;
            putInt(frame, FrameDescriptor.TCP_SEQUENCE_OFFSET, sequence);
            putInt(frame, FrameDescriptor.TCP_ACK_OFFSET, ack);
            frame[FrameDescriptor.TCP_DATA_OFFSET_OFFSET] = FrameDescriptor.TCP_DATA_OFFSET;
            frame[FrameDescriptor.TCP_FLAGS_OFFSET] = (byte)tcpFlags;
            putShort(frame, FrameDescriptor.TCP_WINDOW_OFFSET, Math.min(window, FrameDescriptor.TCP_WINDOW_MAX));
            putShort(frame, FrameDescriptor.TCP_CHECKSUM_OFFSET, 0);
            putShort(frame, FrameDescriptor.TCP_URGENT_OFFSET, 0);
            checksumOffset = FrameDescriptor.TCP_CHECKSUM_OFFSET;
        }
        else
        {
            putShort(frame, FrameDescriptor.UDP_LENGTH_OFFSET, l4Length);
            putShort(frame, FrameDescriptor.UDP_CHECKSUM_OFFSET, 0);
            checksumOffset = FrameDescriptor.UDP_CHECKSUM_OFFSET;
        }
        final int headerLength = FrameDescriptor.L4_OFFSET + l4HeaderLength;
        System.arraycopy(data, 0, frame, headerLength, dataLength);

        long sum = InternetChecksum.add(InternetChecksum.add(0, sourceIp), destinationIp);
        sum = InternetChecksum.add(sum + protocol + l4Length, frame, FrameDescriptor.L4_OFFSET, l4Length);
        final int checksum = InternetChecksum.finish(sum);
        putShort(frame, checksumOffset, !tcp && checksum == 0 ? 0xFFFF : checksum);
        return headerLength + dataLength;
    }

    /** A MAC address is the low {@link FrameDescriptor#MAC_LENGTH} bytes of {@code mac}: a short, then an int. */
    private static void putMac(final byte[] frame, final int offset, final long mac)
    {
        putShort(frame, offset, (int)(mac >>> Integer.SIZE));
        putInt(frame, offset + Short.BYTES, (int)mac);
    }

    private static void putShort(final byte[] frame, final int offset, final int value)
    {
        frame[offset] = (byte)(value >>> 8);
        frame[offset + 1] = (byte)value;
    }

    private static void putInt(final byte[] frame, final int offset, final int value)
    {
        putShort(frame, offset, value >>> 16);
        putShort(frame, offset + 2, value);
    }
}
