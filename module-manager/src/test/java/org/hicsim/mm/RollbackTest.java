package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.dispatch.Dispatcher;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackProtocol;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rollback on request after the point of no return (HIC 4.3, steps 5.2-5.4): every migrated connection goes
 * back to the old instance, critical ones first, the endpoint back within the document's 100 ms, the new
 * instance shut down, and the clients lose nothing.
 */
class RollbackTest
{
    private static final int CONNECTIONS = 200;

    private final Catalogue catalogue = new Catalogue(11, TraceSink.NONE,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final ServiceInstance old = catalogue.manager.instance("netstack");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(40, 40, 40, 40, 40, 150).withOpenOver(2 * Simulation.SECONDS),
        new NetstackWorkload(CONNECTIONS));
    private final List<UpdateReport> done = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();

    private UpdateReport updateUntilMigrated(final long migrated)
    {
        workload.start();
        catalogue.advance(5 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT, done::add);
        while (report.migrated() < migrated && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(10 * Simulation.MILLIS);
        }
        return report;
    }

    @Test
    void shouldPutEveryConnectionBackOnTheOldInstanceWithNothingLost()
    {
        final UpdateReport report = updateUntilMigrated(CONNECTIONS / 2);
        final Sandbox next = catalogue.kernel.sandboxes().get(catalogue.kernel.sandboxes().idOf("netstack-v1.3.0-1"));
        assertTrue(next.isAlive());

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            "operator asked"));
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        catalogue.advance(10 * Simulation.SECONDS);

        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals(0, report.migrated());
        assertEquals(0, report.lost());
        final int serviceId = old.serviceId();
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(serviceId);
        assertEquals(table.openCount(), table.ownedBy(old.endpointId()));
        assertEquals(old, catalogue.manager.instance("netstack"));
        assertEquals(old.endpointId(), catalogue.kernel.registry().resolve("netstack/" + ServiceHost.INTERFACE));
        assertFalse(next.isAlive());
        assertTrue(report.memoryReleasedBytes() > 0);
        assertEquals(0, workload.lost());
        assertEquals(0, workload.errors(), "the clients saw no error");
    }

    @Test
    void shouldHaveTheClientsOfConnectionsOpenedOnTheNewInstanceReconnectToTheOldOne()
    {
        // Clients that close and open their connections again: some open on the new instance during the update.
        final Workload churning = catalogue.workload("netstack", WorkloadSpec.of(40, 40, 40, 40, 40, 150)
            .withOpenOver(2 * Simulation.SECONDS).withMeanLifetime(20 * Simulation.SECONDS),
            new NetstackWorkload(CONNECTIONS));
        churning.start();
        catalogue.advance(5 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT, done::add);
        while (report.migrated() < CONNECTIONS / 2 && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(10 * Simulation.MILLIS);
        }
        final ServiceInstance next = catalogue.manager.updating("netstack", true);
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            "operator asked"));
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertTrue(report.rebuilt() > 0, "some opened on the new instance: " + report);
        final long unknownAtRollbackEnd = churning.errors(Dispatcher.UNKNOWN_CONNECTION);
        catalogue.advance(5 * Simulation.SECONDS);
        final long failuresSettled = failuresButReopenings(churning);

        catalogue.advance(30 * Simulation.SECONDS);

        assertFalse(next.isAlive());
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(old.serviceId());
        assertEquals(0, table.ownedBy(next.endpointId()), "none left with the instance gone");
        assertEquals(table.openCount(), table.ownedBy(old.endpointId()));
        assertEquals(0, churning.errors(SystemCalls.IPC_NO_ENDPOINT), "no request sent to the instance gone");
        assertTrue(churning.errors(Dispatcher.UNKNOWN_CONNECTION) - unknownAtRollbackEnd <= report.rebuilt(),
            "each client found its connection gone once");
        assertEquals(failuresSettled, failuresButReopenings(churning), "no request fails once the clients reconnected");
    }

    /**
     * Failed requests but those that make a client open again: "unknown connection" (counted on its own), and the
     * opens refused because the connection closed just before still holds its 5-tuple for its FIN's round trip (a
     * churning workload gets those with or without an update).
     */
    private static long failuresButReopenings(final Workload workload)
    {
        return workload.errors() - workload.errors(Dispatcher.UNKNOWN_CONNECTION)
            - workload.errors(NetstackProtocol.CONNECTION_EXISTS);
    }

    @Test
    void shouldKeepAtMostTheInFlightWindowOfMovesBackScheduled()
    {
        final UpdateReport report = updateUntilMigrated(CONNECTIONS / 2);
        final Simulation simulation = catalogue.kernel.simulation();
        final int pendingBefore = simulation.pendingEvents();

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            "operator asked"));
        int pendingMax = 0;
        while (report.outcome() == UpdateOutcome.IN_PROGRESS && simulation.step())
        {
            pendingMax = Math.max(pendingMax, simulation.pendingEvents());
        }

        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals(0, report.lost());
        // Scheduled all at once, the moves back of the ~100 moved connections would be ~100 events more.
        assertTrue(pendingMax - pendingBefore < CONNECTIONS / 10, "pendingBefore=" + pendingBefore
            + " pendingMax=" + pendingMax);
    }

    @Test
    void shouldCancelCleanlyBeforeThePointOfNoReturn()
    {
        workload.start();
        catalogue.advance(5 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT, done::add);
        catalogue.advance(100 * Simulation.MICROS);

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            "changed my mind"));
        catalogue.advance(Simulation.SECONDS);

        assertEquals(UpdateOutcome.ABORTED, report.outcome(), report.toString());
        assertEquals(Refusal.CANCELLED, report.refusal());
        assertTrue(old.isAlive());
        assertEquals(0, workload.errors());
    }

    @Test
    void shouldRefuseARollbackWithNoUpdateToUndo()
    {
        assertEquals(Refusal.UNKNOWN_SERVICE, catalogue.manager.rollback(catalogue.operator,
            catalogue.updateCapability, "netstack", "nothing to undo"));
    }
}
