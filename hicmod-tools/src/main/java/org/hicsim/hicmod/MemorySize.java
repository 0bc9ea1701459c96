package org.hicsim.hicmod;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hicsim.common.Quoted;

/**
 * Memory sizes as a manifest writes them: a byte count, or an integer with a binary unit ({@code 64MiB}).
 */
public final class MemorySize
{
    /** A terabyte of simulated memory is far beyond any module; the bound keeps arithmetic exact. */
    public static final long BYTES_MAX = 1L << 40;

    private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB" };
    private static final Pattern SYNTAX = Pattern.compile("(0|[1-9]\\d{0,12}) ?(KiB|MiB|GiB|TiB)?");

    private MemorySize()
    {
    }

    /**
     * Parses {@code 67108864}, {@code 64MiB} or {@code 64 MiB} into bytes, from 1 to {@link #BYTES_MAX}.
     *
     * @throws IllegalArgumentException with a message for the user.
     */
    public static long parseBytes(final String text)
    {
        final Matcher matcher = SYNTAX.matcher(text);
        if (matcher.matches())
        {
            final long count = Long.parseLong(matcher.group(1));
            final int shift = matcher.group(2) == null ? 0 : 10 * unitIndex(matcher.group(2));
            if (count > 0 && count <= BYTES_MAX >> shift)
            {
                return count << shift;
            }
        }
        throw new IllegalArgumentException(
            Quoted.quote(text) + " is not a memory size (bytes, or an integer with KiB, MiB, GiB or TiB, e.g. 64MiB;"
                + " from 1 byte to 1 TiB)");
    }

    /**
     * The size in the largest binary unit that divides it exactly, e.g. {@code 64 MiB} or {@code 1000 B}.
     */
    public static String format(final long bytes)
    {
        int unit = 0;
        long count = bytes;
        while (unit < UNITS.length - 1 && count != 0 && (count & 1023) == 0)
        {
            count >>= 10;
            unit++;
        }
        return count + " " + UNITS[unit];
    }

    private static int unitIndex(final String unit)
    {
        for (int i = 1; i < UNITS.length; i++)
        {
            if (UNITS[i].equals(unit))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("unit=" + unit);
    }
}
