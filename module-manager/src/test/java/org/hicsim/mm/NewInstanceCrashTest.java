package org.hicsim.mm;

import java.util.function.BooleanSupplier;

import org.hicsim.core0.dispatch.RoutingDimension;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HIC 4.1, failure level 1: an update's new instance that crashes (Core-0 reports its sandbox dead) is answered by
 * the Module Manager at once, whatever the strategy and the stage: the update is abandoned and the old instance
 * kept, with every connection and the registry's default back on it. Before the point of no return it is a clean
 * abort; after it, the emergency rollback (the dead instance has no state to export).
 */
class NewInstanceCrashTest
{
    private static final int CONNECTIONS = 100;

    private final Catalogue catalogue = new Catalogue(7, TraceSink.NONE,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final ServiceInstance old = catalogue.manager.instance("netstack");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(20, 20, 20, 20, 20, 150).withOpenOver(2 * Simulation.SECONDS),
        new NetstackWorkload(CONNECTIONS));

    private static Strategy strategy(final String name)
    {
        return switch (name)
        {
            case "ab" -> Strategy.ab(30);
            case "canary" -> Strategy.canary(RoutingDimension.USER, 1, 2, 3, 4, 5);
            case "gradual" -> Strategy.gradual(20, 100);
            default -> Strategy.parse(name);
        };
    }

    private UpdateReport update(final Strategy strategy)
    {
        workload.start();
        catalogue.advance(5 * Simulation.SECONDS);
        return catalogue.manager.update(catalogue.operator, catalogue.updateCapability, "netstack", "netstack-1.3.0",
            UpdatePolicy.DEFAULT.toBuilder().strategy(strategy).stabilityPeriodNs(Simulation.MINUTES).build(),
            done -> { });
    }

    private void advanceUntil(final BooleanSupplier condition, final UpdateReport report)
    {
        while (!condition.getAsBoolean() && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(Simulation.MICROS);
        }
        assertEquals(UpdateOutcome.IN_PROGRESS, report.outcome(), report.toString());
    }

    /** Kills the update's new instance as a fault in its code would, and lets a millisecond pass. */
    private long crashNewInstance()
    {
        final long crashNs = catalogue.kernel.simulation().nowNs();
        catalogue.kernel.sandboxes().kill(catalogue.manager.updating("netstack", true).sandboxId(), "crash: test");
        catalogue.advance(Simulation.MILLIS);
        return crashNs;
    }

    private void assertEverythingBackOnTheOldInstance(final UpdateReport report, final long crashNs)
    {
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertTrue(report.endNs() - crashNs < Simulation.MILLIS, "answered at once: " + report);
        assertEquals(RollbackKind.EMERGENCY, report.rollbacks().get(0).kind());
        assertTrue(report.rollbacks().get(0).reason().startsWith("the new instance crashed"), report.toString());
        assertEquals(old, catalogue.manager.instance("netstack"));
        assertEquals(old.endpointId(), catalogue.kernel.registry().resolve("netstack/" + ServiceHost.INTERFACE));
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(old.serviceId());
        assertEquals(table.openCount(), table.ownedBy(old.endpointId()), "every connection on the old instance");
        assertTrue(catalogue.kernel.checkInvariants().isEmpty());
        assertEquals(0, report.lost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "canary", "blue-green", "gradual", "rolling", "immediate"})
    void shouldRollBackAtOnceWhenTheNewInstanceCrashesWhileMoving(final String name)
    {
        final UpdateReport report = update(strategy(name));
        advanceUntil(() -> report.migrated() >= 1, report);

        assertEverythingBackOnTheOldInstance(report, crashNewInstance());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "canary"})
    void shouldRollBackAtOnceWhenTheNewInstanceCrashesWhileItsStageWaitsForADecision(final String name)
    {
        final UpdateReport report = update(strategy(name));
        advanceUntil(() -> !report.waves().isEmpty(), report);
        catalogue.advance(10 * Simulation.SECONDS);

        assertEverythingBackOnTheOldInstance(report, crashNewInstance());
    }

    @Test
    void shouldRollBackAtOnceWhenTheNewInstanceCrashesInTheStabilityPeriod()
    {
        final UpdateReport report = update(Strategy.blueGreen());
        advanceUntil(() -> report.phases().stream().anyMatch(phase -> phase.name().equals("migration")), report);
        catalogue.advance(10 * Simulation.SECONDS);

        assertEverythingBackOnTheOldInstance(report, crashNewInstance());
    }

    @Test
    void shouldAbortWhenTheNewInstanceCrashesBeforeThePointOfNoReturn()
    {
        final UpdateReport report = update(Strategy.rolling());
        advanceUntil(() -> catalogue.manager.updating("netstack", true) != null, report);
        final long crashNs = crashNewInstance();

        assertEquals(UpdateOutcome.ABORTED, report.outcome(), report.toString());
        assertEquals(Refusal.CRASHED_ON_START, report.refusal());
        assertTrue(report.endNs() - crashNs < Simulation.MILLIS, report.toString());
        assertTrue(report.rollbacks().isEmpty());
        assertEquals(old, catalogue.manager.instance("netstack"));
        assertEquals(0, report.migrated());
        catalogue.advance(Simulation.MINUTES);
        assertEquals(0, workload.lost());
        assertEquals(0, workload.errors(), "the old instance served throughout");
    }
}
