package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.dispatch.RoutingDimension;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.core0.wire.ModuleManagerWire;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A strategy changed while its update runs takes over at the next stage boundary: the stages begun stay, the
 * rest are the new strategy's; the change is journaled, traced and audited, and refused once the last stage has
 * begun.
 */
class StrategyChangeTest
{
    private static final int CONNECTIONS = 200;
    private static final UpdatePolicy QUICK = UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
        .build();

    private final List<String> trace = new ArrayList<>();
    private final Catalogue catalogue = new Catalogue(13, trace::add, "eth_driver-1.2.0", "ipc_lib-2.0.0",
        "netstack-1.2.0");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(40, 40, 40, 40, 40, 100).withOpenOver(Simulation.SECONDS), new NetstackWorkload(CONNECTIONS));

    private UpdateReport start(final Strategy strategy)
    {
        workload.start();
        catalogue.advance(3 * Simulation.SECONDS);
        return catalogue.manager.update(catalogue.operator, catalogue.updateCapability, "netstack", "netstack-1.3.0",
            QUICK.toBuilder().strategy(strategy).build(), report -> { });
    }

    private void advanceUntilWaves(final UpdateReport report, final int waves)
    {
        while (report.waves().size() < waves && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(10 * Simulation.MILLIS);
        }
    }

    private static List<String> waveNames(final UpdateReport report)
    {
        return report.waves().stream().map(UpdateReport.Wave::name).toList();
    }

    @Test
    void shouldRollTheRestByClassWhenACanaryIsChangedToRollingWhilePaused()
    {
        final UpdateReport report = start(Strategy.canary(RoutingDimension.USER, 1, 2, 3));
        advanceUntilWaves(report, 1);

        assertNull(catalogue.manager.changeStrategy(catalogue.operator, catalogue.updateCapability, "netstack",
            Strategy.rolling()));
        catalogue.advance(Simulation.SECONDS);
        assertEquals(List.of("canary"), waveNames(report), "still paused: a change is not an approval");
        assertNull(catalogue.manager.approve(catalogue.operator, catalogue.updateCapability, "netstack"));
        catalogue.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertEquals(List.of("canary", "warm-up", "stable", "critical", "final"), waveNames(report));
        assertEquals(report.connectionsTotal(), report.migrated());
        assertEquals(0, workload.lost());
        assertEquals(1, count("mm.strategy.change"));
        assertEquals(1, count("mm.strategy.applied"));
        assertTrue(catalogue.kernel.audit().records().stream()
            .anyMatch(record -> record.kind().equals("mm.strategy.change")));
        assertTrue(catalogue.kernel.store().fileLength(ModuleManager.JOURNAL_FILE) > 0);
    }

    @Test
    void shouldTakeGradualsNewStepsFromTheNextStageBoundary()
    {
        final UpdateReport report = start(Strategy.gradual(10, 25, 50, 100));
        advanceUntilWaves(report, 1);

        assertNull(catalogue.manager.changeStrategy(catalogue.operator, catalogue.updateCapability, "netstack",
            Strategy.gradual(40, 100)));
        catalogue.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertEquals(List.of("share-10", "share-25", "share-40", "share-100"), waveNames(report),
            "share-25 had begun when the change came; it finishes, then the new steps");
        assertEquals(report.connectionsTotal(), report.migrated());
        assertEquals(0, workload.lost());
    }

    @Test
    void shouldRefuseAChangeOnceTheLastStageHasBegun()
    {
        final UpdateReport report = start(Strategy.immediate());
        while (count("mm.stage") == 0)
        {
            catalogue.advance(Simulation.MILLIS);
        }

        assertEquals(Refusal.STRATEGY_CHANGE_TOO_LATE, catalogue.manager.changeStrategy(catalogue.operator,
            catalogue.updateCapability, "netstack", Strategy.gradual()));
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertEquals(List.of("immediate"), waveNames(report));
        assertEquals(Refusal.UNKNOWN_SERVICE, catalogue.manager.changeStrategy(catalogue.operator,
            catalogue.updateCapability, "netstack", Strategy.rolling()), "no update in progress");
        assertThrows(IllegalArgumentException.class, () -> catalogue.manager.changeStrategy(catalogue.operator,
            catalogue.updateCapability, "netstack", Strategy.rollback()));
    }

    @Test
    void shouldChangeTheStrategyThroughTheEndpointBeforeThePointOfNoReturn()
    {
        final UpdateReport report = start(Strategy.rolling());
        final Message reply = new Message();

        final int status = catalogue.kernel.systemCalls(catalogue.operator).call(catalogue.updateCapability,
            ModuleManagerWire.request(new Message(), ModuleManagerWire.STRATEGY, "netstack",
                Strategy.gradual(50, 100).toString()), reply);
        catalogue.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(Status.OK, status);
        assertEquals(Status.OK, reply.status());
        assertEquals(List.of("share-50", "share-100"), waveNames(report));
        assertEquals(0, workload.lost());
        assertEquals(ModuleManagerWire.MALFORMED, catalogue.kernel.systemCalls(catalogue.operator).call(
            catalogue.updateCapability, ModuleManagerWire.request(new Message(), ModuleManagerWire.STRATEGY,
                "netstack", "big-bang"), reply) == Status.OK ? reply.status() : -1);
    }

    @Test
    void shouldReadBackEveryStrategyAsItIsWritten()
    {
        for (final Strategy strategy : List.of(Strategy.rolling(), Strategy.gradual(40, 100), Strategy.blueGreen(),
            Strategy.canary(RoutingDimension.DEVICE, 2, 5), Strategy.ab(30), Strategy.immediate()))
        {
            assertEquals(strategy, Strategy.parse(strategy.toString()));
        }
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("gradual shares=[a]"));
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("gradual speed=[1]"));
    }

    private long count(final String kind)
    {
        return trace.stream().filter(line -> line.split(" ")[1].equals(kind)).count();
    }
}
