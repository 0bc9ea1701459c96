package org.hicsim.services.eth_driver;

/**
 * The IPv4 header checksum (RFC 791, computed as RFC 1071 describes) that a NIC with checksum offload fills in,
 * so the stack need not.
 */
public final class Ipv4HeaderChecksum
{
    /** Offset of the checksum field within the IPv4 header. */
    public static final int CHECKSUM_OFFSET = 10;
    public static final int HEADER_LENGTH_MIN = 20;

    private Ipv4HeaderChecksum()
    {
    }

    /**
     * Writes the checksum into the IPv4 header at {@code offset} of {@code frame}.
     *
     * @return false, leaving the frame as it was, when no IPv4 header fits in {@code length} bytes from there.
     */
    public static boolean fill(final byte[] frame, final int offset, final int length)
    {
        if (length - offset < HEADER_LENGTH_MIN || (frame[offset] & 0xF0) != 0x40)
        {
            return false;
        }
        final int headerLength = (frame[offset] & 0x0F) * 4;
        if (headerLength < HEADER_LENGTH_MIN || headerLength > length - offset)
        {
            return false;
        }
        frame[offset + CHECKSUM_OFFSET] = 0;
        frame[offset + CHECKSUM_OFFSET + 1] = 0;
        int sum = 0;
        for (int i = offset; i < offset + headerLength; i += 2)
        {
            sum += (frame[i] & 0xFF) << 8 | (frame[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        final int checksum = ~sum & 0xFFFF;
        frame[offset + CHECKSUM_OFFSET] = (byte)(checksum >>> 8);
        frame[offset + CHECKSUM_OFFSET + 1] = (byte)checksum;
        return true;
    }
}
