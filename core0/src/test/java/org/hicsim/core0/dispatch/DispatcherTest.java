package org.hicsim.core0.dispatch;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.audit.AuditRecord;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.request.RequestFixture;
import org.hicsim.core0.request.RequestPath;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dual-active phase of HIC 3.4 on the dispatch table: migrated and new connections at the new instance, the
 * rest at the old one, a frozen connection's requests held and handed on in order.
 */
class DispatcherTest
{
    private static final int CONNECTIONS = 10;

    private final RequestFixture fixture = new RequestFixture(5, TraceSink.NONE);
    private final ConnectionServers servers = new ConnectionServers(fixture);
    private final int oldServer = fixture.sandbox("net-v1.0.0", 100);
    private final int newServer = fixture.sandbox("net-v1.1.0", 100);
    private final int oldEndpoint = fixture.serve(oldServer, "net", "1.0.0", servers.server(oldServer, 1000));
    private final int newEndpoint = fixture.serve(newServer, "net", "1.1.0", servers.server(newServer, 5000));
    private final int client = fixture.sandbox("client", 100);
    private final int manager = fixture.sandbox("module-manager", 100);
    private final long service = fixture.callCapability(client, "net");
    private final long dispatch = fixture.dispatchCapability(manager, "net");
    private final int serviceId = fixture.serviceIdOf("net");
    private final RequestPath.Client requests = fixture.recordingClient(client);
    private final Dispatcher dispatcher = fixture.kernel.dispatcher();
    private final List<Long> connections = new ArrayList<>();

    DispatcherTest()
    {
        for (int i = 0; i < CONNECTIONS; i++)
        {
            fixture.kernel.requests().open(requests, service, new Message().operation(ConnectionServers.OPEN), i, i, i);
        }
        fixture.runFor(Simulation.MILLIS);
        for (final long[] reply : fixture.replies)
        {
            assertEquals(Status.OK, reply[1]);
            connections.add(reply[3]);
        }
        fixture.replies.clear();
    }

    private void migrate(final long connectionId)
    {
        assertEquals(DispatchState.FROZEN, dispatcher.freeze(manager, dispatch, serviceId, connectionId, (s, c) -> { }));
        assertEquals(Dispatcher.OK, dispatcher.assign(manager, dispatch, serviceId, connectionId, newEndpoint,
            dispatcher.connections(serviceId).instanceConnectionId(connectionId)));
    }

    private void send(final long connectionId, final long sequence)
    {
        fixture.kernel.requests().call(requests, service, connectionId, ConnectionServers.data(sequence), sequence);
    }

    @Test
    void shouldOpenEveryConnectionOnTheDefaultInstance()
    {
        assertEquals(CONNECTIONS, dispatcher.connections(serviceId).ownedBy(oldEndpoint));
        assertEquals(0, dispatcher.connections(serviceId).ownedBy(newEndpoint));
    }

    @Test
    void shouldServeAMigratedConnectionAtTheNewInstanceAndTheRestAtTheOldAtTheSameInstant()
    {
        for (int i = 0; i < CONNECTIONS / 2; i++)
        {
            migrate(connections.get(i));
        }
        final long oldBefore = fixture.kernel.sandboxes().get(oldServer).metrics().requests();
        final long newBefore = fixture.kernel.sandboxes().get(newServer).metrics().requests();

        send(connections.get(0), 1);
        send(connections.get(CONNECTIONS - 1), 2);
        fixture.runFor(Simulation.MILLIS);

        assertEquals(newBefore + 1, fixture.kernel.sandboxes().get(newServer).metrics().requests());
        assertEquals(oldBefore + 1, fixture.kernel.sandboxes().get(oldServer).metrics().requests());
        assertEquals(newServer, fixture.replies.get(0)[4]);
        assertEquals(oldServer, fixture.replies.get(1)[4]);
    }

    @Test
    void shouldHoldAFrozenConnectionsRequestsWhileOthersAreServedThenHandThemOnInOrder()
    {
        final long frozen = connections.get(0);
        final long other = connections.get(1);
        assertEquals(DispatchState.FROZEN, dispatcher.freeze(manager, dispatch, serviceId, frozen, (s, c) -> { }));
        send(frozen, 1);
        send(frozen, 2);
        send(other, 3);
        fixture.runFor(Simulation.MILLIS);

        assertEquals(1, fixture.replies.size());
        assertEquals(3, fixture.replies.get(0)[0]);
        assertEquals(2, fixture.kernel.requests().heldCount());

        assertEquals(Dispatcher.OK, dispatcher.assign(manager, dispatch, serviceId, frozen, newEndpoint, 77));
        fixture.runFor(Simulation.MILLIS);

        assertEquals(3, fixture.replies.size());
        assertEquals(1, fixture.replies.get(1)[0]);
        assertEquals(2, fixture.replies.get(2)[0]);
        assertEquals(newServer, fixture.replies.get(1)[4]);
        assertTrue(fixture.replies.get(1)[2] >= Simulation.MILLIS, "the held request's wait is in its latency");
        assertEquals(List.of(77L, 77L), servers.served.stream().filter(s -> s[0] == newServer).map(s -> s[1]).toList());
    }

