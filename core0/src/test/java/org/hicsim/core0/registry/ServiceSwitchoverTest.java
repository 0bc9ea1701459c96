package org.hicsim.core0.registry;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.MessageHandler;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HIC endpoint switchover (rolling update step 3.4): a client calls {@code netstack/tcp} through its service
 * id while Core-0 switches the default from v1.2.0's endpoint to v1.3.0's with requests still in flight.
 */
class ServiceSwitchoverTest
{
    private static final long INTERVAL_NS = 10 * Simulation.MICROS;
    private static final long LATENCY_NS = 45 * Simulation.MICROS;
    private static final int REQUESTS = 100;
    private static final long SWITCH_AT_NS = 50 * INTERVAL_NS + Simulation.MICROS;

    @Test
    void shouldAnswerEveryRequestExactlyOnceAcrossTheSwitch()
    {
        final Run run = new Run(REQUESTS, INTERVAL_NS, LATENCY_NS, SWITCH_AT_NS).execute();
        for (int request = 0; request < REQUESTS; request++)
        {
            assertEquals(1, run.replies[request], "replies to request " + request);
        }
    }

    @Test
    void shouldRouteRequestsAfterTheSwitchToTheNewEndpoint()
    {
        final Run run = new Run(REQUESTS, INTERVAL_NS, LATENCY_NS, SWITCH_AT_NS).execute();
        for (int request = 51; request < REQUESTS; request++)
        {
            assertEquals(run.newEndpoint, run.servedBy[request], "request " + request);
        }
    }

    @Test
    void shouldLetTheOldEndpointServeRequestsInFlightAtTheSwitch()
    {
        final Run run = new Run(REQUESTS, INTERVAL_NS, LATENCY_NS, SWITCH_AT_NS).execute();
        final long inFlightCount = LATENCY_NS / INTERVAL_NS + 1;
        assertEquals(inFlightCount, run.oldPendingAtSwitch);
        for (int request = 0; request <= 50; request++)
        {
            assertEquals(run.oldEndpoint, run.servedBy[request], "request " + request);
        }
        assertEquals(0, run.endpoints.get(run.oldEndpoint).pendingCount());
    }

    @Property(tries = 200)
    void shouldServeEachRequestOnceByTheDefaultAtItsCallTime(
        @ForAll @IntRange(min = 1, max = 300) final int requests,
        @ForAll @IntRange(min = 1, max = 50) final int intervalMicros,
        @ForAll @IntRange(min = 0, max = 500) final int latencyMicros,
        @ForAll @IntRange(min = 0, max = 15_000) final int switchAtMicros)
    {
        final Run run = new Run(requests, intervalMicros * Simulation.MICROS, latencyMicros * Simulation.MICROS,
            switchAtMicros * Simulation.MICROS).execute();
        for (int request = 0; request < requests; request++)
        {
            assertEquals(1, run.replies[request], "replies to request " + request);
            final int expected = run.sentAfterSwitch[request] ? run.newEndpoint : run.oldEndpoint;
            assertEquals(expected, run.servedBy[request], "request " + request);
        }
    }

    /**
     * One client, two netstack servers and Core-0's registry on one simulation. Requests carry their number;
     * replies carry the number and the endpoint that served it. The old endpoint goes STOPPING at the switch,
     * so it refuses anything sent after it and serves only what was already queued.
     */
    private static final class Run
    {
        private static final int MSG_REQUEST = 1;
        private static final int MSG_REPLY = 2;
        private static final int REQUEST_ID_OFFSET = 0;
        private static final int SERVER_ENDPOINT_OFFSET = Integer.BYTES;
        private static final int REPLY_LENGTH = 2 * Integer.BYTES;
        private static final int CAPACITY = 1 << 14;
        private static final int CLIENT_SANDBOX = 1;

        final Simulation sim = new Simulation(1);
        final EndpointTable endpoints = new EndpointTable(sim, (kind, sandboxId, detail) -> { });
        final ServiceRegistry registry = new ServiceRegistry(endpoints, sim.trace(), (kind, sandboxId, detail) -> { });
        final int requestCount;
        final long intervalNs;
        final long switchAtNs;
        final int oldEndpoint;
        final int newEndpoint;
        final int replyEndpoint;
        final int serviceId;
        final Client client = new Client();
        final int[] replies;
        final int[] servedBy;
        final boolean[] sentAfterSwitch;
        boolean switched;
        long oldPendingAtSwitch;

