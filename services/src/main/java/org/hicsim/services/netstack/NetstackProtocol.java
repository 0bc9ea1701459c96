package org.hicsim.services.netstack;

import org.hicsim.core0.spi.Status;

/**
 * The operations of {@code netstack}: TCP and UDP connections over IPv4, with the route table and ARP cache they
 * are sent through. Addresses are IPv4 addresses as unsigned 32-bit values ({@code 10.0.0.1} is
 * {@code 0x0A000001}); sequence numbers are TCP's 32-bit sequence space, returned as unsigned values.
 * <table>
 * <caption>Operations (request connection id, arguments, payload; reply)</caption>
 * <tr><th>operation</th><th>request</th><th>reply</th></tr>
 * <tr><td>{@link #OPEN}</td><td>arg0 {@link #addresses}, arg1 {@link #ports}, arg2 HTTP session id, arg3 TLS
 * session id</td><td>connection id; arg0 initial send sequence number, arg1 the receive sequence number the peer
 * must send next. A TCP connection is {@link TcpState#SYN_SENT} for one round trip, then established.</td></tr>
 * <tr><td>{@link #SEND}</td><td>connection id; payload the data, at most {@link #TCP_SEGMENT_MAX} (TCP) or
 * {@link #UDP_DATAGRAM_MAX} (UDP) bytes</td><td>arg0 the next send sequence number, arg1 bytes held unacknowledged,
 * arg2 the send time a peer echoes in {@link #DELIVER}'s arg3</td></tr>
 * <tr><td>{@link #DELIVER}</td><td>an inbound segment: connection id; arg0 its sequence number, arg1 its
 * acknowledgement number, arg2 the peer's receive window, arg3 the echoed send time (0: none); payload its
 * data</td><td>arg0 the next sequence number expected, arg1 the receive window left</td></tr>
 * <tr><td>{@link #RECEIVE}</td><td>connection id; arg0 the most bytes to read</td><td>payload the unread data read,
 * arg0 unread bytes left</td></tr>
 * <tr><td>{@link #CLOSE}</td><td>connection id</td><td>a TCP connection sends its FIN and is gone one round trip
 * later; a UDP one at once</td></tr>
 * <tr><td>{@link #ROUTE_ADD}</td><td>arg0 prefix, arg1 prefix length 0..32, arg2 gateway (0: on link), arg3
 * metric</td><td>arg0 routes held</td></tr>
 * <tr><td>{@link #ARP_ADD}</td><td>arg0 IPv4 address, arg1 MAC address (48 bits)</td><td>arg0 entries
 * held</td></tr>
 * <tr><td>{@link #STATS}</td><td>no connection, or a connection id</td><td>no connection: arg0 connections, arg1
 * frames sent, arg2 frame bytes sent, arg3 data bytes received. A connection: arg0 next send sequence number,
 * arg1 next receive sequence number, arg2 bytes sent, arg3 bytes received, payload its state record in the
 * instance's own state version.</td></tr>
 * <tr><td>{@link #LOOPBACK}</td><td>a test packet that is never sent: arg0 its destination address; payload its
 * data, at most {@link #TCP_SEGMENT_MAX} bytes</td><td>arg0 the next hop, arg1 the next hop's MAC address (0: none in
 * the ARP cache), arg2 the Internet checksum of the data, arg3 its length; {@link #NO_ROUTE} when no route leads
 * there. It reads the route table and the ARP cache and changes nothing, so two instances with the same tables
 * answer it alike: the manifest names it as the update's loopback probe, and STATS as its connection
 * probe.</td></tr>
 * </table>
 * A connection frozen while it moves, or reserved on import and not yet activated, answers {@link Status#BUSY};
 * one that migrated to another instance answers {@link Status#MIGRATED}. While the instance prepares for
 * migration it answers {@link Status#BUSY} to OPEN (any level), SEND (request-free and above) and CLOSE
 * (protocol-free); once it has exported at its consistency point it serves its connections again, and answers
 * {@link Status#MIGRATED} to OPEN, ROUTE_ADD and ARP_ADD, which are the importer's until the migration is
 * aborted.
 */
