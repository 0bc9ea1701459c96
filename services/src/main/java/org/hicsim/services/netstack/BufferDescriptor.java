package org.hicsim.services.netstack;

/**
 * Layout of a connection's buffer: whole pages made one memory region, so that migrating the connection moves its
 * data by moving the pages. Its length is configured ({@link MemoryMap#BUFFER_BYTES_KEY}), a power of two; each
 * ring is half of it.
 * <pre>
 *  +------------------------------------+  0
 *  | send ring (ring length)            |  data sent and not yet acknowledged, at sequence number mod length
 *  +------------------------------------+  ring length
 *  | receive ring (ring length)         |  data received and not yet read, at sequence number mod length
 *  +------------------------------------+  2 x ring length
 * </pre>
 * The positions live in the connection record (send: unacknowledged to next; receive: read to next), so the
 * pages carry only data and a ring's position is its sequence number modulo its length, continuous across the
 * 32-bit sequence wrap since the length is a power of two.
 */
public final class BufferDescriptor
{
    public static final int SEND_RING_OFFSET = 0;

    private BufferDescriptor()
    {
    }

    public static int receiveRingOffset(final int ringLength)
    {
        return SEND_RING_OFFSET + ringLength;
    }
}
