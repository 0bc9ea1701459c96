package org.hicsim.core0.request;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntArrayQueue;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.cpu.CpuQuota;
import org.hicsim.core0.cpu.CpuScheduler;
import org.hicsim.core0.dispatch.Dispatcher;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.MessageHandler;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.metrics.InstanceMetrics;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxManager;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Message;

/**
 * Client requests that take virtual time (HIC 2.1's "client applications" reaching a service through its
 * capability). A request is a message on the owning instance's endpoint, delivered after the IPC latency; the
 * instance serves the messages of its endpoint one at a time, each when its single thread is free, and each
 * costs it {@code request.cpu} and the copies in and out on top of the work the service computes, all under its
 * CPU quota; the reply is sent when that work is done and arrives one latency later. A server at 20% of a core
 * therefore saturates at a fifth of the rate it would serve alone, and its queue (a bounded ring) fills past it.
 * <p>
 * Requests on a connection go where the {@link Dispatcher} says the connection is now; a request for a frozen
 * connection is held here and sent on, in order, to the owner the connection is given. A request that names no
 * connection goes to the service's registry default. Kernel-side refusals (no endpoint, a full queue, an unknown
 * connection, a server that died) come back to the client as replies with a Core-0 status, so every request sent
 * gets exactly one reply; only a missing capability is refused at once, as a return code.
 * <p>
 * What each instance served is counted in its sandbox's {@link InstanceMetrics} as the reply arrives.
 * Allocation-free once its tables have grown to the load.
 */
public final class RequestPath
{
    /** Bytes of a client's reply ring. */
    public static final int CLIENT_RING_CAPACITY = 256 * 1024;
    private static final int REQUEST_TYPE = 1;
    private static final int REPLY_TYPE = 2;
    private static final int INITIAL_SLOTS = 256;
    private static final int NO_SLOT = -1;

    private final Simulation simulation;
    private final CapabilitySystem capabilities;
    private final ServiceRegistry registry;
    private final EndpointTable endpoints;
    private final SandboxManager sandboxes;
    private final CpuScheduler cpu;
    private final Dispatcher dispatcher;
    private final EndpointInvoker invoker;
    private final CostTable costs;

    /** By endpoint id, as {@link EndpointTable} keeps endpoints: every request looks its server up three times. */
    private ServerLoop[] servers = new ServerLoop[INITIAL_SLOTS];
    private final List<Client> clients = new ArrayList<>();
    private final Int2ObjectHashMap<Long2ObjectHashMap<IntArrayList>> heldByService = new Int2ObjectHashMap<>();
    private final MessageCodec sendCodec = new MessageCodec();
    private final Message refusal = new Message();
    private final EventHandler onDelivery = this::onDelivery;
    private final EventHandler onServed = this::onServed;
    private final EventHandler onRefused = this::onRefused;
    private final EventHandler onReplyArrived = this::onReplyArrived;

    private int[] slotClient = new int[INITIAL_SLOTS];
    private int[] slotService = new int[INITIAL_SLOTS];
    private int[] slotStatus = new int[INITIAL_SLOTS];
    private int[] nextFreeSlot = new int[INITIAL_SLOTS];
    private long[] slotTag = new long[INITIAL_SLOTS];
    private long[] slotSentNs = new long[INITIAL_SLOTS];
    private long[] slotConnection = new long[INITIAL_SLOTS];
    private long[] slotUserKey = new long[INITIAL_SLOTS];
    private long[] slotDeviceKey = new long[INITIAL_SLOTS];
    private InstanceMetrics[] slotServer = new InstanceMetrics[INITIAL_SLOTS];
    private RequestKind[] slotKind = new RequestKind[INITIAL_SLOTS];
    private Message[] slotHeld = new Message[INITIAL_SLOTS];
    private int freeSlotHead = NO_SLOT;
    private int slotHighWater;
    private long inFlight;

