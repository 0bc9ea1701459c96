package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.dispatch.DispatchState;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.fault.FaultPlan;
import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.fault.FaultSetting;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Module Manager killed at every step of a full update: Core-0's boot supervisor restarts it a second
 * later, it rebuilds itself from its journal alone and finishes what it finds (a cancel before the point of no
 * return, a rollback after it). Whatever the step, no connection is lost and each is owned by one live instance.
 */
class ModuleManagerCrashTest
{
    private static final int CONNECTIONS = 50;
    private static final UpdatePolicy POLICY = UpdatePolicy.DEFAULT.toBuilder()
        .stabilityPeriodNs(10 * Simulation.SECONDS).build();

    /** One run: the update starts at 5 s; the Module Manager is killed {@code killAfterNs} later (never if < 0). */
    private static Run run(final long killAfterNs)
    {
        final List<String> trace = new ArrayList<>();
        final Catalogue catalogue = new Catalogue(3, trace::add, "eth_driver-1.2.0", "ipc_lib-2.0.0",
            "netstack-1.2.0");
        final ModuleManager[] manager = {catalogue.manager};
        catalogue.manager.onRestart(restarted -> manager[0] = restarted);
        final Workload workload = catalogue.workload("netstack",
            WorkloadSpec.of(10, 10, 10, 10, 10, 100).withOpenOver(Simulation.SECONDS),
            new NetstackWorkload(CONNECTIONS));
        workload.start();
        catalogue.advance(5 * Simulation.SECONDS);
        final long startNs = catalogue.kernel.simulation().nowNs();
        catalogue.manager.update(catalogue.operator, catalogue.updateCapability, "netstack", "netstack-1.3.0", POLICY,
            report -> { });
        if (killAfterNs >= 0)
        {
            catalogue.kernel.simulation().runUntil(startNs + killAfterNs);
            catalogue.kernel.sandboxes().kill(catalogue.manager.sandboxId(), "killed by the test");
        }
        catalogue.advance(2 * Simulation.MINUTES);
        return new Run(catalogue, manager[0], workload, trace, startNs);
    }

    private record Run(Catalogue catalogue, ModuleManager manager, Workload workload, List<String> trace,
        long startNs)
    {
    }

    /** The virtual times, after the update's start, at which the Module Manager made a step of it. */
    private static TreeSet<Long> stepTimes(final Run uninterrupted)
    {
        final TreeSet<Long> times = new TreeSet<>();
        for (final String line : uninterrupted.trace())
        {
            final String[] parts = line.split(" ", 3);
            final long atNs = Long.parseLong(parts[0].substring(2));
            if (parts[1].startsWith("mm.") && atNs >= uninterrupted.startNs())
            {
                times.add(atNs - uninterrupted.startNs());
            }
        }
        return times;
    }

    /**
     * The fault point kills the Module Manager at a chance per step until it is switched off 30 s into the update;
     * whatever it hits, nothing is lost, and within two minutes of virtual time the system has converged: no update
     * is stuck and every connection is active on the one instance that serves the service.
     */
    @Test
    void shouldLoseNoConnectionWhenTheFaultPointCrashesTheModuleManager()
    {
        final Catalogue catalogue = new Catalogue(KernelConfig.withSeed(9).withFaults(FaultPlan.none()
                .with(FaultPoint.MODULE_MANAGER_CRASH, new FaultSetting(0.05, Simulation.SECONDS, 0))),
            TraceSink.NONE, "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
        final ModuleManager[] manager = {catalogue.manager};
        catalogue.manager.onRestart(restarted -> manager[0] = restarted);
        final Workload workload = catalogue.workload("netstack",
            WorkloadSpec.of(10, 10, 10, 10, 10, 100).withOpenOver(Simulation.SECONDS),
            new NetstackWorkload(CONNECTIONS));
        workload.start();
        catalogue.advance(5 * Simulation.SECONDS);
        catalogue.manager.update(catalogue.operator, catalogue.updateCapability, "netstack", "netstack-1.3.0", POLICY,
            report -> { });
        catalogue.kernel.faults().switchOffAfter(catalogue.kernel.simulation().nowNs() + 30 * Simulation.SECONDS);
        catalogue.advance(2 * Simulation.MINUTES);

        assertFalse(manager[0].isUpdating("netstack"), "no update stuck");
        assertTrue(catalogue.kernel.faults().firedCount(FaultPoint.MODULE_MANAGER_CRASH) > 0);
        assertTrue(manager[0] != catalogue.manager, "restarted");
        assertEquals(0, workload.lost());
        assertEquals(List.of(), catalogue.kernel.checkInvariants());
        final ServiceInstance serving = manager[0].instance("netstack");
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(serving.serviceId());
        assertEquals(table.openCount(), table.ownedBy(serving.endpointId()));
        table.forEach(id -> assertEquals(DispatchState.ACTIVE, table.state(id)));
    }

    @Test
    void shouldLoseNoConnectionWhereverTheModuleManagerIsKilled()
    {
        final Run uninterrupted = run(-1);
        assertEquals("1.3.0", uninterrupted.manager().versions().get("netstack"));
        final TreeSet<Long> steps = stepTimes(uninterrupted);
        assertTrue(steps.size() > 10, "steps=" + steps);

        for (final long killAfterNs : steps)
        {
            final Run killed = run(killAfterNs);
            final String at = "killed " + killAfterNs + " ns after the update began";
            assertTrue(killed.manager().isAlive(), at + ": restarted");
            assertEquals(0, killed.workload().lost(), at);
            final ServiceInstance serving = killed.manager().instance("netstack");
            assertTrue(serving != null && serving.isAlive(), at + ": " + killed.trace().stream()
                .filter(line -> line.contains(" mm.") || line.contains("supervisor")).skip(Math.max(0,
                    killed.trace().stream().filter(line -> line.contains(" mm.") || line.contains("supervisor"))
                        .count() - 15)).toList());
            final ServiceConnections table = killed.catalogue().kernel.dispatcher().connections(serving.serviceId());
            assertEquals(table.openCount(), table.ownedBy(serving.endpointId()), at + ": every connection on "
                + serving.version());
            table.forEach(id -> assertEquals(DispatchState.ACTIVE, table.state(id), at));
            assertFalse(killed.manager().isUpdating("netstack"), at);
            assertEquals(List.of(), killed.catalogue().kernel.checkInvariants(), at);
            for (final UpdateReport report : killed.manager().reports())
            {
                // what the restarted Module Manager reports counts from what its predecessor left
                assertTrue(report.migrated() >= 0 && report.migrated() <= report.connectionsTotal(),
                    at + ": " + report);
            }
        }
    }

    /**
     * A restarted Module Manager names its snapshots afresh: it must not take a name whose files its predecessor
     * left in the store (the interrupted update's consistency point), or the store refuses the next update's
     * snapshot ({@code SnapshotStore.EXISTS}) and the update aborts.
     */
    @Test
    void shouldUpdateAgainAfterARestartWithoutReusingASnapshotNameLeftInTheStore()
    {
        final Run killed = run(100 * Simulation.MILLIS);
        assertEquals("1.2.0", killed.manager().versions().get("netstack"), "rolled back by the restarted one");

        final UpdateReport again = killed.manager().update(killed.catalogue().operator,
            killed.manager().grantUpdateCapability(killed.catalogue().operator), "netstack", "netstack-1.3.0",
            POLICY.toBuilder().allowProblematic(true).build(), report -> { });
        killed.catalogue().advanceUntilDone(again, Simulation.HOURS);

        assertEquals(UpdateOutcome.COMPLETED, again.outcome(), again.toString());
    }
}
