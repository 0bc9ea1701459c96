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
 * The update's time follows from the model: a slower store, a costlier sandbox creation, a slower migration
 * rate or a smaller CPU quota for the new instance makes the phases that use them longer, and nothing else changes
 * the outcome.
 */
class UpdateTimeFromModelTest
{
    private static final UpdatePolicy POLICY = UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
        .build();

    private static UpdateReport update(final CostTable costs, final UpdatePolicy policy)
    {
        return update(costs, policy, WorkloadSpec.of(0, 100, 100, 100, 0, 50), TraceSink.NONE);
    }

    private static UpdateReport update(final CostTable costs, final UpdatePolicy policy, final WorkloadSpec load,
        final TraceSink trace)
    {
        final Catalogue catalogue = new Catalogue(KernelConfig.withSeed(21).withCosts(costs), trace,
            "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
        catalogue.workload("netstack", load, new NetstackWorkload(load.totalConnections())).start();
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

    /**
     * The new instance imports the snapshot and exports it again for the round trip under its own CPU quota: with
     * half of it, once that work outlasts a period's share, the import takes about twice as long, and so does the
     * migration phase's part before the first connection moves.
     */
    @Test
    void shouldTakeLongerToImportTheStateWithHalfTheNewInstancesCpuQuota()
    {
        final WorkloadSpec load = WorkloadSpec.of(0, 3_000, 0, 0, 0, 50).withOpenOver(Simulation.SECONDS);
        // A 2% instance answers its connection probes more than 10 ms later than the old one: the check that hands
        // those connections back is not what this test measures.
        final UpdatePolicy fast = POLICY.toBuilder().migrationsPerSecondMax(10_000)
            .firstRequestLatencyIncreaseMaxNs(Simulation.SECONDS).build();
        final List<String> fullTrace = new ArrayList<>();
        final List<String> halfTrace = new ArrayList<>();
        final UpdateReport full = update(CostTable.defaults(), fast.toBuilder().newInstanceCpuQuotaPercent(4).build(),
            load, fullTrace::add);
        final UpdateReport half = update(CostTable.defaults(), fast.toBuilder().newInstanceCpuQuotaPercent(2).build(),
            load, halfTrace::add);

        final long fullImport = span(fullTrace, "mm.snapshot.stored", "mm.round-trip");
        final long halfImport = span(halfTrace, "mm.snapshot.stored", "mm.round-trip");
        assertTrue(halfImport > 1.6 * fullImport, "full=" + fullImport + " half=" + halfImport);
        assertTrue(phase(half, "migration") > phase(full, "migration") + (halfImport - fullImport) / 2,
            "full=" + phase(full, "migration") + " half=" + phase(half, "migration"));
        assertEquals(full.migrated(), half.migrated());
        assertEquals(0, half.failed(), half.toString());
        assertTrue(fullTrace.stream().anyMatch(line -> line.contains(" mm.instance ")
            && line.contains("cpuQuotaPercent=4")));
    }

    /**
     * At 10,000 moves a second a 2% instance cannot keep up: with one move in flight at a time the next waits for
     * the last to settle, so every connection moves; with the whole stage in flight at once the moves pile up in
     * the new instance until it refuses some, which are handed back and, after their retries, fail.
     */
    @Test
    void shouldMoveEveryConnectionWhenTheNewInstanceCannotFollowTheRate()
    {
        final WorkloadSpec load = WorkloadSpec.of(0, 3_000, 0, 0, 0, 50).withOpenOver(Simulation.SECONDS);
        final UpdatePolicy tooFast = POLICY.toBuilder().migrationsPerSecondMax(10_000).newInstanceCpuQuotaPercent(2)
            .firstRequestLatencyIncreaseMaxNs(Simulation.SECONDS).build();

        final UpdateReport bounded = update(CostTable.defaults(), tooFast, load, TraceSink.NONE);
        final UpdateReport unbounded = update(CostTable.defaults(),
            tooFast.toBuilder().migrationsInFlightMax(3_000).build(), load, TraceSink.NONE);

        assertEquals(3_000, bounded.migrated(), bounded.toString());
        assertEquals(0, bounded.failed(), bounded.toString());
        assertTrue(unbounded.failed() > 0, unbounded.toString());
        assertTrue(phase(bounded, "migration") > 3_000 * tooFast.migrationIntervalNs(), bounded.toString());
    }

    /** Virtual time from the first trace line of one kind to the first of another after it. */
    private static long span(final List<String> trace, final String from, final String to)
    {
        final long fromNs = timeOf(trace, from, 0);
        return timeOf(trace, to, fromNs) - fromNs;
    }

    private static long timeOf(final List<String> trace, final String kind, final long notBeforeNs)
    {
        for (final String line : trace)
        {
            final String[] parts = line.split(" ", 3);
            final long atNs = Long.parseLong(parts[0].substring(2));
            if (parts[1].equals(kind) && atNs >= notBeforeNs)
            {
                return atNs;
            }
        }
        throw new AssertionError("no " + kind + " in the trace");
    }
}
