package org.hicsim.core0.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hicsim.core0.request.RequestFixture;
import org.hicsim.core0.request.RequestPath;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests on connections that move back and forth between three instances while traffic flows: every request
 * is answered once, served once, by the connection's owner, and a connection's requests are served in the order
 * they were sent.
 */
class DispatchPropertiesTest
{
    private static final int CONNECTIONS = 6;
    private static final int SERVERS = 3;

    @Property(tries = 60)
    void noRequestIsLostServedTwiceOrReordered(@ForAll("steps") final List<int[]> steps)
    {
        final RequestFixture fixture = new RequestFixture(1, TraceSink.NONE);
        final ConnectionServers servers = new ConnectionServers(fixture);
        final int[] endpoints = new int[SERVERS];
        final int[] sandboxes = new int[SERVERS];
        for (int i = 0; i < SERVERS; i++)
        {
            sandboxes[i] = fixture.sandbox("net-v1." + i + ".0", 30);
            endpoints[i] = fixture.serve(sandboxes[i], "net", "1." + i + ".0", servers.server(sandboxes[i], 1000L * (i + 1)));
        }
        final int client = fixture.sandbox("client", 100);
        final int manager = fixture.sandbox("manager", 100);
        final long service = fixture.callCapability(client, "net");
        final long dispatch = fixture.dispatchCapability(manager, "net");
        final int serviceId = fixture.serviceIdOf("net");
        final Dispatcher dispatcher = fixture.kernel.dispatcher();
        final RequestPath.Client requests = fixture.recordingClient(client);
        for (int i = 0; i < CONNECTIONS; i++)
        {
            fixture.kernel.requests().open(requests, service, new Message().operation(ConnectionServers.OPEN), i, i, -1);
        }
        fixture.runFor(Simulation.MILLIS);
        final List<Long> connections = fixture.replies.stream().map(reply -> reply[3]).toList();
        fixture.replies.clear();

        long sequence = 0;
        for (final int[] step : steps)
        {
            final long connection = connections.get(step[1]);
            switch (step[0])
            {
                case 0 -> fixture.kernel.requests().call(requests, service, connection,
                    ConnectionServers.data(++sequence), sequence);
                case 1 -> freezeToward(dispatcher, manager, dispatch, serviceId, connection, endpoints[step[2]]);
                default -> fixture.runFor(step[2] * 3L * Simulation.MICROS);
            }
            assertEquals(List.of(), fixture.kernel.checkInvariants(), "after step " + Arrays.toString(step));
        }
        fixture.runFor(Simulation.SECONDS);

        assertEquals(List.of(), fixture.kernel.checkInvariants());
        assertEquals(sequence, fixture.replies.size(), "every request answered once");
        assertEquals(0, fixture.kernel.requests().inFlight());
        fixture.replies.forEach(reply -> assertEquals(Status.OK, reply[1]));
        final List<Long> servedSequences = new ArrayList<>();
        final Map<Long, Long> lastByConnection = new HashMap<>();
        for (final long[] served : servers.served)
        {
            servedSequences.add(served[2]);
        }
        assertEquals(sequence, servedSequences.stream().distinct().count(), "no request served twice");
        assertEquals(sequence, servedSequences.size());
        for (final long[] reply : fixture.replies)
        {
            final long previous = lastByConnection.getOrDefault(reply[3], 0L);
            assertTrue(reply[0] > previous, "connection " + reply[3] + " answered " + reply[0] + " after " + previous);
            lastByConnection.put(reply[3], reply[0]);
        }
    }

    /** Freezes, and moves the connection as soon as it is frozen: at once, or when its last request is served. */
    private static void freezeToward(final Dispatcher dispatcher, final int manager, final long dispatch,
        final int serviceId, final long connection, final int endpoint)
    {
        final FreezeListener move = (service, id) -> assertEquals(Dispatcher.OK, dispatcher.assign(manager, dispatch,
            service, id, endpoint, dispatcher.connections(service).instanceConnectionId(id)));
        final int state = dispatcher.freeze(manager, dispatch, serviceId, connection, move);
        assertTrue(state == DispatchState.FROZEN || state == DispatchState.FREEZING || state == Dispatcher.NOT_ACTIVE,
            "state=" + state);
    }

    @Provide
    Arbitrary<List<int[]>> steps()
    {
        final Arbitrary<int[]> step = Arbitraries.integers().between(0, 9).flatMap(kind ->
            Arbitraries.integers().between(0, CONNECTIONS - 1).flatMap(connection ->
                Arbitraries.integers().between(0, SERVERS - 1).map(third ->
                    new int[] {kind < 6 ? 0 : kind < 8 ? 1 : 2, connection, kind < 8 ? third : third * 7 + 1})));
        return step.list().ofMinSize(1).ofMaxSize(80);
    }
}