        Run(final int requestCount, final long intervalNs, final long latencyNs, final long switchAtNs)
        {
            this.requestCount = requestCount;
            this.intervalNs = intervalNs;
            this.switchAtNs = switchAtNs;
            this.replies = new int[requestCount];
            this.servedBy = new int[requestCount];
            this.sentAfterSwitch = new boolean[requestCount];
            oldEndpoint = serverEndpoint("netstack-1.2.0", 2, latencyNs);
            newEndpoint = serverEndpoint("netstack-1.3.0", 3, latencyNs);
            replyEndpoint =
                endpoints.create("client-replies", CLIENT_SANDBOX, EndpointType.GENERIC, CAPACITY, latencyNs);
            endpoints.moveTo(replyEndpoint, EndpointState.ACTIVE);
            endpoints.get(replyEndpoint).deliveryListener(client, 0);
            serviceId = registry.register(ServiceName.parse("cap://netstack/v1.2.0/tcp"), oldEndpoint);
            registry.register(ServiceName.parse("cap://netstack/v1.3.0/tcp"), newEndpoint);
        }

        Run execute()
        {
            sim.scheduleAt(switchAtNs, this::switchover, 0);
            for (int request = 0; request < requestCount; request++)
            {
                sim.scheduleAt(request * intervalNs, client::call, request);
            }
            sim.runUntilIdle(100L * requestCount + 10);
            return this;
        }

        private void switchover(final long ignored)
        {
            oldPendingAtSwitch = endpoints.get(oldEndpoint).pendingCount();
            assertEquals(oldEndpoint, registry.switchDefault("netstack", "tcp", new SemanticVersion(1, 3, 0)));
            endpoints.moveTo(oldEndpoint, EndpointState.STOPPING);
            switched = true;
        }

        private int serverEndpoint(final String name, final int sandboxId, final long latencyNs)
        {
            final int id = endpoints.create(name, sandboxId, EndpointType.GENERIC, CAPACITY, latencyNs);
            endpoints.moveTo(id, EndpointState.ACTIVE);
            endpoints.get(id).deliveryListener(new Server(id), 0);
            return id;
        }

        /** Calls through the service id (what a service capability names) and counts the replies. */
        private final class Client implements EventHandler, MessageHandler
        {
            private final UnsafeBuffer request = new UnsafeBuffer(new byte[Integer.BYTES]);

            void call(final long requestId)
            {
                final Endpoint endpoint = endpoints.get(registry.nextEndpoint(serviceId));
                request.putInt(REQUEST_ID_OFFSET, (int)requestId);
                sentAfterSwitch[(int)requestId] = switched;
                final int code = endpoint.send(MSG_REQUEST, request, 0, Integer.BYTES);
                assertEquals(Endpoint.OK, code, "request " + requestId);
            }

            @Override
            public void onEvent(final long arg)
            {
                endpoints.get(replyEndpoint).receive(this, Integer.MAX_VALUE);
            }

            @Override
            public void onMessage(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
            {
                assertEquals(MSG_REPLY, msgTypeId);
                final int requestId = buffer.getInt(index + REQUEST_ID_OFFSET);
                replies[requestId]++;
                servedBy[requestId] = buffer.getInt(index + SERVER_ENDPOINT_OFFSET);
            }
        }

        /** Drains its endpoint when a message is due and answers each request, naming itself in the reply. */
        private final class Server implements EventHandler, MessageHandler
        {
            private final int endpointId;
            private final UnsafeBuffer reply = new UnsafeBuffer(new byte[REPLY_LENGTH]);

            Server(final int endpointId)
            {
                this.endpointId = endpointId;
            }

            @Override
            public void onEvent(final long arg)
            {
                endpoints.get(endpointId).receive(this, Integer.MAX_VALUE);
            }

            @Override
            public void onMessage(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
            {
                assertEquals(MSG_REQUEST, msgTypeId);
                reply.putInt(REQUEST_ID_OFFSET, buffer.getInt(index + REQUEST_ID_OFFSET));
                reply.putInt(SERVER_ENDPOINT_OFFSET, endpointId);
                assertEquals(Endpoint.OK, endpoints.get(replyEndpoint).send(MSG_REPLY, reply, 0, REPLY_LENGTH));
            }
        }
    }
}
