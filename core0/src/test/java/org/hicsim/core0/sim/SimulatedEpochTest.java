package org.hicsim.core0.sim;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulatedEpochTest
{
    @Test
    void shouldPlaceVirtualTimeZeroAtTheStartOf2026()
    {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), SimulatedEpoch.DEFAULT.now(new Simulation(1)));
    }

    @Test
    void shouldFollowTheSimulatedClockNotTheHostOne()
    {
        final Simulation simulation = new Simulation(1);
        simulation.runUntil(25 * Simulation.HOURS + 1_500 * Simulation.MICROS);
        assertEquals(Instant.parse("2026-01-02T01:00:00.0015Z"), SimulatedEpoch.DEFAULT.now(simulation));
        assertEquals(Instant.parse("2026-01-02T01:00:00.001Z").toEpochMilli(),
            SimulatedEpoch.DEFAULT.epochMillisAt(simulation.nowNs()));
    }

    @Test
    void shouldRefuseEpochWithFractionOfMillisecond()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new SimulatedEpoch(Instant.parse("2026-01-01T00:00:00.000001Z")));
    }
}
