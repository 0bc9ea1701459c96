package org.hicsim.services.netstack;

/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit big-endian
 * words, as IPv4, TCP and UDP use it.
 */
final class InternetChecksum
{
    private static final int WORD_MASK = 0xFFFF;

    private InternetChecksum()
    {
    }

    /** Adds {@code length} bytes as big-endian words, a last odd byte padded with zero. */
    static long add(final long sum, final byte[] bytes, final int offset, final int length)
    {
        long total = sum;
        final int end = offset + length;
        for (int i = offset; i < end; i += 2)
        {
            final int low = i + 1 < end ? bytes[i + 1] & 0xFF : 0;
            total += ((bytes[i] & 0xFF) << 8) | low;
        }
        return total;
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
