package org.hicsim.monitor.window;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SampleWindowTest
{
    @Test
    void shouldExcludeTheLeftEdgeAndIncludeTheRightEdge()
    {
        final SampleWindow window = new SampleWindow(10);
        window.add(0, 1);
        window.add(5, 1);
        window.advanceTo(9);
        assertEquals(2, window.count());
        window.advanceTo(10);
        assertEquals(1, window.count(), "a sample at t-W has left (t-W, t]");
        window.advanceTo(15);
        assertEquals(0, window.count());
    }

    @Test
    void shouldCostNothingToEvaluateAnEmptyDayLongWindow()
    {
        final SampleWindow window = new SampleWindow(24 * Simulation.HOURS);
        for (long t = 0; t <= 24 * Simulation.HOURS; t += Simulation.MINUTES)
        {
            window.advanceTo(t);
            window.sum();
            window.countNonZero();
            window.slope(Simulation.HOURS);
        }
        assertEquals(0, window.samplesVisited(), "work follows samples, never the window's virtual length");
    }

    @Test
    void shouldTouchEachSampleOnceToEvictIt()
    {
        final SampleWindow window = new SampleWindow(24 * Simulation.HOURS);
        window.add(0, 1);
        window.add(Simulation.HOURS, 1);
        window.advanceTo(100 * 24 * Simulation.HOURS);
        assertEquals(2, window.samplesVisited());
    }

    @Test
    void shouldRefuseASampleOlderThanTheLast()
    {
        final SampleWindow window = new SampleWindow(10);
        window.add(5, 1);
        assertThrows(IllegalArgumentException.class, () -> window.add(4, 1));
    }

    @Test
    void shouldGiveTheSlopePerHour()
    {
        final SampleWindow window = new SampleWindow(Simulation.HOURS);
        window.add(0, 0);
        window.add(Simulation.HOURS / 2, 50);
        window.add(Simulation.HOURS, 100);
        assertEquals(100, window.slope(Simulation.HOURS), 1e-9);
    }

    @Property(tries = 300)
    void windowHoldsExactlyWhatABruteForceRecountFinds(
        @ForAll("stamps") final List<Long> gaps, @ForAll @LongRange(min = 1, max = 1_000) final long windowNs)
    {
        final SampleWindow window = new SampleWindow(windowNs);
        final long[] stamps = new long[gaps.size()];
        long t = -500;
        for (int i = 0; i < gaps.size(); i++)
        {
            t += gaps.get(i);
            stamps[i] = t;
            window.add(t, i % 3 == 0 ? 0 : 1);
            long inWindow = 0;
            long nonZero = 0;
            for (int j = 0; j <= i; j++)
            {
                if (stamps[j] > t - windowNs && stamps[j] <= t)
                {
                    inWindow++;
                    nonZero += j % 3 == 0 ? 0 : 1;
                }
            }
            assertEquals(inWindow, window.count());
            assertEquals(nonZero, window.countNonZero());
            assertEquals((double)nonZero, window.sum());
        }
    }

    @Provide
    Arbitrary<List<Long>> stamps()
    {
        return Arbitraries.longs().between(0, 300).list().ofMaxSize(200);
    }
}
