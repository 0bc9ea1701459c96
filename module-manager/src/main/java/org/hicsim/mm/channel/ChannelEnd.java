package org.hicsim.mm.channel;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.cpu.CpuScheduler;
import org.hicsim.core0.ipc.MessageHandler;
import org.hicsim.core0.sim.EventHandler;

/**
 * One instance's end of a migration channel. Everything it does is that instance's act: it sends and receives
 * through the instance's own system calls, with the endpoint capabilities Core-0 issued to the instance when it
 * made the channel (so the capability check of every send and receive is the kernel's), and it seals and opens on
 * the instance's CPU quota, so a slower instance moves its state more slowly.
 * <p>
 * Costs: the key pair and the agreement one {@code x25519.cpu} each; hashing the transcript and the finished MACs
 * {@code hash.per_kib}; each record {@code aead.per_kib} to seal at the sender and again to open at the receiver.
 * A message reaches the peer's ring one {@code ipc.latency} after it is put there. Work runs in the order it is
 * submitted, so records are sealed, sent, opened and delivered in sequence. A receiver takes a message from its
 * ring only when it is ready to open it, so a slow receiver fills its ring and its peer's records wait, sealed, in
 * the sender's queue ({@link #pendingCount()}) until there is room: backpressure, nothing dropped.
 */
public final class ChannelEnd
{
    private final MigrationChannel channel;
    private final ChannelRole role;
    private final int sandboxId;
    private final UUID uuid;
    private final UUID peerUuid;
    private final SystemCalls calls;
    private final long sendHandle;
    private final long receiveHandle;
    private final CpuScheduler cpu;
    private final CostTable costs;
    private final int payloadLengthMax;
    private final SplittableRandom random;
    private final byte[] channelKey;
    private final UnsafeBuffer sendView = new UnsafeBuffer(0, 0);
    private final ArrayDeque<byte[]> outbound = new ArrayDeque<>();
    private final ArrayDeque<Inbound> inbound = new ArrayDeque<>();
    private final RefusalCounts refusedCounts = new RefusalCounts();
    private final MessageHandler fromRing = this::onMessage;
    private final TransitTap.Sink sink = this::accept;
    private final EventHandler onKeyPairDone = this::onKeyPairDone;
    private final EventHandler onSealed = this::onSealed;
    private final EventHandler onOpened = this::onOpened;
    private final EventHandler onInboundDue = this::onInboundDue;
    private ChannelHandshake handshake;
    private RecordSealer sealer;
    private RecordOpener opener;
    private int outboundSealedCount;
    private long sentCount;
    private long deliveredCount;

    private record Inbound(ChannelMessage kind, byte[] message)
    {
    }

    /**
     * @param sendHandle    the instance's WRITE capability for its peer's endpoint.
     * @param receiveHandle the instance's READ capability for its own endpoint.
     * @param channelKey    Core-0's key for the channel; a copy is kept until the handshake takes it.
     * @param random        the source of this end's ephemeral key.
     */
    ChannelEnd(
        final MigrationChannel channel,
        final ChannelRole role,
        final int sandboxId,
        final UUID uuid,
        final UUID peerUuid,
        final SystemCalls calls,
        final long sendHandle,
        final long receiveHandle,
        final CpuScheduler cpu,
        final CostTable costs,
        final int payloadLengthMax,
        final byte[] channelKey,
        final SplittableRandom random)
    {
        this.channel = channel;
        this.role = role;
        this.sandboxId = sandboxId;
        this.uuid = uuid;
        this.peerUuid = peerUuid;
        this.calls = calls;
        this.sendHandle = sendHandle;
        this.receiveHandle = receiveHandle;
        this.cpu = cpu;
        this.costs = costs;
        this.payloadLengthMax = payloadLengthMax;
        this.channelKey = channelKey.clone();
        this.random = random;
    }

    public MigrationChannel channel()
    {
        return channel;
    }

    public ChannelRole role()
    {
        return role;
    }

    /** The instance this end belongs to. */
    public int sandboxId()
    {
        return sandboxId;
    }

    /** The instance's UUID, which this end proves to its peer. */
    public UUID uuid()
    {
        return uuid;
    }

