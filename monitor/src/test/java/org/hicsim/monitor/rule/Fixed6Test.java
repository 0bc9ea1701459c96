package org.hicsim.monitor.rule;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Fixed6Test
{
    @Property(tries = 1000)
    void parsingWhatWasPrintedGivesTheSameNumber(@ForAll final long micros)
    {
        assertEquals(micros, Fixed6.parse(Fixed6.format(micros)));
    }

    @Test
    void shouldPrintSixDecimalsWithASignAndADashForNone()
    {
        assertEquals("0.800000", Fixed6.format(Fixed6.of(0.8)));
        assertEquals("-0.000001", Fixed6.format(-1));
        assertEquals("104857600.000000", Fixed6.format(Fixed6.of(100.0 * 1024 * 1024)));
        assertEquals("-", Fixed6.format(Fixed6.of(Double.NaN)));
    }

    @Test
    void shouldRoundHalfUp()
    {
        assertEquals(1, Fixed6.of(0.0000005));
        assertEquals(800_000, Fixed6.of(0.79999995));
    }
}
