package org.hicsim.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Doubles as text that is the same on every JVM: from the double's exact binary value, rounded to a number of
 * significant digits, without exponent or trailing zeros. ({@link Double#toString} is not used: its digits
 * changed in JDK 19.)
 */
final class Decimal
{
    /** Enough for a rate or a share; more would only print the noise of a division. */
    static final int SIGNIFICANT_DIGITS = 6;

    private static final MathContext ROUNDING = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

    private Decimal()
    {
    }

    /** {@code 0.00123457}, {@code 42}, {@code 1234570}. */
    static String format(final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException("value=" + value + " must be finite");
        }
        if (value == 0)
        {
            return "0";
        }
        return new BigDecimal(value).round(ROUNDING).stripTrailingZeros().toPlainString();
    }

    /** A share as a percentage with up to {@code decimals} decimals: {@code 0.0012} as {@code 0.12%}. */
    static String percent(final double share, final int decimals)
    {
        return new BigDecimal(share).movePointRight(2).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros()
            .toPlainString() + "%";
    }
}