    public RequestPath(
        final Simulation simulation,
        final CapabilitySystem capabilities,
        final ServiceRegistry registry,
        final EndpointTable endpoints,
        final SandboxManager sandboxes,
        final CpuScheduler cpu,
        final Dispatcher dispatcher,
        final EndpointInvoker invoker,
        final CostTable costs)
    {
        this.simulation = simulation;
        this.capabilities = capabilities;
        this.registry = registry;
        this.endpoints = endpoints;
        this.sandboxes = sandboxes;
        this.cpu = cpu;
        this.dispatcher = dispatcher;
        this.invoker = invoker;
        this.costs = Objects.requireNonNull(costs, "costs");
        dispatcher.heldRequests(this::release);
    }

    /**
     * Makes a live sandbox a client: it gets a reply endpoint of its own, and its replies go to {@code listener}.
     *
     * @throws IllegalArgumentException if the sandbox is not live.
     */
    public Client client(final int sandboxId, final ReplyListener listener)
    {
        Objects.requireNonNull(listener, "listener");
        final Sandbox sandbox = sandboxes.live(sandboxId);
        if (sandbox == null)
        {
            throw new IllegalArgumentException("sandboxId=" + sandboxId + " is not a live sandbox");
        }
        final int endpointId = endpoints.create(sandbox.name() + ".replies", sandboxId, EndpointType.GENERIC,
            CLIENT_RING_CAPACITY, costs.ipcLatencyNs());
        endpoints.moveTo(endpointId, EndpointState.ACTIVE);
        final Client client = new Client(clients.size(), sandboxId, endpointId, listener);
        clients.add(client);
        endpoints.get(endpointId).deliveryListener(onReplyArrived, client.index);
        return client;
    }

    /**
     * Sends a request that names no connection, or one on a connection the client opened.
     *
     * @param connectionId the client's id of the connection, or {@link Message#NO_CONNECTION}.
     * @return {@link SystemCalls#OK} (one reply will come), or a {@link org.hicsim.core0.cap.CapError} code when
     * the client holds no {@link Rights#CALL} capability to a service under that handle (no reply comes).
     */
    public int call(final Client client, final long serviceHandle, final long connectionId, final Message request,
        final long tag)
    {
        return submit(client, serviceHandle, RequestKind.PLAIN, connectionId, request, tag);
    }

    /**
     * Closes a connection: a reply with status 0 removes it from the dispatch table.
     *
     * @return as {@link #call}.
     */
    public int close(final Client client, final long serviceHandle, final long connectionId, final Message request,
        final long tag)
    {
        return submit(client, serviceHandle, RequestKind.CLOSE, connectionId, request, tag);
    }

    /**
     * Opens a connection on the instance the service's {@link org.hicsim.core0.dispatch.NewConnectionRule} picks
     * for these keys, which stay with the connection. The reply's connection id is the client's id for it.
     *
     * @return as {@link #call}.
     */
    public int open(final Client client, final long serviceHandle, final Message request, final long userKey,
        final long deviceKey, final long tag)
    {
        final int serviceId = capabilities.check(client.sandboxId, serviceHandle, ObjectKind.SERVICE_ENDPOINT, Rights.CALL);
        if (serviceId < 0)
        {
            return serviceId;
        }
        final int slot = claimSlot(client, serviceId, RequestKind.OPEN, tag);
        slotUserKey[slot] = userKey;
        slotDeviceKey[slot] = deviceKey;
        if (dispatcher.isGlobalHeld(serviceId))
        {
            hold(slot, request);
        }
        else
        {
            openNow(slot, request);
        }
        return SystemCalls.OK;
    }

    /**
     * Sends a request straight to one instance's endpoint, past the registry's default and the dispatch table: a
     * privileged caller (the Module Manager) testing an instance that serves no client yet, or probing a
     * connection, frozen or not, by the instance's own id for it. It is served and timed like any other, under the
     * instance's CPU quota, but not counted in the instance's {@link InstanceMetrics}: those are its clients' figures.
     *
     * @param endpointHandle       the client's capability for the endpoint, {@link ObjectKind#IPC_ENDPOINT} with
     *                             {@link Rights#WRITE}.
     * @param instanceConnectionId the instance's id of the connection, or {@link Message#NO_CONNECTION}.
     * @return as {@link #call}.
     */
    public int callEndpoint(final Client client, final long endpointHandle, final long instanceConnectionId,
        final Message request, final long tag)
    {
        final int endpointId = capabilities.check(client.sandboxId, endpointHandle, ObjectKind.IPC_ENDPOINT,
            Rights.WRITE);
        if (endpointId < 0)
        {
            return endpointId;
        }
        final int slot = claimSlot(client, ServiceRegistry.NO_SERVICE, RequestKind.DIRECT, tag);
        slotConnection[slot] = instanceConnectionId;
        send(slot, endpointId, request, instanceConnectionId);
        return SystemCalls.OK;
    }

