package org.hicsim.monitor.rule;

/**
 * Numbers that reach a trace or a decision as fixed-point micro-units (six decimal places, rounded half up): the
 * decision compares exactly the number the trace shows, and the text is the same on every JVM (no
 * {@code Double.toString}, whose shortest-digits output changed in JDK 19).
 */
public final class Fixed6
{
    public static final long ONE = 1_000_000L;
    /** Stands for "no value" (NaN) in micro-units; printed as {@code -}. */
    public static final long NONE = Long.MIN_VALUE;

    private Fixed6()
    {
    }

    public static long of(final double value)
    {
        if (Double.isNaN(value))
        {
            return NONE;
        }
        return Math.round(value * ONE);
    }

    public static double toDouble(final long micros)
    {
        return micros == NONE ? Double.NaN : micros / (double)ONE;
    }

    public static String format(final long micros)
    {
        if (micros == NONE)
        {
            return "-";
        }
        final long magnitude = Math.abs(micros);
        final String fraction = Long.toString(ONE + magnitude % ONE).substring(1);
        return (micros < 0 ? "-" : "") + magnitude / ONE + "." + fraction;
    }

    public static long parse(final String text)
    {
        if ("-".equals(text))
        {
            return NONE;
        }
        final boolean negative = text.startsWith("-");
        final String digits = negative ? text.substring(1) : text;
        final int dot = digits.indexOf('.');
        if (dot < 0 || digits.length() - dot - 1 != 6)
        {
            throw new IllegalArgumentException("not a six-decimal number: text=" + text);
        }
        final long micros = Long.parseLong(digits.substring(0, dot)) * ONE + Long.parseLong(digits.substring(dot + 1));
        return negative ? -micros : micros;
    }
}
