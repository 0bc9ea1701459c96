package org.hicsim.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.common.Quoted;

/**
 * Virtual durations as a scenario writes them: a decimal number and a unit, {@code 10s}, {@code 1.5h},
 * {@code 250us}, or a bare {@code 0}. Each unit takes as many digits as keep the value below 2^63 ns, and as
 * many decimals as keep it a whole number of nanoseconds, so every accepted text is exact.
 */
public final class VirtualDuration
{
    /** The units, the digits before the point each allows, and the decimals after it. */
    private static final String[] UNITS = { "ns", "us", "ms", "s", "m", "h", "d" };
    private static final long[] UNIT_NS = {
        1, Simulation.MICROS, Simulation.MILLIS, Simulation.SECONDS, Simulation.MINUTES, Simulation.HOURS,
        24 * Simulation.HOURS };
    private static final int[] INTEGER_DIGITS_MAX = { 18, 15, 12, 9, 7, 6, 5 };
    private static final int[] FRACTION_DIGITS_MAX = { 0, 3, 6, 9, 9, 9, 9 };
    private static final Pattern SYNTAX = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?(ns|us|ms|s|m|h|d)");
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L };

    private VirtualDuration()
    {
    }

    /**
     * @return nanoseconds.
     * @throws IllegalArgumentException with a message for the user when the text is not a duration.
     */
    public static long parseNs(final String text)
    {
        if (text.equals("0"))
        {
            return 0;
        }
        final Matcher matcher = SYNTAX.matcher(text);
        if (matcher.matches())
        {
            final int unit = unitIndex(matcher.group(3));
            final String integer = matcher.group(1);
            final String fraction = matcher.group(2) == null ? "" : matcher.group(2);
            if (integer.length() <= INTEGER_DIGITS_MAX[unit] && fraction.length() <= FRACTION_DIGITS_MAX[unit])
            {
                // The unit is a multiple of 10^decimals, so this is exact and stays below one unit.
                final long fractionNs = fraction.isEmpty() ? 0
                    : Long.parseLong(fraction) * (UNIT_NS[unit] / POWERS_OF_TEN[fraction.length()]);
                return Long.parseLong(integer) * UNIT_NS[unit] + fractionNs;
            }
        }
        throw new IllegalArgumentException(Quoted.quote(text) + " is not a duration (a number and a unit: ns, us, ms,"
            + " s, m, h or d, e.g. 10s, 1.5h, 250us; or 0)");
    }

    /**
     * The duration as {@link #parseNs} reads it back exactly: in the largest unit that divides it
     * ({@code 90s}, {@code 2h}, {@code 1500us}, {@code 0}), or, past what a whole count of nanoseconds may be
     * written as, in the largest unit that holds it with decimals ({@code 99999.999999999d}).
     *
     * @throws IllegalArgumentException if no text reads as {@code ns} (it is negative, or beyond every unit).
     */
    public static String format(final long ns)
    {
        if (ns == 0)
        {
            return "0";
        }
        for (int unit = UNITS.length - 1; unit >= 0; unit--)
        {
            if (ns % UNIT_NS[unit] == 0 && Long.toString(ns / UNIT_NS[unit]).length() <= INTEGER_DIGITS_MAX[unit])
            {
                return ns / UNIT_NS[unit] + UNITS[unit];
            }
        }
        for (int unit = UNITS.length - 1; unit > 0 && ns > 0; unit--)
        {
            try
            {
                final BigDecimal count = BigDecimal.valueOf(ns).divide(BigDecimal.valueOf(UNIT_NS[unit]),
                    FRACTION_DIGITS_MAX[unit], RoundingMode.UNNECESSARY).stripTrailingZeros();
                if (count.toBigInteger().toString().length() <= INTEGER_DIGITS_MAX[unit])
                {
                    return count.toPlainString() + UNITS[unit];
                }
            }
            catch (final ArithmeticException ex)
            {
                // Not exact in this unit's decimals: a smaller unit may hold it.
            }
        }
        throw new IllegalArgumentException("ns=" + ns + " has no duration text");
    }

    private static int unitIndex(final String unit)
    {
        for (int i = 0; i < UNITS.length; i++)
        {
            if (UNITS[i].equals(unit))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("unit=" + unit);
    }
}
