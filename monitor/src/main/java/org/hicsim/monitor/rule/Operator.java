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

    public boolean holds(final double value, final double threshold)
    {
        return switch (this)
        {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
        };
    }

    /** Same comparison on fixed-point micro-units, exact where doubles would round. */
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
