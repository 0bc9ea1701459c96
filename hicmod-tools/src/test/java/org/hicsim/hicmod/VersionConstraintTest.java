package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hicsim.common.SemanticVersion;

/**
 * The semantics of each operator against a reference written with {@link SemanticVersion#compareTo}, and of
 * comma-joined comparators as their conjunction. Versions are drawn from a small space so that equal majors,
 * minors and boundary cases are common.
 */
class VersionConstraintTest
{
    @Property
    void shouldMatchAsItsOperatorSays(
        @ForAll final VersionConstraint.Operator operator,
        @ForAll("versions") final SemanticVersion bound,
        @ForAll("versions") final SemanticVersion candidate)
    {
        Assume.that(!isEmpty(operator, bound));
        final VersionConstraint constraint = VersionConstraint.parse(operator.symbol() + bound);

        assertEquals(reference(operator, bound, candidate), constraint.matches(candidate), constraint.toString());
    }

    @Property
    void shouldMatchACommaJoinedRangeWhenEveryComparatorMatches(
        @ForAll("comparators") final String first,
        @ForAll("comparators") final String second,
        @ForAll("versions") final SemanticVersion candidate)
    {
        final VersionConstraint a = VersionConstraint.parse(first);
        final VersionConstraint b = VersionConstraint.parse(second);
        Assume.that(!a.equals(b) && satisfiable(List.of(a, b)));

        assertEquals(a.matches(candidate) && b.matches(candidate),
            VersionConstraint.parse(first + ", " + second).matches(candidate));
    }

    /**
     * Every comparator's interval starts at 0.0.0, at its version, or just after it, so if a conjunction matches
     * anything it matches one of those candidates: the refusal is exactly right.
     */
    @Property
    void shouldRefuseARangeExactlyWhenNoVersionMeetsIt(
        @ForAll("comparators") final String first, @ForAll("comparators") final String second)
    {
        final VersionConstraint a = VersionConstraint.parse(first);
        final VersionConstraint b = VersionConstraint.parse(second);
        Assume.that(!a.equals(b));

        if (satisfiable(List.of(a, b)))
        {
            VersionConstraint.parse(first + "," + second);
        }
        else
        {
            assertTrue(assertThrows(IllegalArgumentException.class,
                () -> VersionConstraint.parse(first + "," + second)).getMessage().endsWith(" matches no version"));
        }
    }

    @Property
    void shouldParseItsCanonicalText(
        @ForAll("comparators") final String first, @ForAll("comparators") final String second)
    {
        final VersionConstraint a = VersionConstraint.parse(first);
        final VersionConstraint b = VersionConstraint.parse(second);
        Assume.that(!a.equals(b) && satisfiable(List.of(a, b)));
        final VersionConstraint joined = VersionConstraint.parse(second + " , " + first);

        assertEquals(joined, VersionConstraint.parse(joined.toString()));
        assertEquals(joined.toString(), VersionConstraint.parse(first + "," + second).toString());
    }

    @Example
    void shouldRefuseAComparatorNoVersionMeets()
    {
        assertEquals("'<0.0.0' matches no version",
            assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse("<0.0.0")).getMessage());
        assertEquals("'>65535.255.255' matches no version",
            assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse(">65535.255.255"))
                .getMessage());
    }

    @Example
    void shouldTreatCaretAsHicsCompatibleVersions()
    {
        final VersionConstraint compatible = VersionConstraint.parse("^1.2.0");

        assertTrue(compatible.matches(SemanticVersion.parse("1.2.0")));
        assertTrue(compatible.matches(SemanticVersion.parse("1.255.255")));
        assertFalse(compatible.matches(SemanticVersion.parse("1.1.9")));
        assertFalse(compatible.matches(SemanticVersion.parse("2.0.0")));
    }

    @Example
    void shouldPrintCanonicallyWithoutSpacesSortedByVersion()
    {
        assertEquals(">=1.2.0,<2.0.0", VersionConstraint.parse(" < 2.0.0 ,>= 1.2.0 ").toString());
    }

    @Example
    void shouldRequireAnOperator()
    {
        assertEquals("'1.2.0': '1.2.0' needs an operator (=, >=, >, <=, <, ^)",
            assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse("1.2.0")).getMessage());
    }

    @Example
    void shouldRefuseARepeatedComparator()
    {
        assertEquals("'>=1.0.0, >=1.0.0' repeats '>=1.0.0'",
            assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse(">=1.0.0, >=1.0.0"))
                .getMessage());
    }

    @Example
    void shouldRefuseMoreComparatorsThanTheMaximum()
    {
        final String five = String.join(",", ">0.0.1", ">0.0.2", ">0.0.3", ">0.0.4", ">0.0.5");

        assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse(five));
    }

    @Example
    void shouldRefuseAnEmptyComparator()
    {
        assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse(">=1.0.0,"));
    }

    private static boolean reference(
        final VersionConstraint.Operator operator, final SemanticVersion bound, final SemanticVersion candidate)
    {
        final int order = candidate.compareTo(bound);
        switch (operator)
        {
            case EQUAL:
                return order == 0;
            case COMPATIBLE:
                return candidate.major() == bound.major() && order >= 0;
            case GREATER_OR_EQUAL:
                return order >= 0;
            case GREATER:
                return order > 0;
            case LESS_OR_EQUAL:
                return order <= 0;
            default:
                return order < 0;
        }
    }

    /** Below the lowest version, or above the highest: the only comparators that are empty on their own. */
    private static boolean isEmpty(final VersionConstraint.Operator operator, final SemanticVersion bound)
    {
        return operator == VersionConstraint.Operator.LESS && bound.packed() == 0
            || operator == VersionConstraint.Operator.GREATER && bound.packed() == -1;
    }

    private static boolean satisfiable(final List<VersionConstraint> constraints)
    {
        final List<SemanticVersion> candidates = new ArrayList<>();
        candidates.add(new SemanticVersion(0, 0, 0));
        for (final VersionConstraint constraint : constraints)
        {
            for (final VersionConstraint.Comparison comparison : constraint.comparisons())
            {
                final int packed = comparison.version().packed();
                candidates.add(comparison.version());
                if (packed != -1)
                {
                    candidates.add(SemanticVersion.unpack(packed + 1));
                }
            }
        }
        return candidates.stream().anyMatch(v -> constraints.stream().allMatch(c -> c.matches(v)));
    }

    @Provide
    static Arbitrary<SemanticVersion> versions()
    {
        final Arbitrary<Integer> major = Arbitraries.of(0, 1, 2, SemanticVersion.MAJOR_MAX);
        final Arbitrary<Integer> part = Arbitraries.of(0, 1, 2, 254, 255);
        return Combinators.combine(major, part, part).as(SemanticVersion::new);
    }

    @Provide
    static Arbitrary<String> comparators()
    {
        return Combinators.combine(Arbitraries.of(VersionConstraint.Operator.class), versions())
            .filter((operator, version) -> !isEmpty(operator, version))
            .as((operator, version) -> operator.symbol() + version);
    }
}
