package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.dispatch.Dispatcher;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emergency rollback (HIC 4.3 step 5.2.3) on a corruption risk reported mid-migration: the new
 * instance killed at once, migrations in flight abandoned and counted, every connection back with the old
 * instance, and no state of the new instance exported or imported anywhere. With the old instance crashed during
 * the update (step 5.2.1, "if old instance was shut down, restart it"), an emergency or a full rollback restarts
 * the old version from the update's rollback point instead, and no connection is handed to the dead instance.
 */
class EmergencyRollbackTest
{
    private static final int CONNECTIONS = 100;
    /** The corrupt-state build arms this long after its start: past the migration, inside the stability period. */
    private static final long ARMED_AFTER_NS = 20 * Simulation.SECONDS;

    private final List<String> trace = new ArrayList<>();
    private final Catalogue catalogue = new Catalogue(5, trace::add,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final ServiceInstance old = catalogue.manager.instance("netstack");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(20, 20, 20, 20, 20, 150).withOpenOver(2 * Simulation.SECONDS),
        new NetstackWorkload(CONNECTIONS));
    /** Core-0's connection table of the service, once the workload opened it. */
    private ServiceConnections dispatchTable;

    private UpdateReport updateUntilMigrated(final String stem, final long migrated)
    {
        return updateUntilMigrated(stem, UpdatePolicy.DEFAULT, migrated);
    }

    private UpdateReport updateUntilMigrated(final String stem, final UpdatePolicy policy, final long migrated)
    {
        workload.start();
        catalogue.advance(5 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", stem, policy, done -> { });
        while (report.migrated() < migrated && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(Simulation.MILLIS);
        }
        return report;
    }

    @Test
    void shouldKillTheNewInstanceAndPutEveryConnectionBackWithTheOldOne()
    {
        final UpdateReport report = updateUntilMigrated("netstack-1.3.0", CONNECTIONS / 2);
        final ServiceInstance next = catalogue.manager.updating("netstack", true);
        final int from = trace.size();

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.EMERGENCY, "CRC mismatch in exported state"));

