package org.hicsim.hicmod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hicsim.common.Quoted;
import org.hicsim.common.SemanticVersion;

/**
 * A constraint on the version of a dependency: one or more comparators joined by commas, all of which must hold,
 * e.g. {@code >=1.2.0, <2.0.0} or HIC's compatible {@code ^1.2.0}.
 * <p>
 * Because {@link SemanticVersion}s are totally ordered by their 32-bit packing, every comparator is an interval of
 * packed values and so is their conjunction: the constraint keeps that interval, and {@link #matches} is two
 * comparisons. A constraint whose interval is empty can never be met and is refused when parsed.
 * <p>
 * The text form is canonical: no spaces, comparators sorted by version then operator, so that equal constraints
 * always print, and are stored in a manifest, as the same bytes.
 */
public final class VersionConstraint
{
    /** Enough for any real range ({@code >=1.2.0,<2.0.0} takes two); bounds the text a manifest can hold. */
    public static final int COMPARATORS_MAX = 4;

    private static final long PACKED_MAX = 0xFFFF_FFFFL;
    private static final Pattern COMPARATOR = Pattern.compile("\\s*(>=|<=|=|>|<|\\^)?\\s*(\\S*?)\\s*");
    private static final Comparator<Comparison> CANONICAL_ORDER =
        Comparator.comparing(Comparison::version).thenComparing(Comparison::operator);

    /** A comparison operator, in the order canonical text lists comparators of one version. */
    public enum Operator
    {
        /** Exactly this version. */
        EQUAL("="),
        /** HIC's compatible versions: the same major, and not older (so the minor is at least the given one). */
        COMPATIBLE("^"),
        GREATER_OR_EQUAL(">="),
        GREATER(">"),
        LESS_OR_EQUAL("<="),
        LESS("<");

        private final String symbol;

        Operator(final String symbol)
        {
            this.symbol = symbol;
        }

        public String symbol()
        {
            return symbol;
        }

        static Operator ofSymbol(final String symbol)
        {
            for (final Operator operator : values())
            {
                if (operator.symbol.equals(symbol))
                {
                    return operator;
                }
            }
            throw new IllegalArgumentException("symbol=" + symbol);
        }
    }

    /** One comparator of a constraint, e.g. {@code >=1.2.0}. */
    public static final class Comparison
    {
        private final Operator operator;
        private final SemanticVersion version;

        Comparison(final Operator operator, final SemanticVersion version)
        {
            this.operator = operator;
            this.version = version;
        }

        public Operator operator()
        {
            return operator;
        }

        public SemanticVersion version()
        {
            return version;
        }

        /** The lowest packed version this comparator admits; above {@link #highest()} when it admits none. */
        long lowest()
        {
            final long packed = Integer.toUnsignedLong(version.packed());
            switch (operator)
            {
                case GREATER:
                    return packed + 1;
                case LESS_OR_EQUAL:
                case LESS:
                    return 0;
                default:
                    return packed;
            }
        }

        /** The highest packed version this comparator admits; below {@link #lowest()} when it admits none. */
        long highest()
        {
            final long packed = Integer.toUnsignedLong(version.packed());
            switch (operator)
            {
                case EQUAL:
                case LESS_OR_EQUAL:
                    return packed;
                case LESS:
                    return packed - 1;
                case COMPATIBLE:
                    return packed | 0xFFFF;
                default:
                    return PACKED_MAX;
            }
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Comparison
                && ((Comparison)other).operator == operator
                && ((Comparison)other).version.equals(version);
        }

        @Override
        public int hashCode()
        {
            return operator.hashCode() * 31 + version.hashCode();
        }

        @Override
        public String toString()
        {
            return operator.symbol + version;
        }
    }

    private final List<Comparison> comparisons;
    private final long lowest;
    private final long highest;

    private VersionConstraint(final List<Comparison> comparisons, final long lowest, final long highest)
    {
        this.comparisons = comparisons;
        this.lowest = lowest;
        this.highest = highest;
    }

    /**
     * Parses comma-joined comparators, each an operator ({@code =}, {@code >=}, {@code >}, {@code <=}, {@code <},
     * {@code ^}) followed by a semantic version; spaces around either are ignored. The operator is required: a
     * bare version means {@code =} to some tools and {@code ^} to others.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not a constraint, repeats a
     *                                  comparator, has more than {@link #COMPARATORS_MAX}, or matches no version.
     */
    public static VersionConstraint parse(final String text)
    {
        final String[] parts = text.split(",", -1);
        if (parts.length > COMPARATORS_MAX)
        {
            throw new IllegalArgumentException(
                Quoted.quote(text) + " has " + parts.length + " comparators, at most " + COMPARATORS_MAX);
        }
        final List<Comparison> comparisons = new ArrayList<>(parts.length);
        long lowest = 0;
        long highest = PACKED_MAX;
        for (final String part : parts)
        {
            final Comparison comparison = parseComparison(text, part);
            if (comparisons.contains(comparison))
            {
                throw new IllegalArgumentException(
                    Quoted.quote(text) + " repeats " + Quoted.quote(comparison.toString()));
            }
            comparisons.add(comparison);
            lowest = Math.max(lowest, comparison.lowest());
            highest = Math.min(highest, comparison.highest());
        }
        if (lowest > highest)
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " matches no version");
        }
        comparisons.sort(CANONICAL_ORDER);
        return new VersionConstraint(List.copyOf(comparisons), lowest, highest);
    }

    /** Whether {@code version} meets every comparator. */
    public boolean matches(final SemanticVersion version)
    {
        final long packed = Integer.toUnsignedLong(version.packed());
        return packed >= lowest && packed <= highest;
    }

    /** The comparators, in canonical order. */
    public List<Comparison> comparisons()
    {
        return comparisons;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof VersionConstraint && ((VersionConstraint)other).comparisons.equals(comparisons);
    }

    @Override
    public int hashCode()
    {
        return comparisons.hashCode();
    }

    /** The canonical text, e.g. {@code >=1.2.0,<2.0.0}. */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (final Comparison comparison : comparisons)
        {
            if (text.length() > 0)
            {
                text.append(',');
            }
            text.append(comparison);
        }
        return text.toString();
    }

    private static Comparison parseComparison(final String text, final String part)
    {
        final Matcher matcher = COMPARATOR.matcher(part);
        if (!matcher.matches() || matcher.group(2).isEmpty())
        {
            throw new IllegalArgumentException(
                Quoted.quote(text) + " is not a version constraint (e.g. '>= 1.2.0', '^2.0.0', '>=1.0.0, <2.0.0')");
        }
        if (matcher.group(1) == null)
        {
            throw new IllegalArgumentException(
                Quoted.quote(text) + ": " + Quoted.quote(part.strip()) + " needs an operator (=, >=, >, <=, <, ^)");
        }
        try
        {
            return new Comparison(Operator.ofSymbol(matcher.group(1)), SemanticVersion.parse(matcher.group(2)));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(Quoted.quote(text) + ": " + ex.getMessage(), ex);
        }
    }
}