    /** Requests sent and not yet answered, held ones included. */
    public long inFlight()
    {
        return inFlight;
    }

    /** Requests held for frozen connections. */
    public int heldCount()
    {
        int held = 0;
        for (final Long2ObjectHashMap<IntArrayList> byConnection : heldByService.values())
        {
            for (final IntArrayList slots : byConnection.values())
            {
                held += slots.size();
            }
        }
        return held;
    }

    private int submit(final Client client, final long serviceHandle, final RequestKind kind, final long connectionId,
        final Message request, final long tag)
    {
        final int serviceId = capabilities.check(client.sandboxId, serviceHandle, ObjectKind.SERVICE_ENDPOINT, Rights.CALL);
        if (serviceId < 0)
        {
            return serviceId;
        }
        final int slot = claimSlot(client, serviceId, kind, tag);
        slotConnection[slot] = connectionId;
        route(slot, request);
        return SystemCalls.OK;
    }

    /** Opens the connection on the instance the rule picks for its keys, and sends the open there. */
    private void openNow(final int slot, final Message request)
    {
        final int serviceId = slotService[slot];
        final int endpointId = dispatcher.newConnectionEndpoint(serviceId, slotUserKey[slot], slotDeviceKey[slot]);
        if (endpointId == ServiceRegistry.NO_ENDPOINT)
        {
            refuse(slot, SystemCalls.IPC_NO_ENDPOINT);
            return;
        }
        slotConnection[slot] = dispatcher.open(serviceId, endpointId, slotUserKey[slot], slotDeviceKey[slot]);
        send(slot, endpointId, request, Message.NO_CONNECTION);
    }

    /** Sends a request where its connection is now, holds it, or refuses it. */
    private void route(final int slot, final Message request)
    {
        final int serviceId = slotService[slot];
        final long connectionId = slotConnection[slot];
        if (connectionId == Message.NO_CONNECTION && dispatcher.isGlobalHeld(serviceId))
        {
            hold(slot, request);
            return;
        }
        if (connectionId == Message.NO_CONNECTION)
        {
            final int endpointId = registry.nextEndpoint(serviceId);
            if (endpointId == ServiceRegistry.NO_ENDPOINT)
            {
                refuse(slot, SystemCalls.IPC_NO_ENDPOINT);
            }
            else
            {
                send(slot, endpointId, request, Message.NO_CONNECTION);
            }
            return;
        }
        final int endpointId = dispatcher.route(serviceId, connectionId);
        if (endpointId == Dispatcher.HELD)
        {
            hold(slot, request);
        }
        else if (endpointId < 0)
        {
            refuse(slot, endpointId);
        }
        else
        {
            final long instanceConnectionId = dispatcher.connections(serviceId).instanceConnectionId(connectionId);
            if (send(slot, endpointId, request, instanceConnectionId))
            {
                dispatcher.sent(serviceId, connectionId);
            }
        }
    }