        assertFalse(next.isAlive(), "stopped at once, within the request");
        catalogue.advanceUntilDone(report, Simulation.MINUTES);
        catalogue.advance(Simulation.SECONDS);
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals(RollbackKind.EMERGENCY, report.rollbacks().get(0).kind());
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(old.serviceId());
        assertEquals(table.openCount(), table.ownedBy(old.endpointId()));
        assertEquals(old, catalogue.manager.instance("netstack"));
        assertEquals(old.endpointId(), catalogue.kernel.registry().resolve("netstack/" + ServiceHost.INTERFACE));
        assertTrue(old.isAlive());
        assertTrue(catalogue.kernel.checkInvariants().isEmpty(), catalogue.kernel.checkInvariants().toString());
        final List<String> after = trace.subList(from, trace.size());
        assertTrue(after.stream().anyMatch(line -> line.contains("mm.rollback.abandon service=netstack migrations="
            + report.abandoned() + " ") && line.contains("abandoning_" + report.abandoned()
            + "_connection_migrations")), String.join("\n", after));
        assertFalse(after.stream().anyMatch(line -> line.contains(" mm.snapshot") || line.contains(" mm.round-trip")
            || line.contains(" mm.connection.move") || line.contains("service.handback")),
            "no state exported, carried or imported after the emergency");
    }

    @Test
    void shouldHaveTheClientsOfMovedConnectionsReconnectToTheOldInstanceAndBeServedAgain()
    {
        final UpdateReport report = updateUntilMigrated("netstack-1.3.0", CONNECTIONS / 2);
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(old.serviceId());
        final long movedAtRollback = report.migrated();
        final long lostBefore = workload.lost();
        final long errorsBefore = workload.errors();
        final long unknownBefore = workload.errors(Dispatcher.UNKNOWN_CONNECTION);

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.EMERGENCY, "corruption risk"));
        catalogue.advanceUntilDone(report, Simulation.MINUTES);
        catalogue.advance(15 * Simulation.SECONDS);

        assertEquals(movedAtRollback, report.rebuilt(), "every moved connection is rebuilt by its client: " + report);
        assertEquals(0, report.lost(), report.toString());
        // The old instance gave up the places of the moved connections: each client learns its connection is gone
        // at its next request (unknown connection, its one failed request) and opens it again on the old instance.
        final long foundGone = workload.lost() - lostBefore;
        assertTrue(foundGone > 0 && foundGone <= movedAtRollback, "found gone: " + foundGone);
        assertEquals(foundGone, workload.errors(Dispatcher.UNKNOWN_CONNECTION) - unknownBefore);
        assertEquals(foundGone, workload.errors() - errorsBefore, "no other request fails");
        assertEquals(table.openCount(), table.ownedBy(old.endpointId()));
    }

    @Test
    void shouldCountTheMigrationsInFlightAsAbandoned()
    {
        final UpdateReport report = updateUntilMigrated("netstack-1.3.0", 10);
        long abandonedSeen = 0;
        // A connection is frozen for its move between two others: ask at the instant one is in flight.
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(old.serviceId());
        while (frozenCount(table) == 0 && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(10 * Simulation.MICROS);
        }
        abandonedSeen = frozenCount(table);

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.EMERGENCY, "corruption risk"));
        catalogue.advanceUntilDone(report, Simulation.MINUTES);

        assertEquals(abandonedSeen, report.abandoned());
        assertTrue(report.abandoned() > 0);
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals(table.openCount(), table.ownedBy(old.endpointId()));
    }

    @Test
    void shouldRefuseAnEmergencyRollbackToACallerWithoutTheRollbackRight()
    {
        final UpdateReport report = updateUntilMigrated("netstack-1.3.0", 10);
        final long callOnly = catalogue.manager.grantCallCapability(catalogue.operator);

        assertEquals(Refusal.UNAUTHORIZED, catalogue.manager.rollback(catalogue.operator, callOnly, "netstack",
            RollbackKind.EMERGENCY, "not mine to ask"));
        assertEquals(UpdateOutcome.IN_PROGRESS, report.outcome());
        assertTrue(report.rollbacks().isEmpty());
        assertTrue(trace.stream().anyMatch(line -> line.contains("mm.refused op=rollback")
            && line.contains("kind=emergency") && line.contains("reason=no-rollback-right")));
    }

    @Test
    void shouldFinishTheEmergencyRollbackWhenTheModuleManagerIsKilledInIt()
    {
        final ModuleManager[] manager = {catalogue.manager};
        catalogue.manager.onRestart(restarted -> manager[0] = restarted);
        final UpdateReport report = updateUntilMigrated("netstack-1.3.0", CONNECTIONS / 2);
        final ServiceInstance next = catalogue.manager.updating("netstack", true);

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.EMERGENCY, "corruption risk"));
        catalogue.kernel.sandboxes().kill(catalogue.manager.sandboxId(), "killed by the test mid-rollback");
        catalogue.advance(Simulation.MINUTES);

        assertTrue(manager[0] != catalogue.manager, "restarted");
        assertFalse(next.isAlive());
        final UpdateReport finished = manager[0].reports().get(manager[0].reports().size() - 1);
        assertEquals(UpdateOutcome.ROLLED_BACK, finished.outcome(), finished.toString());
        assertEquals(RollbackKind.EMERGENCY, finished.rollbacks().get(0).kind());
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(old.serviceId());
        assertEquals(table.openCount(), table.ownedBy(old.endpointId()));
        assertEquals(old.endpointId(), catalogue.kernel.registry().resolve("netstack/" + ServiceHost.INTERFACE));
        assertTrue(catalogue.kernel.checkInvariants().isEmpty(), catalogue.kernel.checkInvariants().toString());
        assertEquals(UpdateOutcome.IN_PROGRESS, report.outcome(), "the killed one's report stays as it was");
    }

    private static long frozenCount(final ServiceConnections table)
    {
        final long[] frozen = {0};
        table.forEach(id ->
        {
            final byte state = table.state(id);
            if (state == org.hicsim.core0.dispatch.DispatchState.FREEZING
                || state == org.hicsim.core0.dispatch.DispatchState.FROZEN)
            {
                frozen[0]++;
            }
        });
        return frozen[0];
    }

    private void crashOld()
    {
        dispatchTable = catalogue.kernel.dispatcher().connections(old.serviceId());
        catalogue.kernel.sandboxes().kill(old.sandboxId(), "crashed by the test");
        assertFalse(old.isAlive());
    }

    private List<String> lines(final String kind)
    {
        return trace.stream().filter(line -> line.contains(" " + kind + " ")).toList();
    }

    /** The service ends on a live, fresh instance of the old version, every connection accounted for and on it. */
    private ServiceInstance assertRestartedOnTheOldVersion(final UpdateReport report, final ServiceInstance next,
        final int openAtRollback)
    {
        catalogue.advanceUntilDone(report, Simulation.MINUTES);
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        final ServiceInstance fresh = catalogue.manager.instance("netstack");
        assertNotEquals(old, fresh);
        assertTrue(fresh.isAlive());
        assertFalse(next.isAlive());
        assertEquals(old.version(), fresh.version());
        assertEquals(fresh.endpointId(), catalogue.kernel.registry().resolve("netstack/" + ServiceHost.INTERFACE));
        assertEquals(openAtRollback, report.abandoned() + report.lost(), "every connection accounted: " + report);
        assertEquals(0, dispatchTable.ownedBy(old.endpointId()), "none handed to the dead old instance");
        assertEquals(0, dispatchTable.ownedBy(next.endpointId()), "none left with the killed new instance");
        catalogue.advance(5 * Simulation.SECONDS);
        assertTrue(dispatchTable.openCount() > 0, "clients reconnected");
        assertEquals(dispatchTable.openCount(), dispatchTable.ownedBy(fresh.endpointId()), "the reconnections go to the fresh one");
        assertTrue(report.validated(), report.toString());
        assertTrue(catalogue.kernel.checkInvariants().isEmpty(), catalogue.kernel.checkInvariants().toString());
        return fresh;
    }

    @ParameterizedTest
    @EnumSource(value = RollbackKind.class, names = {"EMERGENCY", "FULL"})
    void shouldRestartTheOldVersionWhenARollbackFindsTheOldInstanceDead(final RollbackKind kind)
    {
        final UpdateReport report = updateUntilMigrated("netstack-1.3.0", CONNECTIONS / 2);
        final ServiceInstance next = catalogue.manager.updating("netstack", true);
        crashOld();
        final int open = dispatchTable.openCount();

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack", kind,
            "old instance crashed"));

        assertEquals(kind == RollbackKind.EMERGENCY, !next.isAlive(), "an emergency stops it within the request");
        assertRestartedOnTheOldVersion(report, next, open);
        assertEquals(List.of(kind), report.rollbacks().stream().map(UpdateReport.Rollback::kind).toList());
        assertEquals(1, lines("mm.rollback.old-dead").size());
        assertTrue(lines("mm.rollback-point.restarted").get(0).contains("state=restored"), trace.toString());
        assertTrue(lines("mm.rollback.abandon").get(0).contains("connections=" + open), trace.toString());
        assertTrue(lines("service.handback.activate").isEmpty(), "nothing handed back to a dead instance");
    }

    @Test
    void shouldRestartFromTheConsistencyPointWhenTheNewInstancesExportIsCorrupt()
    {
        final UpdatePolicy policy = UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(5 * Simulation.MINUTES)
            .rollbackPointIntervalNs(0).newInstanceConfiguration(Configuration.builder(1)
                .put("fault.after_ns", Long.toString(ARMED_AFTER_NS)).build()).build();
        final UpdateReport report = updateUntilMigrated("netstack-1.3.0-corrupt-state", policy, CONNECTIONS);
        final ServiceInstance next = catalogue.manager.updating("netstack", true);
        catalogue.advance(2 * ARMED_AFTER_NS);
        assertEquals(UpdateOutcome.IN_PROGRESS, report.outcome(), "in its stability period");
        crashOld();
        final int open = dispatchTable.openCount();

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            "operator asked"));

        assertRestartedOnTheOldVersion(report, next, open);
        assertEquals(List.of(RollbackKind.FULL, RollbackKind.EMERGENCY),
            report.rollbacks().stream().map(UpdateReport.Rollback::kind).toList());
        assertEquals(1, lines("mm.corruption.detected").size());
        assertTrue(lines("mm.rollback-point.kept").isEmpty(), "the corrupt export is never stored");
        final String from = lines("mm.rollback.old-dead").get(0);
        final String consistencyPoint = from.substring(from.indexOf("from=") + "from=".length());
        final String imported = lines("mm.rollback-point.imported").get(0);
        assertTrue(imported.contains("name=" + consistencyPoint + " "), imported + " vs " + from);
    }

    @Test
    void shouldRestartTheOldVersionWhenACancelBeforeThePointOfNoReturnFindsTheOldInstanceDead()
    {
        workload.start();
        catalogue.advance(5 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT, done -> { });
        while (catalogue.manager.updating("netstack", true) == null && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(Simulation.MICROS);
        }
        final ServiceInstance next = catalogue.manager.updating("netstack", true);
        assertEquals(0, report.migrated(), "before the point of no return");
        crashOld();
        final int open = dispatchTable.openCount();

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            "old instance crashed"));
        catalogue.advanceUntilDone(report, Simulation.MINUTES);

        assertEquals(UpdateOutcome.ABORTED, report.outcome(), report.toString());
        final ServiceInstance fresh = catalogue.manager.instance("netstack");
        assertTrue(fresh.isAlive());
        assertFalse(next.isAlive());
        assertEquals(old.version(), fresh.version());
        assertEquals(fresh.endpointId(), catalogue.kernel.registry().resolve("netstack/" + ServiceHost.INTERFACE));
        assertEquals(open, report.abandoned(), report.toString());
        assertEquals(0, dispatchTable.ownedBy(old.endpointId()));
        assertTrue(catalogue.kernel.checkInvariants().isEmpty(), catalogue.kernel.checkInvariants().toString());
    }
}
