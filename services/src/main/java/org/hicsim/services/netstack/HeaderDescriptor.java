package org.hicsim.services.netstack;

/**
 * Layout of netstack's header, the first page of its sandbox memory.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Magic ("NSTK")                         |  0
 *  +---------------------------------------------------------------+
 *  |                         State Version                         |  4
 *  +---------------------------------------------------------------+
 *  |              Slot Counts (one int per SlotState)             ...  8
 *  +---------------------------------------------------------------+
 *  |                    Next Connection Serial                     |  32
 *  +---------------------------------------------------------------+
 *  |              Sequence Number Generator (SplitMix64)           |  40
 *  +---------------------------------------------------------------+
 *  |                     Busy Until (ns, virtual)                  |  48
 *  +---------------------------------------------------------------+
 *  |                    Drained At (ns, virtual)                   |  56
 *  +---------------------------------------------------------------+
 *  |                    Settled At (ns, virtual)                   |  64
 *  +---------------------------------------------------------------+
 *  |                   Link Free At (ns, virtual)                  |  72
 *  +---------------------------------------------------------------+
 *  |                          Frames Sent                          |  80
 *  +---------------------------------------------------------------+
 *  |                        Frame Bytes Sent                       |  88
 *  +---------------------------------------------------------------+
 *  |                      Data Bytes Delivered                     |  96
 *  +---------------------------------------------------------------+
 *  |                   eth_driver Capability Handle                |  104
 *  +---------------------------------------------------------------+
 *  |                         Interface MAC                         |  112
 *  +---------------------------------------------------------------+
 *  |                    Prepared Quiescence Level                  |  120
 *  +---------------------------------------------------------------+
 *  |                       Peer State Version                      |  124
 *  +---------------------------------------------------------------+
 *  |                          Route Count                          |  128
 *  +---------------------------------------------------------------+
 *  |                        ARP Entry Count                        |  132
 *  +---------------------------------------------------------------+
 *  |                         Buffers Held                          |  136
 *  +---------------------------------------------------------------+
 *  |                           Exported                            |  140
 *  +---------------------------------------------------------------+
 *  |                    Free Map Hint (word index)                 |  144
 *  +---------------------------------------------------------------+
 *  |                      Connection Capacity                      |  148
 *  +---------------------------------------------------------------+
 *  |                 Buffer Bytes (per connection)                 |  152
 *  +---------------------------------------------------------------+
 * </pre>
 * Longs take two rows. The three "at" times make quiescence a comparison with the clock: busy until is when the
 * last request's work ends (work-free), drained at when the last queued frame has left the wire (request-free),
 * settled at when the last handshake or close completes (protocol-free). The prepared level is 0 when no
 * migration is being prepared, else the {@link org.hicsim.core0.spi.Quiescence} ordinal plus one; the peer
 * state version is the one connections are handed on in: that of the last export or import. Exported is 1 from
 * the export that ends a prepared migration (the consistency point) until an abort or an import: the global state
 * and new connections are then another instance's. The free map hint is the lowest word of the free-slot bitmap
 * that may have a bit set, so that taking the next free slot does not scan from the start. The capacity the
 * instance was configured with is kept beside the structures it sized.
 */
public final class HeaderDescriptor
{
    /** "NSTK" read as a little-endian int. */
    public static final int MAGIC = 0x4B54_534E;

    public static final int MAGIC_OFFSET = 0;
    public static final int STATE_VERSION_OFFSET = 4;
    public static final int COUNTS_OFFSET = 8;
    public static final int NEXT_SERIAL_OFFSET = COUNTS_OFFSET + SlotState.COUNT * Integer.BYTES;
    public static final int SEQUENCE_GENERATOR_OFFSET = NEXT_SERIAL_OFFSET + Long.BYTES;
    public static final int BUSY_UNTIL_OFFSET = SEQUENCE_GENERATOR_OFFSET + Long.BYTES;
    public static final int DRAINED_AT_OFFSET = BUSY_UNTIL_OFFSET + Long.BYTES;
    public static final int SETTLED_AT_OFFSET = DRAINED_AT_OFFSET + Long.BYTES;
    public static final int LINK_FREE_AT_OFFSET = SETTLED_AT_OFFSET + Long.BYTES;
    public static final int FRAMES_SENT_OFFSET = LINK_FREE_AT_OFFSET + Long.BYTES;
    public static final int FRAME_BYTES_SENT_OFFSET = FRAMES_SENT_OFFSET + Long.BYTES;
    public static final int BYTES_DELIVERED_OFFSET = FRAME_BYTES_SENT_OFFSET + Long.BYTES;
    public static final int ETH_HANDLE_OFFSET = BYTES_DELIVERED_OFFSET + Long.BYTES;
    public static final int INTERFACE_MAC_OFFSET = ETH_HANDLE_OFFSET + Long.BYTES;
    public static final int PREPARED_LEVEL_OFFSET = INTERFACE_MAC_OFFSET + Long.BYTES;
    public static final int PEER_STATE_VERSION_OFFSET = PREPARED_LEVEL_OFFSET + Integer.BYTES;
    public static final int ROUTE_COUNT_OFFSET = PEER_STATE_VERSION_OFFSET + Integer.BYTES;
    public static final int ARP_COUNT_OFFSET = ROUTE_COUNT_OFFSET + Integer.BYTES;
    public static final int BUFFERS_HELD_OFFSET = ARP_COUNT_OFFSET + Integer.BYTES;
    public static final int EXPORTED_OFFSET = BUFFERS_HELD_OFFSET + Integer.BYTES;
    public static final int FREE_HINT_OFFSET = EXPORTED_OFFSET + Integer.BYTES;
    public static final int CONNECTIONS_OFFSET = FREE_HINT_OFFSET + Integer.BYTES;
    public static final int BUFFER_BYTES_OFFSET = CONNECTIONS_OFFSET + Integer.BYTES;
    public static final int LENGTH = BUFFER_BYTES_OFFSET + Integer.BYTES;

    /** The prepared level when no migration is being prepared. */
    public static final int NOT_PREPARING = 0;

    private HeaderDescriptor()
    {
    }

    public static int countOffset(final int slotState)
    {
        return COUNTS_OFFSET + slotState * Integer.BYTES;
    }
}
