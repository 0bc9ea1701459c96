package org.hicsim.services.eth_driver;

import org.hicsim.core0.spi.Status;

/**
 * The operations of {@code eth_driver}, the Ethernet NIC driver netstack sends its frames through.
 * <table>
 * <caption>Operations</caption>
 * <tr><th>operation</th><th>request</th><th>reply</th></tr>
 * <tr><td>{@link #TRANSMIT}</td><td>payload: one frame, from the destination MAC to the end of the data (no
 * FCS, no padding: the NIC adds both); arg0: {@code TX_FLAG_*} bits</td><td>arg0: bytes sent (the frame's
 * length), arg1: the virtual time its last bit leaves the wire</td></tr>
 * <tr><td>{@link #RECEIVE_STATS}</td><td>-</td><td>payload: the counters in the version's stats layout
 * ({@link EthStatsDescriptor}); arg0: that layout's state version, arg1: frames in the TX ring, arg2: the
 * MTU</td></tr>
 * <tr><td>{@link #SET_MTU}</td><td>arg0: the new MTU, {@link #MTU_MIN} to {@link #MTU_MAX}</td><td>arg0: the
 * MTU before</td></tr>
 * </table>
 * A frame whose data is longer than the MTU is refused with {@link #FRAME_TOO_LONG}; one that finds the TX ring
 * full (the link cannot drain it fast enough) with {@link #RING_FULL}, and is counted as dropped; one asking for
 * an offload the version does not have with {@link #OFFLOAD_UNSUPPORTED}. Version 1.2.0 adds
 * {@link #TX_FLAG_IPV4_CHECKSUM}.
 */
public final class EthDriverProtocol
{
    public static final int TRANSMIT = 1;
    public static final int RECEIVE_STATS = 2;
    public static final int SET_MTU = 3;

    /** Fill in the IPv4 header checksum of the frame's IPv4 packet (1.2.0 and later). */
    public static final long TX_FLAG_IPV4_CHECKSUM = 1;

    /** The frame's data is longer than the link MTU. */
    public static final int FRAME_TOO_LONG = Status.SERVICE_BASE;
    /** The TX ring is full: the frame is dropped. */
    public static final int RING_FULL = Status.SERVICE_BASE - 1;
    /** The request asks for a TX offload this version does not have. */
    public static final int OFFLOAD_UNSUPPORTED = Status.SERVICE_BASE - 2;

    /** Destination MAC, source MAC, EtherType. */
    public static final int HEADER_LENGTH = 14;
    public static final int ETHER_TYPE_OFFSET = 12;
    public static final int ETHER_TYPE_IPV4 = 0x0800;

    /** The smallest MTU IPv4 allows (RFC 791). */
    public static final int MTU_MIN = 68;
    /** Ethernet's MTU; the link takes no jumbo frames. */
    public static final int MTU_MAX = 1500;
    public static final int MTU_DEFAULT = MTU_MAX;

    private EthDriverProtocol()
    {
    }
}
