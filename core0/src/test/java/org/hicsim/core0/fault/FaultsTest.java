package org.hicsim.core0.fault;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.sim.Simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsTest
{
    private static final int DRAWS = 10_000;

    private final List<String> trace = new ArrayList<>();
    private final Simulation simulation = new Simulation(1, trace::add);

    private Faults faults(final FaultPlan plan)
    {
        return new Faults(plan, 7, simulation, simulation.trace());
    }

    private static List<Boolean> firings(final Faults faults, final FaultPoint point)
    {
        final List<Boolean> firings = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            firings.add(faults.fires(point));
        }
        return firings;
    }

    @Test
    void shouldNeverFireAPointThatIsOff()
    {
        final Faults faults = faults(FaultPlan.none().with(FaultPoint.IPC_DROP, 1.0));

        assertFalse(faults.fires(FaultPoint.SANDBOX_CRASH));
        assertTrue(faults.fires(FaultPoint.IPC_DROP));
    }

    @Test
    void shouldFireAtAboutItsProbability()
    {
        final Faults faults = faults(FaultPlan.none().with(FaultPoint.IPC_DROP, 0.1));
        int count = 0;
        for (int i = 0; i < DRAWS; i++)
        {
            count += faults.fires(FaultPoint.IPC_DROP) ? 1 : 0;
        }
        final int fired = count;

        assertTrue(fired > DRAWS / 10 * 8 / 10 && fired < DRAWS / 10 * 12 / 10, () -> "fired=" + fired);
        assertEquals(fired, faults.firedCount(FaultPoint.IPC_DROP));
    }

    @Test
    void shouldStayQuietForItsStabilityPeriodAndKeepACrashedPartDownThatLong()
    {
        final Faults faults = faults(FaultPlan.none().with(FaultPoint.SANDBOX_CRASH,
            new FaultSetting(1.0, 5 * Simulation.MILLIS, 0)));

        assertTrue(faults.fires(FaultPoint.SANDBOX_CRASH));
        assertFalse(faults.fires(FaultPoint.SANDBOX_CRASH));
        assertEquals(5 * Simulation.MILLIS, faults.downUntilNs(FaultPoint.SANDBOX_CRASH));
        simulation.runUntil(5 * Simulation.MILLIS);
        assertTrue(faults.fires(FaultPoint.SANDBOX_CRASH));
    }

    @Test
    void shouldDrawFromASourceOfItsOwnSoSwitchingOnAnotherPointChangesNothing()
    {
        final List<Boolean> alone = firings(faults(FaultPlan.none().with(FaultPoint.IPC_DROP, 0.3)),
            FaultPoint.IPC_DROP);
        final Faults mixed = faults(FaultPlan.none().with(FaultPoint.IPC_DROP, 0.3).with(FaultPoint.IPC_DELAY, 0.5));
        final List<Boolean> together = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            mixed.fires(FaultPoint.IPC_DELAY);
            together.add(mixed.fires(FaultPoint.IPC_DROP));
        }

        assertEquals(alone, together);
    }

    @Test
    void shouldWriteThePlanToTheTraceAtTheStartAndNothingWhenNoPointIsOn()
    {
        faults(FaultPlan.none());
        assertEquals(1, trace.size());

        faults(FaultPlan.none().with(FaultPoint.IPC_DELAY, new FaultSetting(0.5, 0, Simulation.MILLIS)));

        assertEquals("t=0 fault.plan point=ipc.delay probability=0.5 stabilityNs=0 magnitudeNs=1000000",
            trace.get(1));
    }

    @Test
    void shouldTraceEachFiring()
    {
        faults(FaultPlan.none().with(FaultPoint.STORE_FAIL, 1.0)).fires(FaultPoint.STORE_FAIL);

        assertEquals("t=0 fault.fire point=store.fail n=1", trace.get(trace.size() - 1));
    }

    @Test
    void shouldFireNoMoreOnceSwitchedOff()
    {
        final Faults faults = faults(FaultPlan.none().with(FaultPoint.MODULE_MANAGER_CRASH, 1.0));
        faults.switchOffAfter(Simulation.MILLIS);
        simulation.runUntil(2 * Simulation.MILLIS);

        assertFalse(faults.fires(FaultPoint.MODULE_MANAGER_CRASH));
    }

    @Test
    void swarmShouldBeAFunctionOfTheSeedAndOfferOnlyTheCandidates()
    {
        final EnumSet<FaultPoint> candidates = EnumSet.of(FaultPoint.IPC_DROP, FaultPoint.IPC_DELAY,
            FaultPoint.IPC_REORDER, FaultPoint.SANDBOX_CRASH);

        assertEquals(FaultPlan.swarm(3, candidates).toString(), FaultPlan.swarm(3, candidates).toString());
        final List<String> plans = new ArrayList<>();
        for (long seed = 0; seed < 16; seed++)
        {
            final FaultPlan plan = FaultPlan.swarm(seed, candidates);
            assertTrue(candidates.containsAll(plan.points()), plan::toString);
            plans.add(plan.toString());
        }
        assertNotEquals(1, plans.stream().distinct().count());
    }

    @Test
    void shouldRefuseASettingOutsideItsRange()
    {
        assertThrows(IllegalArgumentException.class, () -> new FaultSetting(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FaultSetting(1.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FaultSetting(0.5, -1, 0));
    }

    @Test
    void shouldFindAPointByItsTraceName()
    {
        assertEquals(FaultPoint.EXPORT_CORRUPT, FaultPoint.ofTraceName("export.corrupt"));
        assertThrows(IllegalArgumentException.class, () -> FaultPoint.ofTraceName("disk.melt"));
    }
}