    /** The UUID this end accepts from its peer: what Core-0 told it when it made the channel. */
    public UUID peerUuid()
    {
        return peerUuid;
    }

    /**
     * Seals {@code payload[offset, offset + length)} as this end's next record and sends it to the peer: sealed on
     * this instance's CPU, then put on the peer's endpoint, delivered through
     * {@link ChannelListener#onDelivered} once the peer's CPU opened it. The payload is copied at once.
     *
     * @return the record's sequence number, or a negative {@link ChannelError} code: {@code NOT_ESTABLISHED},
     * {@code CLOSED}, {@code TOO_LARGE}.
     * @throws IndexOutOfBoundsException if the range is not inside {@code payload}.
     */
    public long send(final byte[] payload, final int offset, final int length)
    {
        final ChannelState state = channel.state();
        if (state.isFinal())
        {
            return ChannelError.CLOSED.code();
        }
        if (state != ChannelState.ESTABLISHED)
        {
            return ChannelError.NOT_ESTABLISHED.code();
        }
        if (length > payloadLengthMax)
        {
            return ChannelError.TOO_LARGE.code();
        }
        final long sequence = sealer.nextSequence();
        final byte[] record = sealer.seal(payload, offset, length);
        outbound.add(record);
        cpu.submit(sandboxId, costs.aeadNs(record.length), onSealed, 0);
        return sequence;
    }

    /** Records put on the peer's endpoint. */
    public long sentCount()
    {
        return sentCount;
    }

    /**
     * Records sent and not yet on the peer's endpoint: being sealed, or waiting for room because the peer is
     * slower. A sender that wants to bound its memory paces itself by this.
     */
    public int pendingCount()
    {
        return outbound.size();
    }

    /** Records opened and delivered here. */
    public long deliveredCount()
    {
        return deliveredCount;
    }

    public long refusedCount(final RecordRefusal refusal)
    {
        return refusedCounts.count(refusal);
    }

    /** Refusals of every kind. */
    public long refusedCount()
    {
        return refusedCounts.total();
    }

    @Override
    public String toString()
    {
        return "ChannelEnd{channel=" + channel.id() + ", role=" + role + ", sandbox=" + sandboxId + '}';
    }

    /** Starts the handshake: the key pair, on this instance's CPU, then the hello. */
    void start()
    {
        cpu.submit(sandboxId, costs.value(Cost.X25519_CPU), onKeyPairDone, 0);
    }

    /** What Core-0's endpoint calls when a message for this end comes due. */
    EventHandler inboundDue()
    {
        return onInboundDue;
    }

    /** Sends the records sealed so far that wait for room in the peer's ring. */
    void flush()
    {
        while (outboundSealedCount > 0 && !channel.state().isFinal())
        {
            final byte[] record = outbound.peek();
            final int status = put(ChannelMessage.RECORD, record);
            if (status == SystemCalls.IPC_FULL)
            {
                return;
            }
            if (status != SystemCalls.OK)
            {
                channel.abort(this, "send", status);
                return;
            }
            outbound.poll();
            outboundSealedCount--;
            sentCount++;
        }
    }

    /** Drops every key and every message this end holds. */
    void destroy()
    {
        if (null != handshake)
        {
            handshake.destroy();
            handshake = null;
        }
        if (null != sealer)
        {
            sealer.destroy();
        }
        if (null != opener)
        {
            opener.destroy();
        }
        Arrays.fill(channelKey, (byte)0);
        outbound.clear();
        inbound.clear();
        outboundSealedCount = 0;
    }

    private void onKeyPairDone(final long ignored)
    {
        if (channel.state().isFinal())
        {
            return;
        }
        handshake = new ChannelHandshake(role, channel.id(), uuid, peerUuid, channelKey, random);
        Arrays.fill(channelKey, (byte)0);
        putHandshake(ChannelMessage.HELLO, handshake.hello());
    }

    private void onSealed(final long ignored)
    {
        if (channel.state().isFinal())
        {
            return;
        }
        outboundSealedCount++;
        flush();
    }

    private void onInboundDue(final long ignored)
    {
        if (channel.state().isFinal())
        {
            return;
        }
        pull();
    }