    /**
     * Writes the request into the endpoint's ring, to be delivered one latency from now.
     *
     * @return whether it was queued; if not, the client is answered with the refusal.
     */
    private boolean send(final int slot, final int endpointId, final Message request, final long instanceConnectionId)
    {
        final Endpoint endpoint = endpoints.get(endpointId);
        if (endpoint == null)
        {
            refuse(slot, SystemCalls.IPC_NO_ENDPOINT);
            return false;
        }
        final ServerLoop loop = server(endpoint);
        // A privileged caller's own test request or probe is no client's: counted, it would show in the error rate
        // and latency clients are judged by (a quiet service's test packets answered NO_ROUTE read as errors).
        slotServer[slot] = slotKind[slot] == RequestKind.DIRECT ? null : loop.owner.metrics();
        final UnsafeBuffer record = sendCodec.encode(slot, request, instanceConnectionId);
        final int sent = endpoint.send(REQUEST_TYPE, record, 0,
            RequestRecordDescriptor.recordLength(request.payloadLength()));
        if (sent != Endpoint.OK)
        {
            refuse(slot, sent == Endpoint.FULL ? SystemCalls.IPC_FULL
                : sent == Endpoint.TOO_LARGE ? SystemCalls.IPC_TOO_LARGE : SystemCalls.IPC_NOT_ACCEPTING);
            return false;
        }
        loop.queued.addInt(slot);
        return true;
    }

    private ServerLoop server(final Endpoint endpoint)
    {
        final int endpointId = endpoint.id();
        ServerLoop loop = loop(endpointId);
        if (loop == null)
        {
            loop = new ServerLoop(endpoint);
            if (endpointId >= servers.length)
            {
                servers = Arrays.copyOf(servers, Math.max(endpointId + 1, servers.length << 1));
            }
            servers[endpointId] = loop;
            endpoint.deliveryListener(onDelivery, endpointId);
        }
        return loop;
    }

    /** The server loop of an endpoint, or null if none was made for it or its endpoint is gone. */
    private ServerLoop loop(final int endpointId)
    {
        final ServerLoop[] servers = this.servers;
        return endpointId < servers.length ? servers[endpointId] : null;
    }

    private void hold(final int slot, final Message request)
    {
        if (slotHeld[slot] == null)
        {
            slotHeld[slot] = new Message();
        }
        slotHeld[slot].copyFrom(request);
        heldByService.computeIfAbsent(slotService[slot], id -> new Long2ObjectHashMap<>())
            .computeIfAbsent(slotConnection[slot], id -> new IntArrayList()).addInt(slot);
    }

    /**
     * The dispatcher gave a frozen connection its owner, or let a service's global work go: send what was held,
     * in the order it came.
     */
    private void release(final int serviceId, final long connectionId)
    {
        final Long2ObjectHashMap<IntArrayList> byConnection = heldByService.get(serviceId);
        final IntArrayList held = null == byConnection ? null : byConnection.remove(connectionId);
        if (null == held)
        {
            return;
        }
        for (int i = 0; i < held.size(); i++)
        {
            final int slot = held.getInt(i);
            if (slotKind[slot] == RequestKind.OPEN)
            {
                openNow(slot, slotHeld[slot]);
            }
            else
            {
                route(slot, slotHeld[slot]);
            }
        }
    }

    /** Answers the client with a Core-0 status, now: the request never reached a server. */
    private void refuse(final int slot, final int status)
    {
        slotStatus[slot] = status;
        simulation.schedule(0, onRefused, slot);
    }

    private void onRefused(final long arg)
    {
        final int slot = (int)arg;
        final int status = slotStatus[slot];
        if (slotServer[slot] != null)
        {
            slotServer[slot].refused(status, simulation.nowNs());
        }
        if (slotKind[slot] == RequestKind.OPEN && slotConnection[slot] != Message.NO_CONNECTION)
        {
            dispatcher.close(slotService[slot], slotConnection[slot]);
        }
        refusal.clear().status(status).connectionId(slotConnection[slot]);
        answer(slot, refusal);
    }

    private void onDelivery(final long endpointId)
    {
        final ServerLoop loop = loop((int)endpointId);
        if (loop != null && loop.current == NO_SLOT)
        {
            loop.startNext();
        }
    }

    private void onServed(final long endpointId)
    {
        final ServerLoop loop = loop((int)endpointId);
        loop.finish();
        loop.startNext();
    }

    private void onReplyArrived(final long clientIndex)
    {
        final Client client = clients.get((int)clientIndex);
        final Endpoint endpoint = endpoints.get(client.endpointId);
        if (endpoint != null)
        {
            endpoint.receive(client, Integer.MAX_VALUE);
        }
    }

