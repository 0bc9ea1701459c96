package org.hicsim.mm.channel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapFlags;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.sandbox.Sandbox;

/**
 * Core-0's side of migration channels: it makes a channel between two instances when a sandbox that controls
 * both asks (the Module Manager, during an update), and ends every channel an instance or its creator was part
 * of when that sandbox dies.
 * <p>
 * A channel is a pair of Core-0 IPC endpoints, not an object handed around: that way the kernel's own capability
 * check guards every message. Endpoint "to the responder" is owned by the responder, which alone holds READ on
 * it, and the initiator alone holds WRITE; the other direction likewise. All four capabilities are
 * {@link CapFlags#PINNED}, so an instance cannot pass its end on, and a third sandbox, holding none, can neither
 * read nor write either endpoint. The channel key that authenticates the handshake is drawn here, from the
 * seeded source the caller gives, and handed to the two ends only.
 */
public final class MigrationChannels
{
    /** The right a creator's control capability for each instance must carry. */
    public static final int CONTROL_RIGHTS = Rights.WRITE;

    private final Kernel kernel;
    private final SplittableRandom random;
    private final ChannelConfig config;
    private final List<MigrationChannel> open = new ArrayList<>();
    private int nextId = 1;

    /**
     * @param random the run's seeded source for channel keys and ephemeral keys (a split of the simulation's):
     *               the same seed gives the same keys, byte for byte.
     */
    public MigrationChannels(final Kernel kernel, final SplittableRandom random, final ChannelConfig config)
    {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.random = Objects.requireNonNull(random, "random");
        this.config = Objects.requireNonNull(config, "config");
        kernel.sandboxes().addListener((sandboxId, name, reason) -> onTerminated(sandboxId));
    }

    /**
     * Makes a channel between the two instances the caller's control capabilities name, the first as initiator,
     * and starts its handshake. A privileged act: {@code actorSandboxId} must hold both capabilities, each a
     * {@link ObjectKind#SANDBOX_CONTROL} with {@link #CONTROL_RIGHTS}. Every refusal is traced and audited.
     *
     * @param listener told of deliveries, refusals, establishment, failure and close.
     * @return the channel's id ({@code >= 1}, never reused), or a negative code: a {@link CapError} when a
     * capability check fails (or an instance is not live), {@link ChannelError#SAME_SANDBOX}, or
     * {@link CapError#TABLE_FULL} when an instance has no free capability slot.
     */
    public int create(
        final int actorSandboxId,
        final long initiatorControlHandle,
        final long responderControlHandle,
        final ChannelListener listener)
    {
        Objects.requireNonNull(listener, "listener");
        final CapabilitySystem capabilities = kernel.capabilities();
        final int initiatorId = capabilities.check(
            actorSandboxId, initiatorControlHandle, ObjectKind.SANDBOX_CONTROL, CONTROL_RIGHTS);
        if (initiatorId < 0)
        {
            return refuse(actorSandboxId, "initiator", CapError.fromCode(initiatorId).toString(), initiatorId);
        }
        final int responderId = capabilities.check(
            actorSandboxId, responderControlHandle, ObjectKind.SANDBOX_CONTROL, CONTROL_RIGHTS);
        if (responderId < 0)
        {
            return refuse(actorSandboxId, "responder", CapError.fromCode(responderId).toString(), responderId);
        }
        if (initiatorId == responderId)
        {
            return refuse(actorSandboxId, "both", ChannelError.SAME_SANDBOX.toString(), ChannelError.SAME_SANDBOX.code());
        }
        final Sandbox initiatorSandbox = kernel.sandboxes().live(initiatorId);
        final Sandbox responderSandbox = kernel.sandboxes().live(responderId);
        if (null == initiatorSandbox || null == responderSandbox)
        {
            return refuse(actorSandboxId, "both", CapError.NO_SUCH_SANDBOX.toString(), CapError.NO_SUCH_SANDBOX.code());
        }

        final int id = nextId;
        final int toResponder = createEndpoint(id, responderId);
        final int toInitiator = createEndpoint(id, initiatorId);
        final long[] handles = {
            issue(initiatorId, toResponder, Rights.WRITE),
            issue(initiatorId, toInitiator, Rights.READ),
            issue(responderId, toInitiator, Rights.WRITE),
            issue(responderId, toResponder, Rights.READ)};
        for (final long handle : handles)
        {
            if (handle < 0)
            {
                removeEndpoint(toResponder);
                removeEndpoint(toInitiator);
                return refuse(actorSandboxId, "issue", CapError.fromCode(handle).toString(), (int)handle);
            }
        }
        nextId++;

        final MigrationChannel channel = new MigrationChannel(id, actorSandboxId, this, listener,
            kernel.simulation().trace(), kernel.audit(), toResponder, toInitiator);
        final SplittableRandom channelRandom = random.split();
        final byte[] channelKey = new byte[ChannelHandshake.CHANNEL_KEY_LENGTH];
        SeededBytes.fill(channelKey, channelRandom);
        final ChannelEnd initiator = end(channel, ChannelRole.INITIATOR, initiatorSandbox, responderSandbox,
            handles[0], handles[1], channelKey, channelRandom.split());
        final ChannelEnd responder = end(channel, ChannelRole.RESPONDER, responderSandbox, initiatorSandbox,
            handles[2], handles[3], channelKey, channelRandom.split());
        Arrays.fill(channelKey, (byte)0);
        channel.ends(initiator, responder);
        kernel.endpoints().get(toInitiator).deliveryListener(initiator.inboundDue(), 0);
        kernel.endpoints().get(toResponder).deliveryListener(responder.inboundDue(), 0);
        open.add(channel);

        final String detail = "id=" + id + " actor=" + actorSandboxId + " initiator=" + initiatorId +
            " initiatorUuid=" + initiatorSandbox.uuid() + " responder=" + responderId + " responderUuid=" +
            responderSandbox.uuid() + " toInitiator=" + toInitiator + " toResponder=" + toResponder +
            " payloadLengthMax=" + config.payloadLengthMax();
        kernel.simulation().trace().record("channel.create", detail);
        kernel.audit().record("channel.create", actorSandboxId, detail);
        channel.start();
        return id;
    }

