package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HIC document's example, end to end: netstack 1.2.0 to 1.3.0 with 1,000 connections (300 idle or low, 300
 * medium, 300 high, 100 persistent) under load, eth_driver 1.1.0 updated to 1.2.0 first because netstack 1.3.0
 * needs it.
 */
class NetstackRollingUpdateTest
{
    private static final double RATE = 200;

    private final Catalogue catalogue = new Catalogue(42, TraceSink.NONE,
        "eth_driver-1.1.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(150, 150, 300, 300, 100, RATE).withOpenOver(5 * Simulation.SECONDS),
        new NetstackWorkload(1000));
    private final List<UpdateReport> done = new ArrayList<>();

    private UpdateReport update(final UpdatePolicy policy)
    {
        workload.start();
        catalogue.advance(10 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", policy, done::add);
        catalogue.advanceUntilDone(report, 3 * Simulation.HOURS);
        return report;
    }

    @Test
    void shouldUpdateEthDriverFirstThenMoveEveryConnectionInFourWaves()
    {
        final UpdateReport report = update(UpdatePolicy.DEFAULT.toBuilder()
            .stabilityPeriodNs(Simulation.MINUTES).build());

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        final List<UpdateReport> all = catalogue.manager.reports();
        assertEquals("eth_driver", all.get(1).service());
        assertEquals(UpdateOutcome.COMPLETED, all.get(1).outcome(), all.get(1).toString());
        assertEquals("1.2.0", catalogue.manager.versions().get("eth_driver"));
        assertEquals("1.3.0", catalogue.manager.versions().get("netstack"));
        assertEquals(1000, report.connectionsTotal());
        assertEquals(1000, report.migrated());
        assertEquals(0, report.lost());
        assertEquals(0, report.failed());
        assertEquals(0, report.verificationFailed(), "every sequence continued");
        assertEquals(1, report.channelsOpened(), "state crossed one migration channel");
        assertEquals(0, report.channelRefused());
        assertEquals(4, report.waves().size());
        final double[] expected = {0.3, 0.6, 0.9, 1.0};
        for (int i = 0; i < 4; i++)
        {
            assertEquals(expected[i], report.waves().get(i).cumulativeFraction(), 1e-9, report.waves().toString());
        }
        assertEquals(0, workload.lost());
        assertEquals(0, workload.errors(), "workload errors");
    }

    @Test
    void shouldReportEveryPhaseUpToTheEndOfTheStabilityPeriod()
    {
        final UpdateReport report = update(UpdatePolicy.DEFAULT.toBuilder()
            .stabilityPeriodNs(Simulation.MINUTES).build());

        assertEquals(List.of("preparation", "new-instance", "migration", "validation"),
            report.phases().stream().map(UpdateReport.PhaseSpan::name).toList());
        final UpdateReport.PhaseSpan validation = report.phases().get(3);
        assertEquals(report.phases().get(2).endNs(), validation.startNs());
        assertEquals(report.endNs(), validation.endNs());
        assertTrue(validation.endNs() - validation.startNs() >= Simulation.MINUTES, validation.toString());
    }

    @Test
    void shouldTakeAtLeastTenSecondsToMoveAThousandConnectionsAtAHundredASecond()
    {
        final UpdateReport report = update(UpdatePolicy.DEFAULT.toBuilder()
            .stabilityPeriodNs(Simulation.MINUTES).build());

        final UpdateReport.PhaseSpan migration = report.phases().stream()
            .filter(phase -> phase.name().equals("migration")).findFirst().orElseThrow();
        assertTrue(migration.endNs() - migration.startNs() >= 10 * Simulation.SECONDS, migration.toString());
        assertTrue(report.downtimeNs() > 0, "a connection's requests are held while it moves");
        assertTrue(report.switchoverNs() > 0);
    }
}
