package org.hicsim.report;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalTest
{
    @Test
    void shouldWriteSixSignificantDigitsWithoutExponent()
    {
        assertEquals("0", Decimal.format(0));
        assertEquals("0.00042", Decimal.format(0.00042));
        assertEquals("0.333333", Decimal.format(1.0 / 3));
        assertEquals("1234570", Decimal.format(1_234_567));
        assertEquals("1", Decimal.format(1.0));
        assertEquals("0.00000012", Decimal.format(1.2e-7));
    }

    @Test
    void shouldWritePercentages()
    {
        assertEquals("0.042%", Decimal.percent(0.00042, 3));
        assertEquals("100%", Decimal.percent(1, 3));
        assertEquals("0%", Decimal.percent(0, 1));
    }

    @Test
    void shouldRefuseWhatIsNotANumber()
    {
        assertThrows(IllegalArgumentException.class, () -> Decimal.format(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ReportJson.plain(Double.POSITIVE_INFINITY));
    }

    @Property
    void plainShouldReadBackAsTheSameDouble(@ForAll @DoubleRange(min = 0, max = 1e12) final double value)
    {
        final String text = ReportJson.plain(value);
        assertEquals(value, Double.parseDouble(text));
        assertTrue(!text.contains("E"), text);
    }
}
