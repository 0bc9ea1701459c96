package org.hicsim.services.netstack;

/**
 * Layout of the frames netstack hands to eth_driver: Ethernet II, IPv4 without options, then TCP without
 * options or UDP, in network byte order (big-endian), as on the wire.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Destination MAC (bytes 0-3)                   |  0
 *  +-------------------------------+-------------------------------+
 *  |  Destination MAC (bytes 4-5)  |    Source MAC (bytes 0-1)     |  4
 *  +-------------------------------+-------------------------------+
 *  |                    Source MAC (bytes 2-5)                     |  8
 *  +-------------------------------+---------------+---------------+
 *  |       EtherType (0x0800)      | Version/IHL   |      TOS      |  12
 *  +-------------------------------+---------------+---------------+
 *  |         Total Length          |        Identification         |  16
 *  +-------------------------------+---------------+---------------+
 *  |      Flags/Fragment (DF)      |      TTL      |   Protocol    |  20
 *  +-------------------------------+---------------+---------------+
 *  |        Header Checksum        |     Source Address (4)   ...  |  24
 *  +-------------------------------+-------------------------------+
 *  |  ... Source Address           |  Destination Address (4) ...  |  28
 *  +-------------------------------+-------------------------------+
 *  |  ... Destination Address      |          Source Port          |  32
 *  +-------------------------------+-------------------------------+
 *  |       Destination Port        |  TCP: Sequence Number ...     |  36
 *  |                               |  UDP: Length, Checksum        |
 *  +-------------------------------+-------------------------------+
 *  | TCP: ... Sequence Number      |  Acknowledgment Number ...    |  40
 *  +-------------------------------+-------------------------------+
 *  | ... Acknowledgment Number     | Data Offset   |     Flags     |  44
 *  +-------------------------------+---------------+---------------+
 *  |            Window             |           Checksum            |  48
 *  +-------------------------------+-------------------------------+
 *  |        Urgent Pointer         |  data ...                        52
 *  +-------------------------------+
 * </pre>
 * The IPv4 and TCP/UDP checksums are filled in (RFC 791, RFC 9293, RFC 768), since eth_driver 1.1.0 has no
 * checksum offload.
 */
public final class FrameDescriptor
{
    public static final int ETH_DESTINATION_OFFSET = 0;
    public static final int ETH_SOURCE_OFFSET = 6;
    public static final int ETH_TYPE_OFFSET = 12;
    public static final int ETH_HEADER_LENGTH = 14;
    public static final int ETH_TYPE_IPV4 = 0x0800;
    public static final int MAC_LENGTH = 6;

    public static final int IP_OFFSET = ETH_HEADER_LENGTH;
    public static final int IP_VERSION_IHL_OFFSET = IP_OFFSET;
    public static final int IP_TOTAL_LENGTH_OFFSET = IP_OFFSET + 2;
    public static final int IP_IDENTIFICATION_OFFSET = IP_OFFSET + 4;
    public static final int IP_FLAGS_OFFSET = IP_OFFSET + 6;
    public static final int IP_TTL_OFFSET = IP_OFFSET + 8;
    public static final int IP_PROTOCOL_OFFSET = IP_OFFSET + 9;
    public static final int IP_CHECKSUM_OFFSET = IP_OFFSET + 10;
    public static final int IP_SOURCE_OFFSET = IP_OFFSET + 12;
    public static final int IP_DESTINATION_OFFSET = IP_OFFSET + 16;
    public static final int IP_HEADER_LENGTH = 20;
    public static final int IP_VERSION_IHL = 0x45;
    public static final int IP_FLAG_DONT_FRAGMENT = 0x4000;
    public static final int IP_TTL = 64;

    public static final int L4_OFFSET = IP_OFFSET + IP_HEADER_LENGTH;
    public static final int L4_SOURCE_PORT_OFFSET = L4_OFFSET;
    public static final int L4_DESTINATION_PORT_OFFSET = L4_OFFSET + 2;

    public static final int TCP_SEQUENCE_OFFSET = L4_OFFSET + 4;
    public static final int TCP_ACK_OFFSET = L4_OFFSET + 8;
    public static final int TCP_DATA_OFFSET_OFFSET = L4_OFFSET + 12;
    public static final int TCP_FLAGS_OFFSET = L4_OFFSET + 13;
    public static final int TCP_WINDOW_OFFSET = L4_OFFSET + 14;
    public static final int TCP_CHECKSUM_OFFSET = L4_OFFSET + 16;
    public static final int TCP_URGENT_OFFSET = L4_OFFSET + 18;
    public static final int TCP_HEADER_LENGTH = 20;
    /** Data offset 5 words, in the high nibble. */
    public static final int TCP_DATA_OFFSET = (TCP_HEADER_LENGTH / 4) << 4;
    public static final int TCP_FLAG_FIN = 0x01;
    public static final int TCP_FLAG_SYN = 0x02;
    public static final int TCP_FLAG_PSH = 0x08;
    public static final int TCP_FLAG_ACK = 0x10;
    public static final int TCP_WINDOW_MAX = 0xFFFF;

    public static final int UDP_LENGTH_OFFSET = L4_OFFSET + 4;
    public static final int UDP_CHECKSUM_OFFSET = L4_OFFSET + 6;
    public static final int UDP_HEADER_LENGTH = 8;

    public static final int TCP_FRAME_HEADER_LENGTH = L4_OFFSET + TCP_HEADER_LENGTH;
    public static final int UDP_FRAME_HEADER_LENGTH = L4_OFFSET + UDP_HEADER_LENGTH;
    /** The largest frame netstack builds: a full TCP segment (an Ethernet MTU plus the Ethernet header). */
    public static final int FRAME_LENGTH_MAX = TCP_FRAME_HEADER_LENGTH + NetstackProtocol.TCP_SEGMENT_MAX;

    private FrameDescriptor()
    {
    }
}
