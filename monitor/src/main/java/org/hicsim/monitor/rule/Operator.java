package org.hicsim.monitor.rule;

/** How a criterion compares its value with its threshold; the comparison true means the rule is hit. */
public enum Operator
{
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String symbol;

    Operator(final String symbol)
    {
        this.symbol = symbol;
    }

    public String symbol()
    {
        return symbol;
    }

    /** The comparison on fixed-point micro-units ({@link Fixed6}): exact, and on the numbers the trace shows. */
    public boolean holds(final long value, final long threshold)
    {
        return switch (this)
        {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
        };
    }

    public static Operator ofSymbol(final String symbol)
    {
        for (final Operator operator : values())
        {
            if (operator.symbol.equals(symbol))
            {
                return operator;
            }
        }
        throw new IllegalArgumentException("no such operator: symbol=" + symbol);
    }
}
