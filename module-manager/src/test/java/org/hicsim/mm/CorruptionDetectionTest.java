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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HIC 4.3 step 5.1 rule 4 watched by the Module Manager itself: after the point of no return the new instance's
 * exports are checked against their seal (the rollback point kept current through the stability period, and the
 * export at the start of a rollback's move-back); a CRC32 mismatch takes the emergency rollback at once, with no
 * confirmation, and the corrupt export is neither stored nor imported anywhere.
 */
class CorruptionDetectionTest
{
    private static final int CONNECTIONS = 50;
    private static final long INTERVAL_NS = 10 * Simulation.SECONDS;
    /** The corrupt-state build arms this long after its start: past the migration, inside the stability period. */
    private static final long ARMED_AFTER_NS = 20 * Simulation.SECONDS;
    private static final String CORRUPT = "netstack-1.3.0-corrupt-state";

    private final List<String> trace = new ArrayList<>();
    private final Catalogue catalogue = new Catalogue(13, trace::add,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final ServiceInstance old = catalogue.manager.instance("netstack");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(10, 10, 10, 10, 10, 100).withOpenOver(Simulation.SECONDS), new NetstackWorkload(CONNECTIONS));

    private static UpdatePolicy.Builder policy()
    {
        return UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(5 * Simulation.MINUTES)
            .rollbackPointIntervalNs(INTERVAL_NS)
            .newInstanceConfiguration(Configuration.builder(1).put("fault.after_ns", Long.toString(ARMED_AFTER_NS))
                .build());
    }

    private UpdateReport update(final String stem, final UpdatePolicy policy)
    {
        workload.start();
        catalogue.advance(3 * Simulation.SECONDS);
        return catalogue.manager.update(catalogue.operator, catalogue.updateCapability, "netstack", stem, policy,
            done -> { });
    }

    private List<String> lines(final String kind)
    {
        return trace.stream().filter(line -> line.contains(" " + kind + " ")).toList();
    }

    private static long timeOf(final String line)
    {
        return Long.parseLong(line.substring("t=".length(), line.indexOf(' ')));
    }

    @Test
    void shouldTakeTheEmergencyRollbackItselfOnACrc32MismatchInTheNewInstancesExport()
    {
        final UpdateReport report = update(CORRUPT, policy().build());

        catalogue.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals(1, report.rollbacks().size(), report.rollbacks().toString());
        assertEquals(RollbackKind.EMERGENCY, report.rollbacks().get(0).kind());
        assertTrue(report.rollbacks().get(0).reason().contains("CRC32 mismatch"), report.rollbacks().get(0).reason());
        final String detected = lines("mm.corruption.detected").get(0);
        assertTrue(detected.contains("part=global"), detected);
        assertTrue(catalogue.kernel.audit().records().stream().anyMatch(record
            -> record.kind().equals("mm.corruption.detected") && record.detail().contains("part=global")));
        assertEquals(old, catalogue.manager.instance("netstack"));
        assertEquals(old.endpointId(), catalogue.kernel.registry().resolve("netstack/" + ServiceHost.INTERFACE));
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(old.serviceId());
        assertEquals(table.openCount(), table.ownedBy(old.endpointId()));
        assertTrue(catalogue.kernel.checkInvariants().isEmpty(), catalogue.kernel.checkInvariants().toString());
    }

    @Test
    void shouldNeitherStoreNorImportTheCorruptExport()
    {
        final UpdateReport report = update(CORRUPT, policy().build());

        catalogue.advanceUntilDone(report, Simulation.HOURS);

        final long detectedNs = timeOf(lines("mm.corruption.detected").get(0));
        assertTrue(lines("mm.rollback-point.kept").stream().allMatch(line -> timeOf(line) < detectedNs),
            "only exports checked sound before were kept");
        assertTrue(lines("mm.rollback-point.checked").stream().allMatch(line -> timeOf(line) < detectedNs));
        final List<String> after = trace.stream().filter(line -> timeOf(line) >= detectedNs).toList();
        assertFalse(after.stream().anyMatch(line -> line.contains(" mm.snapshot") || line.contains(" mm.round-trip")
            || line.contains("service.handback")), "nothing carried or imported after the mismatch: "
            + String.join("\n", after));
        assertEquals(0, report.migrated(), "every connection is back with the old instance");
    }

    @Test
    void shouldKeepSoundExportsAsTheRollbackPointAtThePolicysIntervalAtACostFromTheModel()
    {
        final UpdateReport report = update("netstack-1.3.0", policy().stabilityPeriodNs(Simulation.MINUTES).build());

        catalogue.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        final long validationNs = timeOf(lines("mm.phase").stream().filter(line -> line.contains("name=validation"))
            .findFirst().orElseThrow());
        final List<String> checked = lines("mm.rollback-point.checked");
        final List<String> kept = lines("mm.rollback-point.kept");
        assertTrue(checked.size() >= 5 && checked.size() <= 6, String.join("\n", checked));
        assertEquals(checked.size(), kept.size());
        // Each check is due an interval after the last one was kept; the export and the seal's recomputation take
        // virtual time beyond that instant, as the cost model has them.
        final long firstDueNs = validationNs + INTERVAL_NS;
        assertTrue(timeOf(checked.get(0)) > firstDueNs, checked.get(0) + " due at " + firstDueNs);
        assertTrue(timeOf(checked.get(1)) > timeOf(kept.get(0)) + INTERVAL_NS, checked.get(1));
        assertTrue(lines("mm.corruption.detected").isEmpty());
    }

    @Test
    void shouldSkipAPendingApprovalWhenItFindsCorruption()
    {
        final long approvalTimeoutNs = 5 * Simulation.MINUTES;
        final UpdateReport report = update(CORRUPT, policy().rollbackApprovalTimeoutNs(approvalTimeoutNs).build());
        while (lines("mm.rollback-point.kept").isEmpty() && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(Simulation.SECONDS);
        }
        final long askedAtNs = catalogue.kernel.simulation().nowNs();
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            "slower than it should be"));

        catalogue.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals(1, report.rollbacks().size(), "the full rollback waiting for approval was never taken");
        assertEquals(RollbackKind.EMERGENCY, report.rollbacks().get(0).kind());
        assertTrue(report.rollbacks().get(0).atNs() < askedAtNs + approvalTimeoutNs);
        assertFalse(lines("mm.rollback.awaiting-approval").isEmpty());
    }

    @Test
    void shouldCheckTheNewInstancesExportBeforeAFullRollbackMovesAnythingBack()
    {
        final UpdateReport report = update(CORRUPT, policy().rollbackPointIntervalNs(0).build());
        while (catalogue.kernel.simulation().nowNs() < 3 * Simulation.SECONDS + 2 * ARMED_AFTER_NS
            && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(Simulation.SECONDS);
        }
        assertTrue(lines("mm.rollback-point.checked").isEmpty(), "no periodic check with an interval of 0");

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            "operator asked"));
        catalogue.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals(List.of(RollbackKind.FULL, RollbackKind.EMERGENCY),
            report.rollbacks().stream().map(UpdateReport.Rollback::kind).toList());
        assertTrue(lines("service.handback.activate").isEmpty(), "no connection handed back from a corrupt instance");
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(old.serviceId());
        assertEquals(table.openCount(), table.ownedBy(old.endpointId()));
    }
}
