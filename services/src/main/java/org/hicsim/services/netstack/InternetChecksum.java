package org.hicsim.services.netstack;

/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit big-endian
 * words, as IPv4, TCP and UDP use it.
 */
final class InternetChecksum
{
    private static final int WORD_MASK = 0xFFFF;
    /** Bytes summed per turn of {@link #add(long, byte[], int, int)}'s main loop: four words. */
    private static final int BLOCK_LENGTH = 8;

    private InternetChecksum()
    {
    }

    /**
     * Adds {@code length} bytes as big-endian words, a last odd byte padded with zero. The words' sum is 256 times
     * the sum of their high (even-placed) bytes plus the sum of their low ones, so the loop sums the two kinds of
     * bytes apart, four words a turn, and the total is exactly the word-by-word one.
     */
    static long add(final long sum, final byte[] bytes, final int offset, final int length)
    {
        long high = 0;
        long low = 0;
        final int end = offset + length;
        final int blocksEnd = offset + length - length % BLOCK_LENGTH;
        int i = offset;
        for (; i < blocksEnd; i += BLOCK_LENGTH)
        {
            high += (bytes[i] & 0xFF) + (bytes[i + 2] & 0xFF) + (bytes[i + 4] & 0xFF) + (bytes[i + 6] & 0xFF);
            low += (bytes[i + 1] & 0xFF) + (bytes[i + 3] & 0xFF) + (bytes[i + 5] & 0xFF) + (bytes[i + 7] & 0xFF);
        }
        for (; i + 1 < end; i += 2)
        {
            high += bytes[i] & 0xFF;
            low += bytes[i + 1] & 0xFF;
        }
        if (i < end)
        {
            high += bytes[i] & 0xFF;
        }
        return sum + (high << 8) + low;
    }

    /** Adds a 32-bit value as two words. */
    static long add(final long sum, final int value)
    {
        return sum + (value >>> 16) + (value & WORD_MASK);
    }

    /** Folds the carries in and complements. */
    static int finish(final long sum)
    {
        long folded = sum;
        while ((folded >>> 16) != 0)
        {
            folded = (folded & WORD_MASK) + (folded >>> 16);
        }
        return ~(int)folded & WORD_MASK;
    }
}
