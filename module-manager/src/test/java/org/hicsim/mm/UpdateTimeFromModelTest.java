package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The update's time follows from the model: a slower store, a costlier sandbox creation or a slower migration
 * rate makes the phases that use them longer, and nothing else changes the outcome.
 */
class UpdateTimeFromModelTest
{
    private static final UpdatePolicy POLICY = UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
        .build();

    private static UpdateReport update(final CostTable costs, final UpdatePolicy policy)
    {
        final Catalogue catalogue = new Catalogue(KernelConfig.withSeed(21).withCosts(costs), TraceSink.NONE,
            "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
        catalogue.workload("netstack", WorkloadSpec.of(0, 100, 100, 100, 0, 50), new NetstackWorkload(300)).start();
        catalogue.advance(2 * Simulation.SECONDS);
        final List<UpdateReport> done = new ArrayList<>();
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", policy, done::add);
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        return report;
    }

    private static long phase(final UpdateReport report, final String name)
    {
        final UpdateReport.PhaseSpan span = report.phases().stream().filter(p -> p.name().equals(name)).findFirst()
            .orElseThrow();
        return span.endNs() - span.startNs();
    }

    @Test
    void shouldTakeLongerToMigrateWithAQuarterOfTheStoresBandwidth()
    {
        final CostTable costs = CostTable.defaults();
        final long normal = phase(update(costs, POLICY), "migration");
        final long slowStore = phase(update(costs.with(Cost.STORE_BANDWIDTH, costs.value(Cost.STORE_BANDWIDTH) / 4),
            POLICY), "migration");

        assertTrue(slowStore > normal, "normal=" + normal + " slowStore=" + slowStore);
    }

    @Test
    void shouldTakeLongerToMakeTheNewInstanceWhenASandboxCostsMore()
    {
        final CostTable costs = CostTable.defaults();
        final long normal = phase(update(costs, POLICY), "new-instance");
        final long costly = phase(update(costs.with(Cost.SANDBOX_CREATE, 20 * costs.sandboxCreateNs()), POLICY),
            "new-instance");

        assertTrue(costly > normal + 10 * costs.sandboxCreateNs(), "normal=" + normal + " costly=" + costly);
    }

    @Test
    void shouldTakeTwiceAsLongToMoveConnectionsAtHalfTheRate()
    {
        final long normal = phase(update(CostTable.defaults(), POLICY), "migration");
        final long halfRate = phase(update(CostTable.defaults(), POLICY.toBuilder().migrationsPerSecondMax(50).build()),
            "migration");

        assertTrue(halfRate > 1.9 * normal, "normal=" + normal + " halfRate=" + halfRate);
    }
}