    /** The reply reached the client: count it for the instance that served it, if a client's, and tell the client. */
    private void delivered(final int slot, final Message reply)
    {
        if (slotServer[slot] != null)
        {
            slotServer[slot].served(reply.status(), simulation.nowNs() - slotSentNs[slot], simulation.nowNs());
        }
        answer(slot, reply);
    }

    private void answer(final int slot, final Message reply)
    {
        final Client client = clients.get(slotClient[slot]);
        final long tag = slotTag[slot];
        final long latencyNs = simulation.nowNs() - slotSentNs[slot];
        freeSlot(slot);
        client.listener.onReply(tag, reply, latencyNs);
    }

    private int claimSlot(final Client client, final int serviceId, final RequestKind kind, final long tag)
    {
        final int slot;
        if (freeSlotHead != NO_SLOT)
        {
            slot = freeSlotHead;
            freeSlotHead = nextFreeSlot[slot];
        }
        else
        {
            if (slotHighWater == slotClient.length)
            {
                growSlots();
            }
            slot = slotHighWater++;
        }
        slotClient[slot] = client.index;
        slotService[slot] = serviceId;
        slotServer[slot] = null;
        slotStatus[slot] = 0;
        slotTag[slot] = tag;
        slotSentNs[slot] = simulation.nowNs();
        slotConnection[slot] = Message.NO_CONNECTION;
        slotKind[slot] = kind;
        inFlight++;
        return slot;
    }

    private void freeSlot(final int slot)
    {
        nextFreeSlot[slot] = freeSlotHead;
        freeSlotHead = slot;
        inFlight--;
    }

    private void growSlots()
    {
        final int length = slotClient.length * 2;
        slotClient = Arrays.copyOf(slotClient, length);
        slotService = Arrays.copyOf(slotService, length);
        slotStatus = Arrays.copyOf(slotStatus, length);
        nextFreeSlot = Arrays.copyOf(nextFreeSlot, length);
        slotTag = Arrays.copyOf(slotTag, length);
        slotSentNs = Arrays.copyOf(slotSentNs, length);
        slotConnection = Arrays.copyOf(slotConnection, length);
        slotUserKey = Arrays.copyOf(slotUserKey, length);
        slotDeviceKey = Arrays.copyOf(slotDeviceKey, length);
        slotServer = Arrays.copyOf(slotServer, length);
        slotKind = Arrays.copyOf(slotKind, length);
        slotHeld = Arrays.copyOf(slotHeld, length);
    }

    /**
     * A client application: a sandbox with a reply endpoint. Made by {@link #client}.
     */
    public final class Client implements MessageHandler
    {
        private final int index;
        private final int sandboxId;
        private final int endpointId;
        private final ReplyListener listener;
        private final MessageCodec codec = new MessageCodec();
        private final Message reply = new Message();

        private Client(final int index, final int sandboxId, final int endpointId, final ReplyListener listener)
        {
            this.index = index;
            this.sandboxId = sandboxId;
            this.endpointId = endpointId;
            this.listener = listener;
        }

        public int sandboxId()
        {
            return sandboxId;
        }

        @Override
        public void onMessage(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
        {
            delivered(codec.decode(buffer, index, reply), reply);
        }

        private void send(final int slot, final Message answer)
        {
            final Endpoint endpoint = endpoints.get(endpointId);
            if (endpoint == null)
            {
                freeSlot(slot);
                return;
            }
            final UnsafeBuffer record = codec.encode(slot, answer, answer.connectionId());
            final int sent = endpoint.send(REPLY_TYPE, record, 0,
                RequestRecordDescriptor.recordLength(answer.payloadLength()));
            if (sent != Endpoint.OK)
            {
                throw new IllegalStateException("client=" + endpoint.name() + " reply ring refused code=" + sent
                    + ": the client drains it at every delivery, so it can only overflow if the ring is too small");
            }
        }
    }