public final class NetstackProtocol
{
    public static final int OPEN = 1;
    public static final int SEND = 2;
    public static final int DELIVER = 3;
    public static final int RECEIVE = 4;
    public static final int CLOSE = 5;
    public static final int ROUTE_ADD = 6;
    public static final int ARP_ADD = 7;
    public static final int STATS = 8;
    public static final int LOOPBACK = 9;

    /** IP protocol number of TCP. */
    public static final int PROTOCOL_TCP = 6;
    /** IP protocol number of UDP. */
    public static final int PROTOCOL_UDP = 17;

    /** Data of one TCP segment: an Ethernet MTU of 1500 less the IPv4 and TCP headers. */
    public static final int TCP_SEGMENT_MAX = 1460;
    /** Data of one UDP datagram: an Ethernet MTU of 1500 less the IPv4 and UDP headers. */
    public static final int UDP_DATAGRAM_MAX = 1472;

    /** OPEN: a connection with this 5-tuple exists already. */
    public static final int CONNECTION_EXISTS = Status.SERVICE_BASE;
    /** OPEN: no route leads to the destination. */
    public static final int NO_ROUTE = Status.SERVICE_BASE - 1;
    /** SEND: the next hop has no ARP entry. */
    public static final int HOST_UNREACHABLE = Status.SERVICE_BASE - 2;
    /** SEND, DELIVER: the TCP handshake has not completed, or the connection is closing. */
    public static final int NOT_ESTABLISHED = Status.SERVICE_BASE - 3;
    /** SEND: the peer's window or the send buffer is full; DELIVER: the receive buffer is full. */
    public static final int WINDOW_FULL = Status.SERVICE_BASE - 4;
    /** DELIVER: the segment is not the next one expected; it is dropped and reply arg0 says which is. */
    public static final int OUT_OF_ORDER = Status.SERVICE_BASE - 5;
    /** migrateConnection: Core-0 refused to transfer the buffer region. */
    public static final int TRANSFER_REFUSED = Status.SERVICE_BASE - 6;
    /** importState: the exporter's connection buffers are not this instance's configured length. */
    public static final int BUFFER_LENGTH_MISMATCH = Status.SERVICE_BASE - 7;

    private static final int PORT_MASK = 0xFFFF;
    private static final int BYTE_MASK = 0xFF;
    private static final long ADDRESS_MASK = 0xFFFF_FFFFL;

    private NetstackProtocol()
    {
    }

    /** OPEN's arg0: source address in the high 32 bits, destination address in the low 32. */
    public static long addresses(final int sourceIp, final int destinationIp)
    {
        return ((long)sourceIp << 32) | (destinationIp & ADDRESS_MASK);
    }

    /**
     * OPEN's arg1: source port in bits 48-63, destination port in bits 32-47, IP protocol in bits 8-15 and the
     * {@link org.hicsim.core0.spi.ConnectionClass} code in bits 0-7.
     */
    public static long ports(final int sourcePort, final int destinationPort, final int protocol, final int classCode)
    {
        return ((long)(sourcePort & PORT_MASK) << 48) | ((long)(destinationPort & PORT_MASK) << 32)
            | ((protocol & BYTE_MASK) << 8) | (classCode & BYTE_MASK);
    }

    public static int sourceIp(final long addresses)
    {
        return (int)(addresses >>> 32);
    }

    public static int destinationIp(final long addresses)
    {
        return (int)addresses;
    }

    public static int sourcePort(final long ports)
    {
        return (int)(ports >>> 48) & PORT_MASK;
    }

    public static int destinationPort(final long ports)
    {
        return (int)(ports >>> 32) & PORT_MASK;
    }

    public static int protocol(final long ports)
    {
        return (int)(ports >>> 8) & BYTE_MASK;
    }

    public static int classCode(final long ports)
    {
        return (int)ports & BYTE_MASK;
    }

    /** A 32-bit sequence number or address as a reply carries it: unsigned. */
    public static long unsigned(final int value)
    {
        return value & ADDRESS_MASK;
    }

    /** The 5-tuple half of {@link #ports}: the same bits with the class cleared, as a connection record keeps it. */
    public static long tuplePorts(final long ports)
    {
        return ports & ~(long)BYTE_MASK;
    }
}
