package org.hicsim.mm;

import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast undo: back to a recent rollback point with no analysis, within its bounds and its deadline. */
class FastUndoTest
{
    private final Catalogue catalogue = new Catalogue(3, TraceSink.NONE,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(10, 10, 10, 10, 10, 100).withOpenOver(Simulation.SECONDS), new NetstackWorkload(50));

    private UpdateReport completedUpdate()
    {
        workload.start();
        catalogue.advance(3 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
                .build(), done -> { });
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        return report;
    }

    @Test
    void shouldGoBackToTheLastRollbackPointWithinItsDeadlineAndNoAnalysis()
    {
        final UpdateReport report = completedUpdate();
        final long askedAtNs = catalogue.kernel.simulation().nowNs();

        assertNull(catalogue.manager.fastUndo(catalogue.operator, catalogue.updateCapability, "netstack", 1,
            "operator: fast undo"));
        final UpdateReport back = catalogue.manager.reports().get(catalogue.manager.reports().size() - 1);
        catalogue.advanceUntilDone(back, FastUndo.DEADLINE_NS);

        assertEquals(UpdateOutcome.COMPLETED, back.outcome(), back.toString());
        assertTrue(back.endNs() - askedAtNs <= FastUndo.DEADLINE_NS, "took " + (back.endNs() - askedAtNs));
        assertEquals(-1, back.baselineNewNs(), "no phase-2 analysis");
        assertEquals("1.2.0", catalogue.manager.instance("netstack").version().toString());
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome());
        assertEquals(RollbackKind.FAST_UNDO, report.rollbacks().get(0).kind());
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(
            catalogue.manager.instance("netstack").serviceId());
        assertEquals(table.openCount(), table.ownedBy(catalogue.manager.instance("netstack").endpointId()));
        assertEquals(0, workload.lost());
    }

    @Test
    void shouldRefuseAFastUndoOlderThanItsBounds()
    {
        completedUpdate();
        catalogue.advance(FastUndo.AGE_MAX_NS + Simulation.SECONDS);

        assertEquals(Refusal.NO_ROLLBACK_POINT, catalogue.manager.fastUndo(catalogue.operator,
            catalogue.updateCapability, "netstack", 1, "too late"));
        assertEquals(Refusal.NO_ROLLBACK_POINT, catalogue.manager.fastUndo(catalogue.operator,
            catalogue.updateCapability, "netstack", FastUndo.REVISIONS_MAX + 1, "too far back"));
    }
}
