package org.hicsim.services.netstack;

/**
 * Layout of a connection's state record in state version 1 (netstack 1.2.0): the bytes a snapshot and a
 * migration carry, and what the connection table holds after each slot header.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Connection Id                         |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Destination Address                      |  8
 *  +---------------------------------------------------------------+
 *  |                         Source Address                        |
 *  +---------------+---------------+-------------------------------+
 *  |   Reserved    |   Protocol    |            Reserved           |  16
 *  +---------------+---------------+-------------------------------+
 *  |       Destination Port        |          Source Port          |
 *  +---------------+---------------+---------------+---------------+
 *  | State Version |     Class     |   TCP State   |   Reserved    |  24
 *  +---------------+---------------+---------------+---------------+
 *  |                        Next Hop Address                       |
 *  +---------------------------------------------------------------+
 *  |                 Send Unacknowledged (SND.UNA)                 |  32
 *  +---------------------------------------------------------------+
 *  |                       Send Next (SND.NXT)                     |
 *  +---------------------------------------------------------------+
 *  |                     Receive Next (RCV.NXT)                    |  40
 *  +---------------------------------------------------------------+
 *  |                Receive Read (next byte to read)               |
 *  +---------------------------------------------------------------+
 *  |                 Peer Window (SND.WND, bytes)                  |  48
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            |
 *  +---------------------------------------------------------------+
 *  |                        HTTP Session Id                        |  56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         TLS Session Id                        |  64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 TCP State Since (ns, virtual)                 |  72
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Last Activity (ns, virtual)                  |  80
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |           Drain At (ns, virtual: last frame off the wire)     |  88
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Bytes Sent                           |  96
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Bytes Received                         |  104
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * Little-endian, as all sandbox memory. The addresses and the ports are stored as {@code long}s exactly as
 * {@link NetstackProtocol#addresses} and {@link NetstackProtocol#tuplePorts} pack them, so the 5-tuple compares
 * as two words. Sequence numbers are 32-bit TCP sequence space; for UDP they count bytes. Data between SND.UNA
 * and SND.NXT and between Receive Read and RCV.NXT lies in the connection's buffer pages
 * ({@link BufferDescriptor}), which migrate by transfer, not in this record.
 */
public final class ConnectionRecordV1Descriptor
{
    public static final int STATE_VERSION = 1;

    public static final int CONNECTION_ID_OFFSET = 0;
    public static final int ADDRESSES_OFFSET = 8;
    public static final int PORTS_OFFSET = 16;
    public static final int STATE_VERSION_OFFSET = 24;
    public static final int CLASS_OFFSET = 25;
    public static final int TCP_STATE_OFFSET = 26;
    public static final int NEXT_HOP_OFFSET = 28;
    public static final int SND_UNA_OFFSET = 32;
    public static final int SND_NXT_OFFSET = 36;
    public static final int RCV_NXT_OFFSET = 40;
    public static final int RCV_READ_OFFSET = 44;
    public static final int PEER_WINDOW_OFFSET = 48;
    public static final int HTTP_SESSION_OFFSET = 56;
    public static final int TLS_SESSION_OFFSET = 64;
    public static final int STATE_SINCE_OFFSET = 72;
    public static final int LAST_ACTIVITY_OFFSET = 80;
    public static final int DRAIN_AT_OFFSET = 88;
    public static final int BYTES_SENT_OFFSET = 96;
    public static final int BYTES_RECEIVED_OFFSET = 104;
    public static final int LENGTH = 112;

    private ConnectionRecordV1Descriptor()
    {
    }
}
