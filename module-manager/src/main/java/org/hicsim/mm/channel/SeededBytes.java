package org.hicsim.mm.channel;

import java.util.SplittableRandom;

/**
 * Secret bytes drawn from the run's seeded source, never from the host: a {@code SecureRandom} would make two
 * runs of one seed differ. The model's keys are therefore only as unpredictable as its seed, which is the point
 * of a deterministic simulator and the reason it is no place for real secrets.
 */
final class SeededBytes
{
    private SeededBytes()
    {
    }

    /** Fills {@code bytes} with the next values of {@code random}, little-endian words. */
    static void fill(final byte[] bytes, final SplittableRandom random)
    {
        long word = 0;
        for (int i = 0; i < bytes.length; i++)
        {
            if (i % Long.BYTES == 0)
            {
                word = random.nextLong();
            }
            bytes[i] = (byte)word;
            word >>>= Byte.SIZE;
        }
    }
}