    /**
     * @return the open channel of this id (handshaking or established), or null.
     */
    public MigrationChannel channel(final int id)
    {
        for (final MigrationChannel channel : open)
        {
            if (channel.id() == id)
            {
                return channel;
            }
        }
        return null;
    }

    /** Channels not yet closed or failed. */
    public int openCount()
    {
        return open.size();
    }

    public ChannelConfig config()
    {
        return config;
    }

    /** A channel reached a final state: its endpoints go, and with them the instances' capabilities. */
    void release(final MigrationChannel channel)
    {
        removeEndpoint(channel.toResponderEndpointId());
        removeEndpoint(channel.toInitiatorEndpointId());
        open.remove(channel);
    }

    private ChannelEnd end(
        final MigrationChannel channel,
        final ChannelRole role,
        final Sandbox self,
        final Sandbox peer,
        final long sendHandle,
        final long receiveHandle,
        final byte[] channelKey,
        final SplittableRandom endRandom)
    {
        return new ChannelEnd(channel, role, self.id(), self.uuid(), peer.uuid(), kernel.systemCalls(self.id()),
            sendHandle, receiveHandle, kernel.cpu(), kernel.costs(), config.payloadLengthMax(), channelKey, endRandom);
    }

    private int createEndpoint(final int channelId, final int ownerSandboxId)
    {
        final int endpointId = kernel.endpoints().create("channel-" + channelId + "-to-" + ownerSandboxId,
            ownerSandboxId, EndpointType.GENERIC, config.ringCapacity(), kernel.costs().ipcLatencyNs());
        kernel.endpoints().moveTo(endpointId, EndpointState.ACTIVE);
        return endpointId;
    }

    private long issue(final int sandboxId, final int endpointId, final int rights)
    {
        return kernel.capabilities().issue(
            CapabilitySystem.CORE0, sandboxId, ObjectKind.IPC_ENDPOINT, endpointId, rights, CapFlags.PINNED);
    }

    /** Removes an endpoint unless it went already (with its owner's sandbox), and every capability naming it. */
    private void removeEndpoint(final int endpointId)
    {
        if (kernel.endpoints().contains(endpointId))
        {
            kernel.capabilities().revokeObject(ObjectKind.IPC_ENDPOINT, endpointId);
            kernel.endpoints().remove(endpointId);
        }
    }

    private int refuse(final int actorSandboxId, final String subject, final String reason, final int code)
    {
        final String detail = "op=create actor=" + actorSandboxId + " subject=" + subject + " reason=" + reason;
        kernel.simulation().trace().record("channel.refused", detail);
        kernel.audit().record("channel.refused", Math.max(actorSandboxId, CapabilitySystem.CORE0), detail);
        return code;
    }

    /** An instance or a creator died: its channels end with it, their keys dropped. */
    private void onTerminated(final int sandboxId)
    {
        for (final MigrationChannel channel : List.copyOf(open))
        {
            if (channel.creatorSandboxId() == sandboxId)
            {
                channel.close("creator_terminated");
            }
            else if (channel.initiator().sandboxId() == sandboxId || channel.responder().sandboxId() == sandboxId)
            {
                channel.close("sandbox_terminated");
            }
        }
    }
}
