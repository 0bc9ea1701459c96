package org.hicsim.mm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.fault.Faults;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.host.ServiceInstance;
import org.hicsim.mm.channel.ChannelEnd;
import org.hicsim.mm.channel.ChannelListener;
import org.hicsim.mm.channel.ChannelMessage;
import org.hicsim.mm.channel.ChannelState;
import org.hicsim.mm.channel.HandshakeFailure;
import org.hicsim.mm.channel.MigrationChannel;
import org.hicsim.mm.channel.MigrationChannels;
import org.hicsim.mm.channel.RecordRefusal;
import org.hicsim.mm.channel.TransitTap;

/**
 * One update's migration channel between its old instance (the initiator) and its new one, and the state it
 * carries: a payload handed to {@link #carry} is split into records of at most the channel's payload bound,
 * sealed by the sending instance, opened by the other, and handed back whole to the caller once its last record
 * is delivered. Everything is the instances' own work on their CPU quotas (the handshake's {@code x25519.cpu},
 * each record's {@code aead.per_kib} at both ends), so carrying state takes virtual time.
 * <p>
 * The channel does not retransmit, and a refused record leaves a hole its later records cannot pass: so at the
 * first refusal (a record tampered with on the wire: fault point {@code migration_channel.tamper}), at a failed
 * handshake, when an instance dies, or when a payload is not delivered within its time, the channel is closed and
 * every payload it was carrying or waiting to carry is reported refused; the caller moves that state again, and
 * the next payload opens a new channel, with new keys. Refused records are counted for the report.
 */
final class UpdateChannel implements ChannelListener
{
    /** The least time a payload may take from {@link #carry} to its delivery before it is given up. */
    static final long TRANSIT_TIMEOUT_NS = Simulation.SECONDS;
    /** How many times the time to seal and open a payload at full speed it is allowed on top. */
    private static final int TRANSIT_SLACK = 20;

    /** What the sender of a payload is told, from the event loop. */
    interface Carried
    {
        /** The whole payload was delivered to the other instance, opened by it. */
        void onOpened(byte[] payload);

        /** It was not, and will not be: the channel refused a record, failed or closed. */
        void onRefused(String why);
    }

    private final ModuleManager manager;
    private final Kernel kernel;
    private final String service;
    private final ServiceInstance initiator;
    private final ServiceInstance responder;
    private final ArrayDeque<Transit> waiting = new ArrayDeque<>();
    private final ArrayDeque<Transit> toResponder = new ArrayDeque<>();
    private final ArrayDeque<Transit> toInitiator = new ArrayDeque<>();
    private MigrationChannel current;
    private long initiatorControl;
    private long responderControl;
    private long refusedCount;
    private int openedCount;
    private Runnable pendingReady;
    private Carried pendingFailed;

    private final class Transit
    {
        private final ServiceInstance from;
        private final byte[] payload;
        private final Carried carried;
        private final byte[] received;
        private int receivedLength;
        private boolean over;

        Transit(final ServiceInstance from, final byte[] payload, final Carried carried)
        {
            this.from = from;
            this.payload = payload;
            this.carried = carried;
            this.received = new byte[payload.length];
        }
    }

    UpdateChannel(final ModuleManager manager, final String service, final ServiceInstance initiator,
        final ServiceInstance responder)
    {
        this.manager = manager;
        this.kernel = manager.kernel();
        this.service = service;
        this.initiator = initiator;
        this.responder = responder;
    }

    /** Records refused by either end, over every channel this update opened. */
    long refusedCount()
    {
        return refusedCount;
    }

    /** Channels opened so far: the first, and one more after each refusal or failure. */
    int openedCount()
    {
        return openedCount;
    }

    /**
     * Opens the channel now (phase 2), so its handshake is over before state needs it: {@code ready} runs once it
     * is established, or {@code failed} if it could not be made or its handshake failed.
     */
    void open(final Runnable ready, final Carried failed)
    {
        pendingReady = ready;
        pendingFailed = failed;
        openChannel();
    }

    /**
     * Sends {@code payload} from {@code from} (one of the two instances) to the other, opening a channel first if
     * none is open.
     */
    void carry(final ServiceInstance from, final byte[] payload, final Carried carried)
    {
        final Transit transit = new Transit(from, payload, carried);
        waiting.add(transit);
        final long timeoutNs = TRANSIT_TIMEOUT_NS + TRANSIT_SLACK * 2 * kernel.costs().aeadNs(payload.length);
        manager.at(manager.now() + timeoutNs, () ->
        {
            if (!transit.over)
            {
                abandon("transit_timeout");
            }
        });
        if (current == null)
        {
            openChannel();
        }
        else if (current.state() == ChannelState.ESTABLISHED)
        {
            flush();
        }
    }

    /** The update no longer needs the channel: it is closed, its keys dropped. */
    void close(final String reason)
    {
        final MigrationChannel channel = current;
        if (channel == null)
        {
            return;
        }
        current = null;
        channel.close();
        record("mm.channel.close", "id=" + channel.id() + " reason=" + reason + " refused=" + refusedCount);
        failAll(reason);
    }

    @Override
    public void onEstablished(final MigrationChannel channel)
    {
        if (channel == current)
        {
            final Runnable ready = pendingReady;
            pendingReady = null;
            pendingFailed = null;
            if (ready != null)
            {
                manager.at(manager.now(), ready);
            }
            flush();
        }
    }

