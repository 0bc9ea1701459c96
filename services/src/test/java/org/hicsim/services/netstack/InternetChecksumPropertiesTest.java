package org.hicsim.services.netstack;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InternetChecksumPropertiesTest
{
    @Property(tries = 500)
    void shouldSumExactlyTheBigEndianWordsOfAnyRange(
        @ForAll @Size(max = 1600) final byte[] bytes,
        @ForAll @IntRange(max = 1600) final int from,
        @ForAll @IntRange(max = 1600) final int to,
        @ForAll @LongRange(max = Long.MAX_VALUE / 2) final long sum)
    {
        final int offset = Math.min(Math.min(from, to), bytes.length);
        final int end = Math.min(Math.max(from, to), bytes.length);

        assertEquals(wordByWord(sum, bytes, offset, end), InternetChecksum.add(sum, bytes, offset, end - offset));
    }

    /** RFC 1071's sum as it reads: one big-endian word at a time, a last odd byte padded with zero. */
    private static long wordByWord(final long sum, final byte[] bytes, final int offset, final int end)
    {
        long total = sum;
        for (int i = offset; i < end; i += 2)
        {
            total += (bytes[i] & 0xFF) << 8 | (i + 1 < end ? bytes[i + 1] & 0xFF : 0);
        }
        return total;
    }
}
