package org.hicsim.mm;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rollback asked for at any step of a full update of a small netstack (40 connections): the steps are the
 * Module Manager's traced acts and the dispatch table's changes ({@code mm.*} and {@code dispatch.*} lines: each
 * freeze, assign and thaw of each connection's move) from the update request to its end, counted on a reference
 * run of the same seed (up to the last one seen while it was still in progress); the rollback is asked for at the
 * first look (every 20 us of virtual time) after the chosen one. Whatever the step, the run ends
 * with every connection on the old instance, none owned twice (Core-0's invariants), the old instance the
 * registry's default, and the clients' sequence and byte counters continuous: no request lost or answered wrong.
 */
class RollbackAtEveryStepPropertiesTest
{
    private static final int CONNECTIONS = 40;
    private static final long SEED = 17;
    private static final int PERMILLE = 1000;
    private static int stepsOfAFullUpdate = -1;

    /** One run: counts the Module Manager's acts, and asks for the rollback after the {@code at}-th (never if -1). */
    private static final class Run
    {
        private int steps;
        /** The steps seen at the last look that found the update still in progress. */
        private int stepsInProgress;
        private final Catalogue catalogue = new Catalogue(SEED, line ->
        {
            if (line.contains(" mm.") || line.contains(" dispatch."))
            {
                steps++;
            }

        }, "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
        private final ServiceInstance old = catalogue.manager.instance("netstack");
        private final Workload workload = catalogue.workload("netstack",
            WorkloadSpec.of(8, 8, 8, 8, 8, 100).withOpenOver(Simulation.SECONDS), new NetstackWorkload(CONNECTIONS));

        UpdateReport run(final int at)
        {
            workload.start();
            catalogue.advance(3 * Simulation.SECONDS);
            steps = 0;
            final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
                "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
                    .build(), done -> { });
            boolean asked = false;
            while (report.outcome() == UpdateOutcome.IN_PROGRESS)
            {
                catalogue.advance(20 * Simulation.MICROS);
                if (report.outcome() == UpdateOutcome.IN_PROGRESS)
                {
                    stepsInProgress = steps;
                }
                if (!asked && at >= 0 && steps >= at && report.outcome() == UpdateOutcome.IN_PROGRESS)
                {
                    asked = true;
                    assertEquals(null, catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability,
                        "netstack", "property: rollback at step " + at));
                }
            }
            // A rollback asked for while the update committed undoes it from its rollback point once it completed.
            for (int waited = 0; report.outcome() == UpdateOutcome.COMPLETED && waited < 60; waited++)
            {
                catalogue.advance(Simulation.SECONDS);
            }
            catalogue.advance(5 * Simulation.SECONDS);
            return report;
        }
    }

    private static synchronized int stepsOfAFullUpdate()
    {
        if (stepsOfAFullUpdate < 0)
        {
            final Run reference = new Run();
            final UpdateReport report = reference.run(-1);
            assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
            stepsOfAFullUpdate = reference.stepsInProgress;
        }
        return stepsOfAFullUpdate;
    }

    @Property(tries = 40)
    void aRollbackAtAnyStepEndsWithEveryConnectionOnTheOldInstanceIntact(
        @ForAll @IntRange(min = 0, max = PERMILLE - 1) final int permille)
    {
        final int at = (int)((long)permille * (stepsOfAFullUpdate() + 1) / PERMILLE);
        final Run run = new Run();
        final UpdateReport report = run.run(at);

        assertTrue(report.outcome() == UpdateOutcome.ROLLED_BACK || report.outcome() == UpdateOutcome.ABORTED,
            "step " + at + ": " + report);
        // The old instance itself, or, once the update had committed (its old instance reclaimed), the old version
        // loaded again from the rollback point.
        final ServiceInstance serving = run.catalogue.manager.instance("netstack");
        assertTrue(serving == run.old || !run.old.isAlive(), "step " + at);
        assertEquals("1.2.0", serving.version().toString());
        final ServiceConnections table = run.catalogue.kernel.dispatcher().connections(serving.serviceId());
        assertEquals(table.openCount(), table.ownedBy(serving.endpointId()), "step " + at + ": " + report);
        assertEquals(serving.endpointId(), run.catalogue.kernel.registry().resolve("netstack/"
            + ServiceHost.INTERFACE));
        assertTrue(serving.isAlive());
        assertTrue(run.catalogue.kernel.checkInvariants().isEmpty(), run.catalogue.kernel.checkInvariants()
            .toString());
        assertEquals(0, report.lost(), "step " + at);
        assertEquals(0, run.workload.lost(), "step " + at + ": the clients lost nothing");
        assertEquals(0, run.workload.errors(), "step " + at + ": every answer continued its connection's counters");
    }
}
