package org.hicsim.core0.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulationTest
{
    @Test
    void shouldAdvanceClockToEachEventsDueTime()
    {
        final Simulation sim = new Simulation(1);
        final List<Long> seen = new ArrayList<>();
        sim.schedule(30, arg -> seen.add(sim.nowNs()), 0);
        sim.schedule(10, arg -> seen.add(sim.nowNs()), 0);
        sim.runUntilIdle(10);
        assertEquals(List.of(10L, 30L), seen);
    }

    @Test
    void shouldStopAtEndTimeAndLeaveLaterEventsPending()
    {
        final Simulation sim = new Simulation(1);
        sim.schedule(5, arg -> { }, 0);
        sim.schedule(Simulation.HOURS * 24, arg -> { }, 0);
        assertEquals(1, sim.runUntil(Simulation.HOURS));
        assertEquals(Simulation.HOURS, sim.nowNs());
        assertEquals(1, sim.pendingEvents());
    }

    /**
     * runUntil looks at the next event to know it is past the end: that look must not move the queue on, since
     * events may still be scheduled between the end and the event it saw.
     */
    @Test
    void shouldAcceptAnEventBetweenTheEndOfARunAndTheNextPendingOne()
    {
        final Simulation sim = new Simulation(1);
        final List<Long> seen = new ArrayList<>();
        sim.schedule(7, arg -> seen.add(sim.nowNs()), 0);
        sim.schedule(5_000, arg -> seen.add(sim.nowNs()), 0);
        sim.runUntil(1_000);

        sim.schedule(1, arg -> seen.add(sim.nowNs()), 0);
        sim.runUntilIdle(10);

        assertEquals(List.of(7L, 1_001L, 5_000L), seen);
    }

    @Test
    void shouldRefuseSchedulingInThePast()
    {
        final Simulation sim = new Simulation(1);
        sim.runUntil(100);
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(99, arg -> { }, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, arg -> { }, 0));
    }

    @Test
    void sameSeedGivesSameTraceDigest()
    {
        assertEquals(randomWalkDigest(42), randomWalkDigest(42));
    }

    @Test
    void differentSeedGivesDifferentTraceDigest()
    {
        assertNotEquals(randomWalkDigest(42), randomWalkDigest(43));
    }

    @Test
    void digestIsShaOfTheLinesTheSinkReceived() throws Exception
    {
        final StringBuilder file = new StringBuilder();
        final Simulation sim = new Simulation(7, line -> file.append(line).append('\n'));
        sim.trace().record("demo.step", "n=1");
        final byte[] hash = Trace.sha256().digest(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(java.util.HexFormat.of().formatHex(hash), sim.trace().sha256Hex());
        assertEquals("t=0 demo.step n=1", file.toString().lines().reduce((a, b) -> b).orElseThrow());
    }

    private static String randomWalkDigest(final long seed)
    {
        final Simulation sim = new Simulation(seed);
        final SplittableRandom random = sim.splitRandom();
        final EventHandler walk = new EventHandler()
        {
            @Override
            public void onEvent(final long step)
            {
                sim.trace().record("walk.step", "n=" + step);
                if (step < 100)
                {
                    sim.schedule(1 + random.nextInt(1000), this, step + 1);
                }
            }
        };
        sim.schedule(0, walk, 0);
        sim.runUntilIdle(1_000);
        return sim.trace().sha256Hex();
    }
}
