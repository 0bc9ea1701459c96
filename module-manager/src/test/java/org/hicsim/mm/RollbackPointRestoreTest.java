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
import org.hicsim.mm.snapshot.SnapshotStore;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HIC 4.3 steps 5.2.1 and 5.2.3 with the old instance gone (the update committed, the old instance reclaimed): an
 * emergency rollback, or a full one whose export from the new version fails its seal, restarts the old version
 * from the rollback point kept in the persistent store; the new version's instance is killed, its connections
 * dropped and counted, and their clients reconnect to the restarted instance, which has the service's routes and
 * caches back.
 */
class RollbackPointRestoreTest
{
    private static final int CONNECTIONS = 50;
    private static final int IDLE = 10;
    /** Armed long after the commit: every rollback point kept before it is sound. */
    private static final long ARMED_AFTER_NS = 90 * Simulation.SECONDS;

    private final List<String> trace = new ArrayList<>();
    private final Catalogue catalogue = new Catalogue(19, trace::add,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final ServiceInstance old = catalogue.manager.instance("netstack");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(IDLE, 10, 10, 10, 10, 100).withOpenOver(Simulation.SECONDS), new NetstackWorkload(CONNECTIONS));

    /** The corrupt-state build updated to, committed, and armed: the old instance is gone. */
    private UpdateReport committedThenCorrupt()
    {
        workload.start();
        catalogue.advance(3 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0-corrupt-state", UpdatePolicy.DEFAULT.toBuilder()
                .stabilityPeriodNs(30 * Simulation.SECONDS).rollbackPointIntervalNs(10 * Simulation.SECONDS)
                .newInstanceConfiguration(Configuration.builder(1)
                    .put("fault.after_ns", Long.toString(ARMED_AFTER_NS)).build()).build(), done -> { });
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertFalse(old.isAlive(), "reclaimed at the commit");
        catalogue.advance(ARMED_AFTER_NS);
        return report;
    }

    private List<String> lines(final String kind)
    {
        return trace.stream().filter(line -> line.contains(" " + kind + " ")).toList();
    }

    private void assertRestartedFromTheRollbackPoint(final UpdateReport report, final ServiceInstance killed,
        final int from)
    {
        final ServiceInstance restarted = catalogue.manager.instance("netstack");
        assertNotSame(old, restarted);
        assertTrue(restarted.isAlive());
        assertEquals("1.2.0", restarted.version().toString());
        assertEquals(restarted.endpointId(),
            catalogue.kernel.registry().resolve("netstack/" + ServiceHost.INTERFACE));
        assertFalse(killed.isAlive());
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals(RollbackKind.EMERGENCY, report.rollbacks().get(report.rollbacks().size() - 1).kind());
        assertEquals(CONNECTIONS, report.abandoned(), "every connection of the killed instance, counted");
        final List<String> after = trace.subList(from, trace.size());
        assertTrue(after.stream().noneMatch(line -> line.contains(" mm.snapshot ") || line.contains(" mm.round-trip ")),
            "nothing the killed instance held stored, carried or imported");
        assertTrue(after.stream().anyMatch(line -> line.contains("mm.rollback.abandon")
            && line.contains("abandoning_" + CONNECTIONS + "_connections")), String.join("\n", after));
        final String imported = lines("mm.rollback-point.imported").get(0);
        final String name = imported.substring(imported.indexOf("name=") + "name=".length(),
            imported.indexOf(' ', imported.indexOf("name=")));
        assertTrue(lines("mm.rollback-point.kept").stream().anyMatch(line -> line.contains("name=" + name + " ")),
            "the state imported is a rollback point checked sound: " + imported);
        assertTrue(lines("mm.rollback-point.restarted").get(0).contains("state=restored"));
        // The clients reconnect at their next request, and the restarted instance has the routes they opened
        // with: it serves them (the idle ones send none, so they have not found out yet).
        catalogue.advance(10 * Simulation.SECONDS);
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(restarted.serviceId());
        assertEquals(CONNECTIONS - IDLE, table.ownedBy(restarted.endpointId()), "reconnected and served");
        assertEquals(table.openCount(), table.ownedBy(restarted.endpointId()));
        assertTrue(catalogue.kernel.checkInvariants().isEmpty(), catalogue.kernel.checkInvariants().toString());
    }

    /** Asks for a rollback of the committed update; answers where the trace stood then. */
    private int rollbackAsked(final RollbackKind kind, final String reason)
    {
        final int from = trace.size();
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack", kind,
            reason));
        return from;
    }

    @Test
    void shouldRestartTheOldVersionFromTheRollbackPointOnAnEmergencyRollbackAfterTheCommit()
    {
        final UpdateReport report = committedThenCorrupt();
        final ServiceInstance killed = catalogue.manager.instance("netstack");

        final int from = rollbackAsked(RollbackKind.EMERGENCY, "CRC mismatch reported");

        assertFalse(killed.isAlive(), "stopped at once, within the request");
        catalogue.advance(Simulation.SECONDS);
        assertRestartedFromTheRollbackPoint(report, killed, from);
    }

    @Test
    void shouldRestartFromTheRollbackPointWhenAFullRollbacksExportFailsItsSeal()
    {
        final UpdateReport report = committedThenCorrupt();
        final ServiceInstance killed = catalogue.manager.instance("netstack");

        final int from = rollbackAsked(RollbackKind.FULL, "operator asked");
        catalogue.advance(Simulation.MINUTES);

        assertTrue(lines("mm.corruption.detected").stream().anyMatch(line -> line.contains("source=export")),
            "the update back found the new version's export corrupt before storing or carrying it");
        assertEquals(List.of(RollbackKind.FULL, RollbackKind.EMERGENCY),
            report.rollbacks().stream().map(UpdateReport.Rollback::kind).toList());
        assertRestartedFromTheRollbackPoint(report, killed, from);
    }

    @Test
    void shouldKeepTheRollbackPointsStateOnlyUntilItIsSpent()
    {
        final UpdateReport report = committedThenCorrupt();
        final String kept = lines("mm.rollback-point.kept").get(lines("mm.rollback-point.kept").size() - 1);
        final String name = kept.substring(kept.indexOf("name=") + "name=".length(), kept.indexOf(' ',
            kept.indexOf("name=")));
        assertTrue(catalogue.kernel.store().fileLength(SnapshotStore.indexFile(name)) > 0,
            "the last sound export outlives the update as its rollback point");

        rollbackAsked(RollbackKind.EMERGENCY, "CRC mismatch reported");
        catalogue.advance(Simulation.MINUTES);

        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome());
        assertTrue(catalogue.kernel.store().fileLength(SnapshotStore.indexFile(name)) < 0, "spent, deleted");
    }
}
