package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HIC 4.3 steps 5.2.1 and 5.2.3 when the old instance crashed during an update in progress: an emergency or a
 * full rollback restarts the old version from the update's rollback point, and no connection is handed to the
 * dead instance.
 */
class OldInstanceCrashRollbackTest
{
    private static final int CONNECTIONS = 100;
    /** The corrupt-state build arms this long after its start: past the migration, inside the stability period. */
    private static final long ARMED_AFTER_NS = 20 * Simulation.SECONDS;

    private final List<String> trace = new ArrayList<>();
    private final Catalogue catalogue = new Catalogue(7, trace::add,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final ServiceInstance old = catalogue.manager.instance("netstack");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(20, 20, 20, 20, 20, 150).withOpenOver(2 * Simulation.SECONDS),
        new NetstackWorkload(CONNECTIONS));
    private ServiceConnections table;

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

    private void crashOld()
    {
        table = catalogue.kernel.dispatcher().connections(old.serviceId());
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
        assertEquals(0, table.ownedBy(old.endpointId()), "none handed to the dead old instance");
        assertEquals(0, table.ownedBy(next.endpointId()), "none left with the killed new instance");
        catalogue.advance(5 * Simulation.SECONDS);
        assertTrue(table.openCount() > 0, "clients reconnected");
        assertEquals(table.openCount(), table.ownedBy(fresh.endpointId()), "the reconnections go to the fresh one");
        assertTrue(report.validated(), report.toString());
        assertTrue(catalogue.kernel.checkInvariants().isEmpty(), catalogue.kernel.checkInvariants().toString());
        return fresh;
    }

    @Test
    void shouldRestartTheOldVersionWhenAnEmergencyRollbackFindsTheOldInstanceDead()
    {
        final UpdateReport report = updateUntilMigrated("netstack-1.3.0", UpdatePolicy.DEFAULT, CONNECTIONS / 2);
        final ServiceInstance next = catalogue.manager.updating("netstack", true);
        crashOld();
        final int open = table.openCount();

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.EMERGENCY, "corruption risk"));

        assertFalse(next.isAlive(), "stopped at once, within the request");
        assertRestartedOnTheOldVersion(report, next, open);
        assertEquals(List.of(RollbackKind.EMERGENCY),
            report.rollbacks().stream().map(UpdateReport.Rollback::kind).toList());
        assertEquals(1, lines("mm.rollback.old-dead").size());
        assertTrue(lines("mm.rollback-point.restarted").get(0).contains("state=restored"), trace.toString());
        assertTrue(lines("mm.rollback.abandon").get(0).contains("connections=" + open), trace.toString());
    }

    @Test
    void shouldRestartTheOldVersionWhenAFullRollbackFindsTheOldInstanceDead()
    {
        final UpdateReport report = updateUntilMigrated("netstack-1.3.0", UpdatePolicy.DEFAULT, CONNECTIONS / 2);
        final ServiceInstance next = catalogue.manager.updating("netstack", true);
        crashOld();
        final int open = table.openCount();

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            "old instance crashed"));

        assertRestartedOnTheOldVersion(report, next, open);
        assertEquals(List.of(RollbackKind.FULL),
            report.rollbacks().stream().map(UpdateReport.Rollback::kind).toList());
        assertTrue(lines("mm.rollback-point.restarted").get(0).contains("state=restored"), trace.toString());
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
        final int open = table.openCount();

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
        final int open = table.openCount();

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
        assertEquals(0, table.ownedBy(old.endpointId()));
        assertTrue(catalogue.kernel.checkInvariants().isEmpty(), catalogue.kernel.checkInvariants().toString());
    }
}