    @Test
    void shouldFreezeOnlyOnceTheRequestsInFlightAreServed()
    {
        final long connection = connections.get(0);
        final List<Long> frozenAt = new ArrayList<>();
        send(connection, 1);

        final int state = dispatcher.freeze(manager, dispatch, serviceId, connection,
            (s, c) -> frozenAt.add(fixture.kernel.simulation().nowNs()));
        fixture.runFor(Simulation.MILLIS);

        assertEquals(DispatchState.FREEZING, state);
        assertEquals(1, frozenAt.size());
        assertEquals(DispatchState.FROZEN, dispatcher.connections(serviceId).state(connection));
        assertEquals(1, servers.served.size());
        assertTrue(frozenAt.get(0) > 0);
    }

    @Test
    void shouldSendNewConnectionsWhereTheRuleSaysAndKeepTheirKeys()
    {
        assertEquals(Dispatcher.OK, dispatcher.rule(manager, dispatch, serviceId, NewConnectionRule.all(newEndpoint)));

        fixture.kernel.requests().open(requests, service, new Message().operation(ConnectionServers.OPEN), 42, 7, 99);
        fixture.runFor(Simulation.MILLIS);

        final long opened = fixture.replies.get(0)[3];
        assertEquals(newEndpoint, dispatcher.connections(serviceId).owner(opened));
        assertEquals(42, dispatcher.connections(serviceId).userKey(opened));
        assertEquals(7, dispatcher.connections(serviceId).deviceKey(opened));
    }

    @Test
    void shouldSendRequestsThatNameNoConnectionToTheRegistryDefault()
    {
        for (int i = 0; i < CONNECTIONS; i++)
        {
            migrate(connections.get(i));
        }

        fixture.kernel.requests().call(requests, service, Message.NO_CONNECTION, ConnectionServers.data(1), 1);
        fixture.runFor(Simulation.MILLIS);
        fixture.kernel.registry().switchDefault("net", "api", new SemanticVersion(1, 1, 0));
        fixture.kernel.requests().call(requests, service, Message.NO_CONNECTION, ConnectionServers.data(2), 2);
        fixture.runFor(Simulation.MILLIS);

        assertEquals(oldServer, fixture.replies.get(0)[4]);
        assertEquals(newServer, fixture.replies.get(1)[4]);
    }

    @Test
    void shouldHoldGlobalWorkUntilReleasedThenSendItWhereTheDefaultIsThen()
    {
        assertEquals(Dispatcher.OK, dispatcher.holdGlobal(manager, dispatch, serviceId, true));
        fixture.kernel.requests().call(requests, service, Message.NO_CONNECTION, ConnectionServers.data(1), 1);
        fixture.kernel.requests().open(requests, service, new Message().operation(ConnectionServers.OPEN), 5, 5, 2);
        send(connections.get(0), 3);
        fixture.runFor(Simulation.MILLIS);

        assertEquals(1, fixture.replies.size());
        assertEquals(3, fixture.replies.get(0)[0]);
        assertEquals(2, fixture.kernel.requests().heldCount());

        fixture.kernel.registry().switchDefault("net", "api", new SemanticVersion(1, 1, 0));
        assertEquals(Dispatcher.OK, dispatcher.holdGlobal(manager, dispatch, serviceId, false));
        fixture.runFor(Simulation.MILLIS);

        assertEquals(3, fixture.replies.size());
        assertEquals(1, fixture.replies.get(1)[0]);
        assertEquals(newServer, fixture.replies.get(1)[4]);
        assertEquals(2, fixture.replies.get(2)[0]);
        assertEquals(newEndpoint, dispatcher.connections(serviceId).owner(fixture.replies.get(2)[3]));
    }

    @Test
    void shouldRefuseAndAuditAChangeByASandboxWithoutTheDispatchCapability()
    {
        final int refused = dispatcher.freeze(client, service, serviceId, connections.get(0), (s, c) -> { });

        assertTrue(refused < 0);
        assertEquals(CapError.WRONG_KIND, CapError.fromCode(refused));
        final AuditRecord last = fixture.kernel.audit().records().get(fixture.kernel.audit().size() - 1);
        assertEquals("dispatch.refused", last.kind());
        assertEquals(client, last.sandboxId());
        assertEquals(DispatchState.ACTIVE, dispatcher.connections(serviceId).state(connections.get(0)));
    }

    @Test
    void shouldRefuseADispatchCapabilityForAnotherService()
    {
        final int otherServer = fixture.sandbox("other", 100);
        fixture.serve(otherServer, "other", "1.0.0", servers.server(otherServer, 1));
        final long otherDispatch = fixture.dispatchCapability(manager, "other");

        assertEquals(Dispatcher.OTHER_SERVICE,
            dispatcher.freeze(manager, otherDispatch, serviceId, connections.get(0), (s, c) -> { }));
    }

    @Test
    void shouldAnswerARequestOnAClosedConnectionAsUnknown()
    {
        final long connection = connections.get(0);
        fixture.kernel.requests().close(requests, service, connection, ConnectionServers.data(0), 1);
        fixture.runFor(Simulation.MILLIS);

        send(connection, 2);
        fixture.runFor(Simulation.MILLIS);

        assertEquals(Dispatcher.UNKNOWN_CONNECTION, fixture.replies.get(1)[1]);
        assertEquals(CONNECTIONS - 1, dispatcher.connections(serviceId).openCount());
    }
}