    /**
     * Takes the next due message from the ring once the last one taken is dealt with: a receiver takes only what
     * its CPU is ready to open, so a slow one fills its ring and holds its peer back, as a full endpoint does.
     * A message the tap held back leaves nothing to open, so the next is taken at once.
     */
    private void pull()
    {
        while (inbound.isEmpty() && !channel.state().isFinal())
        {
            final int received = calls.receive(receiveHandle, fromRing, 1);
            if (received < 0)
            {
                channel.abort(this, "receive", received);
                return;
            }
            if (received == 0)
            {
                return;
            }
            channel.peerOf(this).flush();
        }
    }

    private void onMessage(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
    {
        final ChannelMessage kind = ChannelMessage.fromTypeId(msgTypeId);
        if (null == kind)
        {
            refuse(RecordRefusal.MALFORMED);
            return;
        }
        final byte[] message = new byte[length];
        buffer.getBytes(index, message);
        channel.transit(this, kind, message, sink);
    }

    private void accept(final ChannelMessage kind, final byte[] message)
    {
        if (channel.state().isFinal())
        {
            return;
        }
        inbound.add(new Inbound(kind, message));
        cpu.submit(sandboxId, openCostNs(kind, message.length), onOpened, 0);
    }

    private void onOpened(final long ignored)
    {
        final Inbound next = inbound.poll();
        if (null == next || channel.state().isFinal())
        {
            return;
        }
        final byte[] message = next.message();
        switch (next.kind())
        {
            case HELLO:
                onPeerHello(message);
                break;
            case FINISHED:
                onPeerFinished(message);
                break;
            default:
                onRecord(message);
                break;
        }
        pull();
    }

    private void onPeerHello(final byte[] message)
    {
        if (null == handshake)
        {
            refuse(RecordRefusal.UNEXPECTED);
            return;
        }
        final int status = handshake.onPeerHello(message, 0, message.length);
        if (status != ChannelHandshake.OK)
        {
            channel.handshakeFailed(this, HandshakeFailure.fromCode(status));
            return;
        }
        putHandshake(ChannelMessage.FINISHED, handshake.finished());
    }

    private void onPeerFinished(final byte[] message)
    {
        if (null == handshake)
        {
            refuse(RecordRefusal.UNEXPECTED);
            return;
        }
        final int status = handshake.onPeerFinished(message, 0, message.length);
        if (status != ChannelHandshake.OK)
        {
            channel.handshakeFailed(this, HandshakeFailure.fromCode(status));
            return;
        }
        sealer = handshake.sealer(payloadLengthMax);
        opener = handshake.opener(payloadLengthMax);
        final String fingerprint = handshake.transcriptFingerprint();
        handshake.destroy();
        handshake = null;
        channel.confirmed(this, fingerprint);
    }

    private void onRecord(final byte[] record)
    {
        if (null == opener)
        {
            refuse(RecordRefusal.UNEXPECTED);
            return;
        }
        final int length = opener.open(record, 0, record.length);
        if (length < 0)
        {
            refuse(RecordRefusal.fromCode(length));
            return;
        }
        deliveredCount++;
        channel.delivered(this, opener.expectedSequence() - 1, opener.plaintext(), length);
    }

    private void refuse(final RecordRefusal refusal)
    {
        channel.refused(this, refusal, refusedCounts.add(refusal));
    }

    private void putHandshake(final ChannelMessage kind, final byte[] message)
    {
        final int status = put(kind, message);
        if (status != SystemCalls.OK)
        {
            channel.abort(this, "send", status);
        }
    }

    private int put(final ChannelMessage kind, final byte[] message)
    {
        sendView.wrap(message);
        return calls.send(sendHandle, kind.typeId(), sendView, 0, message.length);
    }

    private long openCostNs(final ChannelMessage kind, final int length)
    {
        switch (kind)
        {
            case HELLO:
                return costs.value(Cost.X25519_CPU) + costs.hashNs(2L * ChannelHelloDescriptor.LENGTH);
            case FINISHED:
                return costs.hashNs(ChannelHandshake.FINISHED_LENGTH);
            default:
                return costs.aeadNs(length);
        }
    }
}