    @Override
    public void onDelivered(final ChannelEnd receiver, final long sequence, final DirectBuffer payload,
        final int offset, final int length)
    {
        if (receiver.channel() != current)
        {
            return;
        }
        final ArrayDeque<Transit> queue = receiver.sandboxId() == responder.sandboxId() ? toResponder : toInitiator;
        final Transit transit = queue.peek();
        payload.getBytes(offset, transit.received, transit.receivedLength, length);
        transit.receivedLength += length;
        if (transit.receivedLength == transit.payload.length)
        {
            queue.poll();
            transit.over = true;
            transit.carried.onOpened(transit.received);
        }
    }

    @Override
    public void onRefused(final ChannelEnd receiver, final RecordRefusal refusal)
    {
        if (receiver.channel() == current)
        {
            refusedCount++;
            abandon("refused_" + refusal);
        }
    }

    @Override
    public void onFailed(final MigrationChannel channel, final ChannelEnd end, final HandshakeFailure failure)
    {
        if (channel == current)
        {
            current = null;
            record("mm.channel.close", "id=" + channel.id() + " reason=handshake_" + failure);
            failAll("handshake_" + failure);
        }
    }

    @Override
    public void onClosed(final MigrationChannel channel, final String reason)
    {
        if (channel == current)
        {
            current = null;
            record("mm.channel.close", "id=" + channel.id() + " reason=" + reason);
            failAll(reason);
        }
    }

    /** The open channel can carry nothing more: it goes, and so does everything it carried or was to carry. */
    private void abandon(final String why)
    {
        close(why);
    }

    private void openChannel()
    {
        if (initiatorControl == 0)
        {
            initiatorControl = control(initiator);
            responderControl = control(responder);
        }
        final MigrationChannels channels = manager.channels();
        final int id = channels.create(manager.sandboxId(), initiatorControl, responderControl, this);
        if (id < 1)
        {
            record("mm.channel.refused", "code=" + id);
            failAll("create_refused_" + id);
            return;
        }
        current = channels.channel(id);
        openedCount++;
        final Faults faults = kernel.faults();
        if (faults.isOn(FaultPoint.MIGRATION_CHANNEL_TAMPER))
        {
            current.tap((receiver, kind, message, sink) -> tamper(faults, kind, message, sink));
        }
        record("mm.channel.open", "id=" + id + " initiator=" + initiator.sandboxId() + " responder="
            + responder.sandboxId());
    }

    /** Core-0 gives the Module Manager control of an instance, as the channel's creation requires. */
    private long control(final ServiceInstance instance)
    {
        return kernel.capabilities().issue(CapabilitySystem.CORE0, manager.sandboxId(), ObjectKind.SANDBOX_CONTROL,
            instance.sandboxId(), MigrationChannels.CONTROL_RIGHTS, 0);
    }

    /** Seals and sends every waiting payload, in order, record by record. */
    private void flush()
    {
        final int chunkMax = manager.channels().config().payloadLengthMax();
        while (!waiting.isEmpty() && current != null)
        {
            final Transit transit = waiting.poll();
            final ChannelEnd end = current.end(transit.from.sandboxId());
            (end == current.initiator() ? toResponder : toInitiator).add(transit);
            int offset = 0;
            do
            {
                final int length = Math.min(chunkMax, transit.payload.length - offset);
                final long sent = end.send(transit.payload, offset, length);
                if (sent < 0)
                {
                    abandon("send_refused_" + sent);
                    return;
                }
                offset += length;
            }
            while (offset < transit.payload.length);
        }
    }

    /** Tells every payload in flight or waiting that it will not arrive, from the event loop. */
    private void failAll(final String why)
    {
        final Carried openFailed = pendingFailed;
        pendingReady = null;
        pendingFailed = null;
        if (openFailed != null)
        {
            manager.at(manager.now(), () -> openFailed.onRefused(why));
        }
        final List<Transit> failed = new ArrayList<>(toResponder);
        failed.addAll(toInitiator);
        failed.addAll(waiting);
        toResponder.clear();
        toInitiator.clear();
        waiting.clear();
        for (final Transit transit : failed)
        {
            transit.over = true;
            manager.at(manager.now(), () -> transit.carried.onRefused(why));
        }
    }

    /** The fault point on the wire: a record's bit flipped, which the receiving end will refuse. */
    private static void tamper(final Faults faults, final ChannelMessage kind, final byte[] message,
        final TransitTap.Sink sink)
    {
        if (kind == ChannelMessage.RECORD && message.length > 0 && faults.fires(FaultPoint.MIGRATION_CHANNEL_TAMPER))
        {
            message[faults.choose(FaultPoint.MIGRATION_CHANNEL_TAMPER, message.length)] ^=
                (byte)(1 << faults.choose(FaultPoint.MIGRATION_CHANNEL_TAMPER, Byte.SIZE));
        }
        sink.deliver(kind, message);
    }

    private void record(final String kind, final String detail)
    {
        final String line = "service=" + service + " " + detail;
        kernel.simulation().trace().record(kind, line);
        kernel.audit().record(kind, manager.sandboxId(), line);
    }
}
