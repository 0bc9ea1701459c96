package org.hicsim.scenario;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.hicsim.common.Quoted;

/**
 * Shares and rates as a scenario writes them: a percentage ({@code 0.1%}, {@code 99.9%}) or a plain fraction
 * from 0 to 1 ({@code 0.001}).
 */
public final class Ratio
{
    private static final Pattern PERCENT = Pattern.compile("(100(\\.0+)?|[0-9]{1,2}(\\.[0-9]+)?)%");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Ratio()
    {
    }

    /**
     * Parses a percentage, {@code 0.1%}.
     *
     * @return the fraction, from 0 to 1.
     * @throws IllegalArgumentException with a message for the user.
     */
    public static double parsePercent(final String text)
    {
        if (!PERCENT.matcher(text).matches())
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is not a percentage from 0% to 100% (e.g. 0.1%),"
                + " nor a fraction from 0 to 1");
        }
        return new BigDecimal(text.substring(0, text.length() - 1)).divide(HUNDRED).doubleValue();
    }

    /**
     * Checks a plain fraction.
     *
     * @throws IllegalArgumentException with a message for the user when it is outside 0..1.
     */
    public static double checkFraction(final double value, final String text)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is not a fraction from 0 to 1 (write a"
                + " percentage with %, e.g. 5%)");
        }
        return value;
    }

    /** The fraction as a percentage, without trailing zeros: {@code 0.1%}, {@code 100%}. */
    public static String format(final double fraction)
    {
        return new BigDecimal(Double.toString(fraction)).multiply(HUNDRED).stripTrailingZeros().toPlainString() + "%";
    }
}
