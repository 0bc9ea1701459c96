package org.hicsim.mm.channel;

import org.agrona.DirectBuffer;
import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.sim.Trace;

/**
 * A migration channel: two {@link ChannelEnd ends}, each bound to one instance, joined by two Core-0 endpoints
 * (one per direction, each owned by the instance that receives on it) for which Core-0 issued the two instances,
 * and only them, pinned capabilities. Made by {@link MigrationChannels#create}; the handshake starts at once.
 * <p>
 * Traced and audited: creation (by {@link MigrationChannels}), the handshake's success with the transcript's
 * fingerprint or its failure with the reason, every refused record with its kind and count, and the close with
 * what each end sent, delivered and refused. Never a key or a payload.
 */
public final class MigrationChannel
{
    private final int id;
    private final int creatorSandboxId;
    private final MigrationChannels owner;
    private final ChannelListener listener;
    private final Trace trace;
    private final AuditSink audit;
    private final int toResponderEndpointId;
    private final int toInitiatorEndpointId;
    private ChannelEnd initiator;
    private ChannelEnd responder;
    private TransitTap tap;
    private ChannelState state = ChannelState.HANDSHAKING;
    private int confirmedCount;
    private String transcriptFingerprint;

    MigrationChannel(
        final int id,
        final int creatorSandboxId,
        final MigrationChannels owner,
        final ChannelListener listener,
        final Trace trace,
        final AuditSink audit,
        final int toResponderEndpointId,
        final int toInitiatorEndpointId)
    {
        this.id = id;
        this.creatorSandboxId = creatorSandboxId;
        this.owner = owner;
        this.listener = listener;
        this.trace = trace;
        this.audit = audit;
        this.toResponderEndpointId = toResponderEndpointId;
        this.toInitiatorEndpointId = toInitiatorEndpointId;
    }

    public int id()
    {
        return id;
    }

    public ChannelState state()
    {
        return state;
    }

    /** The sandbox that asked Core-0 for the channel (the Module Manager's). */
    public int creatorSandboxId()
    {
        return creatorSandboxId;
    }

    public ChannelEnd initiator()
    {
        return initiator;
    }

    public ChannelEnd responder()
    {
        return responder;
    }

    /**
     * The end bound to {@code sandboxId}: only the two instances the channel joins have one. Any other sandbox is
     * refused, and the refusal audited.
     *
     * @return the end, or null for a sandbox that is not a party to the channel.
     */
    public ChannelEnd end(final int sandboxId)
    {
        if (sandboxId == initiator.sandboxId())
        {
            return initiator;
        }
        if (sandboxId == responder.sandboxId())
        {
            return responder;
        }
        audit.record("channel.refused", Math.max(sandboxId, CapabilitySystem.CORE0),
            "op=end id=" + id + " sandbox=" + sandboxId + " reason=NOT_A_PARTY");
        return null;
    }

    /** The other end. */
    public ChannelEnd peerOf(final ChannelEnd end)
    {
        return end == initiator ? responder : initiator;
    }

    /**
     * The first hex digits of the SHA-256 of the handshake's transcript (public values only), once established;
     * null before. Two channels with the same fingerprint would have had the same ephemeral keys.
     */
    public String transcriptFingerprint()
    {
        return transcriptFingerprint;
    }

    /**
     * Puts a tap on the wire in both directions (fault injection: see {@link TransitTap}); null takes it off.
     */
    public void tap(final TransitTap tap)
    {
        this.tap = tap;
    }

    /**
     * Closes the channel: both ends drop their keys and queued messages, and Core-0 removes the two endpoints,
     * which deletes the instances' capabilities for them. Records still in flight are discarded (the endpoint
     * removal counts them in the trace). Closing a closed or failed channel does nothing.
     */
    public void close()
    {
        close("requested");
    }

    @Override
    public String toString()
    {
        return "MigrationChannel{id=" + id + ", state=" + state + '}';
    }

    int toResponderEndpointId()
    {
        return toResponderEndpointId;
    }

    int toInitiatorEndpointId()
    {
        return toInitiatorEndpointId;
    }

    void ends(final ChannelEnd initiator, final ChannelEnd responder)
    {
        this.initiator = initiator;
        this.responder = responder;
    }

    void start()
    {
        initiator.start();
        responder.start();
    }

    void close(final String reason)
    {
        if (!moveToFinal(ChannelState.CLOSED))
        {
            return;
        }
        final String detail = "id=" + id + " reason=" + reason + " " + counts("initiator", initiator) + " " +
            counts("responder", responder);
        trace.record("channel.close", detail);
        audit.record("channel.close", creatorSandboxId, detail);
        listener.onClosed(this, reason);
    }

    void transit(final ChannelEnd receiver, final ChannelMessage kind, final byte[] message, final TransitTap.Sink sink)
    {
        final TransitTap tap = this.tap;
        if (null == tap)
        {
            sink.deliver(kind, message);
        }
        else
        {
            tap.onTransit(receiver, kind, message, sink);
        }
    }

    void confirmed(final ChannelEnd end, final String fingerprint)
    {
        confirmedCount++;
        if (confirmedCount < 2)
        {
            return;
        }
        state = ChannelState.ESTABLISHED;
        transcriptFingerprint = fingerprint;
        final String detail = "id=" + id + " initiator=" + initiator.sandboxId() + " responder=" +
            responder.sandboxId() + " transcript=" + fingerprint;
        trace.record("channel.established", detail);
        audit.record("channel.established", creatorSandboxId, detail);
        listener.onEstablished(this);
    }

    void handshakeFailed(final ChannelEnd end, final HandshakeFailure failure)
    {
        if (!moveToFinal(ChannelState.FAILED))
        {
            return;
        }
        final String detail = "id=" + id + " end=" + end.sandboxId() + " reason=" + failure;
        trace.record("channel.failed", detail);
        audit.record("channel.failed", end.sandboxId(), detail);
        listener.onFailed(this, end, failure);
    }

    void refused(final ChannelEnd receiver, final RecordRefusal refusal, final long count)
    {
        final String detail = "id=" + id + " end=" + receiver.sandboxId() + " kind=" + refusal + " count=" + count;
        trace.record("channel.refused", detail);
        audit.record("channel.refused", receiver.sandboxId(), detail);
        listener.onRefused(receiver, refusal);
    }

    void delivered(final ChannelEnd receiver, final long sequence, final DirectBuffer payload, final int length)
    {
        listener.onDelivered(receiver, sequence, payload, 0, length);
    }

    /** Core-0 refused an end's send or receive: its capability is gone, or the endpoint. */
    void abort(final ChannelEnd end, final String operation, final int status)
    {
        audit.record("channel.refused", end.sandboxId(),
            "op=" + operation + " id=" + id + " end=" + end.sandboxId() + " status=" + status);
        close("ipc_refused");
    }

    /**
     * Moves to a final state, dropping the keys and the endpoints.
     *
     * @return false if the channel was final already.
     */
    private boolean moveToFinal(final ChannelState finalState)
    {
        if (state.isFinal())
        {
            return false;
        }
        state = finalState;
        initiator.destroy();
        responder.destroy();
        owner.release(this);
        return true;
    }

    private static String counts(final String role, final ChannelEnd end)
    {
        return role + "Sent=" + end.sentCount() + " " + role + "Delivered=" + end.deliveredCount() + " " + role +
            "Refused=" + end.refusedCount();
    }
}