    /**
     * The single thread of one instance's endpoint: takes the next due request when the previous one is done,
     * runs the service on it, and sends the reply when the work it cost under the quota is over.
     */
    private final class ServerLoop implements MessageHandler
    {
        private final int endpointId;
        private final Sandbox owner;
        private final IntArrayQueue queued = new IntArrayQueue(NO_SLOT);
        private final MessageCodec codec = new MessageCodec();
        private final Message request = new Message();
        private final Message reply = new Message();
        private final Message failure = new Message();
        /**
         * What the current request is answered with: the service's reply, which nothing touches until this loop
         * takes its next request, so it needs no copy; or the failure.
         */
        private Message answer = failure;
        private int current = NO_SLOT;

        ServerLoop(final Endpoint endpoint)
        {
            this.endpointId = endpoint.id();
            this.owner = sandboxes.get(endpoint.ownerSandboxId());
        }

        void startNext()
        {
            final Endpoint endpoint = endpoints.get(endpointId);
            if (endpoint == null)
            {
                failQueued();
                return;
            }
            endpoint.receive(this, 1);
        }

        @Override
        public void onMessage(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
        {
            final int slot = codec.decode(buffer, index, request);
            final int expected = queued.pollInt();
            if (slot != expected)
            {
                throw new IllegalStateException("endpoint=" + endpointId + " delivered slot=" + slot
                    + " before slot=" + expected + ": its ring must keep send order");
            }
            current = slot;
            final long nowNs = simulation.nowNs();
            final Endpoint endpoint = endpoints.get(endpointId);
            final CpuQuota quota = cpu.quota(owner.id());
            if (!owner.isAlive() || quota == null)
            {
                answer = failure.clear().status(SystemCalls.IPC_SERVER_FAILED);
                simulation.scheduleAt(nowNs, onServed, endpointId);
                return;
            }
            final CostTable costs = RequestPath.this.costs;
            quota.run(nowNs, costs.requestCpuNs() + costs.copyNs(length));
            final int served = invoker.invoke(endpoint, clients.get(slotClient[slot]).sandboxId, request, reply);
            if (served == Rendezvous.SERVED && owner.isAlive())
            {
                answer = reply;
                quota.run(nowNs, costs.copyNs(RequestRecordDescriptor.recordLength(reply.payloadLength())));
            }
            else
            {
                answer = failure.clear().status(SystemCalls.IPC_SERVER_FAILED);
            }
            simulation.scheduleAt(Math.max(nowNs, quota.busyUntilNs()), onServed, endpointId);
        }

        /** The work of the current request is done: the dispatch table learns what it did, the reply leaves. */
        void finish()
        {
            final int slot = current;
            current = NO_SLOT;
            final int serviceId = slotService[slot];
            final long connectionId = slotConnection[slot];
            if (!owner.isAlive())
            {
                answer = failure.clear().status(SystemCalls.IPC_SERVER_FAILED);
            }
            final Message answer = this.answer;
            final boolean ok = answer.status() == 0;
            switch (slotKind[slot])
            {
                case OPEN:
                    if (!ok || !dispatcher.opened(serviceId, connectionId, answer.connectionId()))
                    {
                        dispatcher.close(serviceId, connectionId);
                    }
                    break;
                case CLOSE:
                    dispatcher.served(serviceId, connectionId);
                    if (ok)
                    {
                        dispatcher.close(serviceId, connectionId);
                    }
                    break;
                case DIRECT:
                    break;
                default:
                    if (connectionId != Message.NO_CONNECTION)
                    {
                        dispatcher.served(serviceId, connectionId);
                    }
                    break;
            }
            answer.connectionId(connectionId);
            clients.get(slotClient[slot]).send(slot, answer);
        }

        /** The endpoint is gone with its sandbox: every request still queued on it is answered as failed. */
        private void failQueued()
        {
            servers[endpointId] = null;
            while (!queued.isEmpty())
            {
                final int slot = queued.pollInt();
                if (slotConnection[slot] != Message.NO_CONNECTION && slotKind[slot] != RequestKind.OPEN
                    && slotKind[slot] != RequestKind.DIRECT)
                {
                    dispatcher.served(slotService[slot], slotConnection[slot]);
                }
                refuse(slot, SystemCalls.IPC_SERVER_FAILED);
            }
        }
    }
}
