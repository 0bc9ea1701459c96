package org.hicsim.scenario;

import java.math.BigDecimal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import org.hicsim.core0.sim.Simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Durations and ratios: what is formatted parses back to the same value, and the edges of what is read. */
class ValueTextPropertiesTest
{
    @Property
    void durationTextRoundTrips(@ForAll @LongRange(min = 0, max = 999_999_999_999_999_999L) final long ns)
    {
        assertEquals(ns, VirtualDuration.parseNs(VirtualDuration.format(ns)));
    }

    @Property
    void theLongestDaysRoundTripExactly(@ForAll @LongRange(min = 0, max = 99_999) final long days,
        @ForAll @IntRange(min = 0, max = 999_999_999) final int billionths)
    {
        final long ns = VirtualDuration.parseNs(days + "." + String.format("%09d", billionths) + "d");

        assertEquals(BigDecimal.valueOf(days).add(BigDecimal.valueOf(billionths, 9))
            .multiply(BigDecimal.valueOf(24 * Simulation.HOURS)).longValueExact(), ns);
        assertEquals(ns, VirtualDuration.parseNs(VirtualDuration.format(ns)));
    }

    @Property
    void decimalDurationsAreExact(@ForAll @LongRange(min = 0, max = 99_999) final long whole,
        @ForAll @IntRange(min = 0, max = 999_999_999) final int nanos)
    {
        final String text = whole + "." + String.format("%09d", nanos) + "s";

        assertEquals(whole * Simulation.SECONDS + nanos, VirtualDuration.parseNs(text));
    }

    @Property
    void percentTextRoundTrips(@ForAll @IntRange(min = 0, max = 1_000_000) final int millionths)
    {
        final double fraction = millionths / 1e6;

        assertEquals(fraction, Ratio.parsePercent(Ratio.format(fraction)));
    }

    /**
     * A JSON Schema's {@code integer} is any number whose fraction is zero ({@code 42.0}, {@code 4.2e1}), since
     * JSON does not tell them apart; the parser reads such a number as that whole number, so that both accept the
     * same files.
     */
    @Property
    void aWholeNumberMayBeWrittenWithAZeroFractionOrAnExponent(
        @ForAll @LongRange(min = 0, max = 999_999_999_999L) final long seed)
    {
        assertEquals(seed, seed(seed + ".0"));
        assertEquals(seed, seed(seed + "."));
        assertEquals(seed, seed(seed + "e0"));
        assertEquals(seed, seed(BigDecimal.valueOf(seed).movePointLeft(3).toPlainString() + "E3"));
        assertEquals(seed * 1000, seed(seed + ".000e3"));
    }

    @Property
    void aNumberWithAFractionIsNoWholeNumber(@ForAll @LongRange(min = 0, max = 999_999_999_999L) final long seed,
        @ForAll @IntRange(min = 1, max = 9) final int tenths)
    {
        final ScenarioFormatException refusal = assertThrows(ScenarioFormatException.class,
            () -> seed(seed + "." + tenths));
        assertEquals("s.yaml:4:7: seed: expected a whole number, found the number '" + seed + "." + tenths + "'",
            refusal.getMessage());
    }

    @Test
    void shouldRefuseAHugeExponentAsOutOfRangeWithoutExpandingIt()
    {
        final ScenarioFormatException refusal = assertThrows(ScenarioFormatException.class,
            () -> seed("1e999999999"));
        assertEquals("s.yaml:4:7: seed: 1e999999999 is out of range (0 to 9223372036854775807)", refusal.getMessage());
        assertEquals("s.yaml:4:7: seed: -1.0 is out of range (0 to 9223372036854775807)",
            assertThrows(ScenarioFormatException.class, () -> seed("-1.0")).getMessage());
    }

    private static long seed(final String written)
    {
        return ScenarioParser.parse("s.yaml", ("format_version: 1\nname: s\nduration: 1h\nseed: " + written + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8), null).seed();
    }

    @Test
    void shouldReadTheLongestDurationOfEachUnitWithoutOverflow()
    {
        assertEquals(8_639_999_999_999_913_600L, VirtualDuration.parseNs("99999.999999999d"));
        assertEquals(3_599_999_999_999_996_400L, VirtualDuration.parseNs("999999.999999999h"));
        assertEquals(599_999_999_999_999_940L, VirtualDuration.parseNs("9999999.999999999m"));
        assertEquals(999_999_999_999_999_999L, VirtualDuration.parseNs("999999999999999999ns"));
    }

    @Test
    void shouldRefuseDurationsThatAreNotWholeNanosecondsOrTooLong()
    {
        assertThrows(IllegalArgumentException.class, () -> VirtualDuration.parseNs("1.5ns"));
        assertThrows(IllegalArgumentException.class, () -> VirtualDuration.parseNs("0.0001us"));
        assertThrows(IllegalArgumentException.class, () -> VirtualDuration.parseNs("100000d"));
        assertThrows(IllegalArgumentException.class, () -> VirtualDuration.parseNs("10"));
        assertThrows(IllegalArgumentException.class, () -> VirtualDuration.parseNs("-1s"));
    }

    @Test
    void shouldFormatInTheLargestUnitThatDivides()
    {
        assertEquals("90s", VirtualDuration.format(90 * Simulation.SECONDS));
        assertEquals("2h", VirtualDuration.format(2 * Simulation.HOURS));
        assertEquals("1500us", VirtualDuration.format(1_500 * Simulation.MICROS));
        assertEquals("0", VirtualDuration.format(0));
        assertEquals("0.1%", Ratio.format(0.001));
    }
}
