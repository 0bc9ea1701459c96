package org.hicsim.report;

import org.hicsim.core0.sim.Simulation;

/**
 * Virtual nanoseconds as a person reads them, in integer arithmetic (the same text on every JVM): {@code 120ns},
 * {@code 850.5us}, {@code 12.346ms}, {@code 10.012s}, {@code 2m30.5s}, {@code 1h00m10s}. At most three decimals,
 * trailing zeros dropped.
 */
public final class VirtualTime
{
    private static final long HOURS = Simulation.HOURS;
    private static final long MINUTES = Simulation.MINUTES;

    private VirtualTime()
    {
    }

    public static String format(final long ns)
    {
        if (ns < 0)
        {
            return "-" + format(-ns);
        }
        if (ns < Simulation.MICROS)
        {
            return ns + "ns";
        }
        if (ns < Simulation.MILLIS)
        {
            return decimal(ns, Simulation.MICROS) + "us";
        }
        if (ns < Simulation.SECONDS)
        {
            return decimal(ns, Simulation.MILLIS) + "ms";
        }
        if (ns < MINUTES)
        {
            return decimal(ns, Simulation.SECONDS) + "s";
        }
        final StringBuilder text = new StringBuilder();
        final long hours = ns / HOURS;
        final long minutes = ns % HOURS / MINUTES;
        if (hours > 0)
        {
            text.append(hours).append('h').append(minutes < 10 ? "0" : "");
        }
        text.append(minutes).append('m');
        final long rest = ns % MINUTES;
        if (rest > 0 || hours == 0)
        {
            final String seconds = decimal(rest, Simulation.SECONDS);
            text.append(rest < 10 * Simulation.SECONDS ? "0" : "").append(seconds).append('s');
        }
        return text.toString();
    }

    /** Answers a span of virtual time that must be positive (a run's length), or says which was not. */
    static long requirePositive(final String name, final long ns)
    {
        if (ns <= 0)
        {
            throw new IllegalArgumentException(name + "=" + ns + " must be positive");
        }
        return ns;
    }

    /** {@code value / unit} with up to three decimals, rounded half up, trailing zeros dropped. */
    static String decimal(final long value, final long unit)
    {
        final long thousandths = (value * 1000 + unit / 2) / unit;
        final long whole = thousandths / 1000;
        long fraction = thousandths % 1000;
        if (fraction == 0)
        {
            return Long.toString(whole);
        }
        int digits = 3;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }
        final String fractionText = Long.toString(fraction);
        return whole + "." + "0".repeat(digits - fractionText.length()) + fractionText;
    }
}
