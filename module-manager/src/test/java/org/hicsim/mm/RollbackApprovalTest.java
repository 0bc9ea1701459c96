package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.audit.AuditRecord;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A policy that asks for approval of a rollback: it waits for one, at most its timeout; an emergency never waits. */
class RollbackApprovalTest
{
    private static final long TIMEOUT_NS = 5 * Simulation.MINUTES;

    private final Catalogue catalogue = new Catalogue(9, TraceSink.NONE,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(10, 10, 10, 10, 10, 100).withOpenOver(Simulation.SECONDS), new NetstackWorkload(50));

    private UpdateReport updateUntilMigrated(final long migrated)
    {
        workload.start();
        catalogue.advance(3 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT.toBuilder().rollbackApprovalTimeoutNs(TIMEOUT_NS)
                .migrationsPerSecondMax(1).build(), done -> { });
        while (report.migrated() < migrated && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(Simulation.MILLIS);
        }
        return report;
    }

    @Test
    void shouldWaitForApprovalThenRollBackAtTheDeadlineWhenNobodyAnswers()
    {
        final UpdateReport report = updateUntilMigrated(2);
        final long askedAtNs = catalogue.kernel.simulation().nowNs();
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack", "slow"));
        catalogue.advance(TIMEOUT_NS - Simulation.SECONDS);
        assertTrue(report.rollbacks().isEmpty(), "still waiting");

        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals(askedAtNs + TIMEOUT_NS, report.rollbacks().get(0).atNs());
        assertTrue(audited("mm.rollback.approved", "how=approval_timed_out"));
    }

    @Test
    void shouldRollBackAtOnceWhenApproved()
    {
        final UpdateReport report = updateUntilMigrated(2);
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack", "slow"));
        catalogue.advance(Simulation.SECONDS);
        final long approvedAtNs = catalogue.kernel.simulation().nowNs();
        assertNull(catalogue.manager.approve(catalogue.operator, catalogue.updateCapability, "netstack"));

        assertEquals(approvedAtNs, report.rollbacks().get(0).atNs());
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertTrue(audited("mm.rollback.approved", "how=approved"));
    }

    @Test
    void shouldNeverWaitForApprovalOfAnEmergencyRollback()
    {
        final UpdateReport report = updateUntilMigrated(2);
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack", "slow"));
        final long askedAtNs = catalogue.kernel.simulation().nowNs();
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.EMERGENCY, "corruption risk"));

        assertEquals(askedAtNs, report.rollbacks().get(0).atNs());
        catalogue.advanceUntilDone(report, Simulation.MINUTES);
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals(RollbackKind.EMERGENCY, report.rollbacks().get(0).kind());
    }

    private boolean audited(final String kind, final String detail)
    {
        final List<AuditRecord> records = new ArrayList<>(catalogue.kernel.audit().records());
        return records.stream().anyMatch(record -> record.kind().equals(kind) && record.detail().contains(detail));
    }
}
