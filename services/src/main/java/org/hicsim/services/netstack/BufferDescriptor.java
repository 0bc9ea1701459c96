package org.hicsim.services.netstack;

/**
 * Layout of a connection's buffer: two pages made one memory region, so that migrating the connection moves its
 * data by moving the pages.
 * <pre>
 *  +------------------------------------+  0
 *  | send ring (one page)               |  data sent and not yet acknowledged, at sequence number mod length
 *  +------------------------------------+  RECEIVE_RING_OFFSET
 *  | receive ring (one page)            |  data received and not yet read, at sequence number mod length
 *  +------------------------------------+  LENGTH
 * </pre>
 * The positions live in the connection record (send: unacknowledged to next; receive: read to next), so the
 * pages carry only data and a ring's position is its sequence number modulo {@link #RING_LENGTH}, continuous
 * across the 32-bit sequence wrap since the length is a power of two.
 */
public final class BufferDescriptor
{
    public static final int PAGES = 2;
    public static final int RING_LENGTH = MemoryMapDescriptor.PAGE_SIZE;
    public static final int SEND_RING_OFFSET = 0;
    public static final int RECEIVE_RING_OFFSET = SEND_RING_OFFSET + RING_LENGTH;
    public static final int LENGTH = PAGES * MemoryMapDescriptor.PAGE_SIZE;

    private BufferDescriptor()
    {
    }
}
