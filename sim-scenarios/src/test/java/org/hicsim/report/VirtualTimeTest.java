package org.hicsim.report;

import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VirtualTimeTest
{
    @Test
    void shouldPickTheUnitThatReadsBest()
    {
        assertEquals("0ns", VirtualTime.format(0));
        assertEquals("120ns", VirtualTime.format(120));
        assertEquals("850.5us", VirtualTime.format(850_500));
        assertEquals("12.346ms", VirtualTime.format(12_345_678));
        assertEquals("10.012s", VirtualTime.format(10_012_000_000L));
        assertEquals("2m30.5s", VirtualTime.format(150_500_000_000L));
        assertEquals("2m05s", VirtualTime.format(125 * Simulation.SECONDS));
        assertEquals("1h00m10s", VirtualTime.format(Simulation.HOURS + 10 * Simulation.SECONDS));
        assertEquals("2h00m", VirtualTime.format(2 * Simulation.HOURS));
        assertEquals("26h03m", VirtualTime.format(26 * Simulation.HOURS + 3 * Simulation.MINUTES));
        assertEquals("-1.5ms", VirtualTime.format(-1_500_000));
    }

    @Test
    void shouldWriteDecimalsWithAtMostThreeDigits()
    {
        assertEquals("1234.567", VirtualTime.decimal(1_234_567, 1000));
        assertEquals("0.05", VirtualTime.decimal(50, 1000));
        assertEquals("7", VirtualTime.decimal(7000, 1000));
        assertEquals("0.001", VirtualTime.decimal(1, 1000));
    }
}
