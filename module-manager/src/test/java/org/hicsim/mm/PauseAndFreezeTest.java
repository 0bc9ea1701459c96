package org.hicsim.mm;

import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pause (stop advancing) and freeze (keep the new version, stop migrating): both take effect at the end of the
 * running wave, hold until approved, and are in the report's rollbacks; a frozen update refuses a rollback but an
 * emergency one.
 */
class PauseAndFreezeTest
{
    private static final int CONNECTIONS = 100;

    private final Catalogue catalogue = new Catalogue(7, TraceSink.NONE,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final ServiceInstance old = catalogue.manager.instance("netstack");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(20, 20, 20, 20, 20, 150).withOpenOver(2 * Simulation.SECONDS),
        new NetstackWorkload(CONNECTIONS));

    private UpdateReport updateUntilMigrated(final long migrated)
    {
        workload.start();
        catalogue.advance(5 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
                .build(), done -> { });
        while (report.migrated() < migrated && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(Simulation.MILLIS);
        }
        return report;
    }

    @Test
    void shouldStopAdvancingAtTheWaveBoundaryUntilApproved()
    {
        final UpdateReport report = updateUntilMigrated(5);
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.PAUSE, "migration success below 80%"));
        catalogue.advance(Simulation.MINUTES);
        final long migrated = report.migrated();
        final int waves = report.waves().size();
        catalogue.advance(10 * Simulation.MINUTES);

        assertEquals(UpdateOutcome.IN_PROGRESS, report.outcome());
        assertEquals(migrated, report.migrated(), "nothing moved while paused");
        assertEquals(waves, report.waves().size());
        assertEquals(RollbackKind.PAUSE, report.rollbacks().get(0).kind());
        assertNull(catalogue.manager.approve(catalogue.operator, catalogue.updateCapability, "netstack"));
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertEquals(CONNECTIONS, report.migrated());
    }

    @Test
    void shouldKeepTheNewVersionAndRefuseARollbackWhileFrozen()
    {
        final UpdateReport report = updateUntilMigrated(5);
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.FREEZE, "irreversible state change"));
        catalogue.advance(Simulation.MINUTES);
        final long migrated = report.migrated();
        catalogue.advance(5 * Simulation.MINUTES);

        assertEquals(migrated, report.migrated(), "no connection moved while frozen");
        assertEquals(Refusal.FROZEN, catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability,
            "netstack", "too late"));
        assertEquals("1.3.0", catalogue.manager.instance("netstack").version().toString());
        assertNull(catalogue.manager.approve(catalogue.operator, catalogue.updateCapability, "netstack"));
        catalogue.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertEquals(migrated, report.migrated(), "the rest reconnected to the new version, none moved");
        assertEquals(CONNECTIONS - migrated, report.rebuilt());
    }

    @Test
    void shouldSendTheFailingWaveBackAndKeepTheEarlierWavesThenPause()
    {
        final UpdateReport report = updateUntilMigrated(5);
        while (report.waves().isEmpty() && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(Simulation.MILLIS);
        }
        final long earlier = report.waves().get(0).cumulativeMigrated();
        while (report.migrated() < earlier + 3)
        {
            catalogue.advance(Simulation.MILLIS);
        }

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.PARTIAL, "wave 2 errors"));
        catalogue.advance(Simulation.MINUTES);

        assertEquals(UpdateOutcome.IN_PROGRESS, report.outcome());
        assertEquals(earlier, report.migrated(), "the failing wave's connections went back, the earlier stayed");
        final ServiceInstance next = catalogue.manager.updating("netstack", true);
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(old.serviceId());
        assertEquals(earlier, table.ownedBy(next.endpointId()));
        assertEquals(table.openCount() - earlier, table.ownedBy(old.endpointId()));
        assertTrue(catalogue.kernel.checkInvariants().isEmpty());
        catalogue.advance(10 * Simulation.MINUTES);
        assertEquals(earlier, report.migrated(), "paused");
        assertEquals(RollbackKind.PARTIAL, report.rollbacks().get(0).kind());
        assertEquals(0, workload.lost());
    }

    @Test
    void shouldTakeAnEmergencyRollbackOfAFrozenUpdate()
    {
        final UpdateReport report = updateUntilMigrated(5);
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.FREEZE, "irreversible state change"));
        catalogue.advance(Simulation.MINUTES);

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.EMERGENCY, "corruption risk"));
        catalogue.advanceUntilDone(report, Simulation.MINUTES);

        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(old.serviceId());
        assertEquals(table.openCount(), table.ownedBy(old.endpointId()));
        assertTrue(catalogue.kernel.checkInvariants().isEmpty());
    }
}
