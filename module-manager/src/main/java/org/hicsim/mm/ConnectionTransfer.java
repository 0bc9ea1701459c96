package org.hicsim.mm;

import java.util.Arrays;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.ServiceInstance;

/**
 * One connection carried from one instance to the other over the update's migration channel (HIC 3.3, step
 * 3.3.2): the sender's {@code migrate_connection} freezes it, writes its final state and has Core-0 transfer its
 * buffer region's capability to the receiver; the state and the handle go as one sealed parcel, which the
 * receiver opens and {@code activate_connection}s. When the parcel cannot be delivered (the channel refused a
 * record or closed) or the receiver refuses it, the connection goes back to the sender as it was: Core-0 moves the
 * capability back, and the sender takes its own connection up again from the state it wrote, so a failed transfer
 * leaves nothing behind in the receiver and can be tried again.
 */
final class ConnectionTransfer
{
    /** Where the connection is after a transfer. */
    enum Outcome
    {
        /** With the receiver, which serves it. */
        MOVED,
        /** Still with the sender, which refused to send it: it may be tried again. */
        KEPT,
        /** Back with the sender: the parcel was not delivered, or the receiver refused it. It may be tried again. */
        RETURNED,
        /** With neither: its buffer or an instance is gone. */
        LOST
    }

    /** What the transfer's caller is told, once. */
    @FunctionalInterface
    interface Done
    {
        /**
         * @param parcel what the sender handed over (null when it sent nothing).
         * @param why    a word for the trace when it did not move.
         */
        void done(Outcome outcome, StateInTransit.Parcel parcel, String why);
    }

    private final Kernel kernel;
    private final UpdateChannel channel;

    ConnectionTransfer(final Kernel kernel, final UpdateChannel channel)
    {
        this.kernel = kernel;
        this.channel = channel;
    }

    void transfer(final ServiceInstance from, final ServiceInstance to, final long connectionId, final Done done)
    {
        final Capture capture = new Capture(to.sandboxId());
        final int status = from.migrateConnection(connectionId, capture);
        if (status != Status.OK || capture.parcel == null)
        {
            done.done(status == Status.OK || !from.isAlive() ? Outcome.LOST : Outcome.KEPT, null, "migrate_connection_"
                + Status.name(status));
            return;
        }
        final StateInTransit.Parcel parcel = capture.parcel;
        channel.carry(from, StateInTransit.encode(parcel), new UpdateChannel.Carried()
        {
            @Override
            public void onOpened(final byte[] payload)
            {
                final StateInTransit.Parcel opened = StateInTransit.decodeParcel(payload);
                final int activated = to.activateConnection(opened.connectionId(), opened.state(),
                    opened.state().length, opened.bufferHandle());
                if (activated == Status.OK)
                {
                    done.done(Outcome.MOVED, parcel, "");
                }
                else
                {
                    done.done(giveBack(from, to, parcel), parcel, "activate_" + Status.name(activated));
                }
            }

            @Override
            public void onRefused(final String why)
            {
                done.done(giveBack(from, to, parcel), parcel, why);
            }
        });
    }

    /**
     * The parcel goes back to its sender: Core-0 moves the buffer capability back (as the receiver, which holds
     * it), and the sender activates its own connection from the state it wrote.
     *
     * @return {@link Outcome#RETURNED}, or {@link Outcome#LOST}.
     */
    private Outcome giveBack(final ServiceInstance from, final ServiceInstance to, final StateInTransit.Parcel parcel)
    {
        long handle = ServiceContext.NO_CAPABILITY;
        if (parcel.bufferHandle() != ServiceContext.NO_CAPABILITY)
        {
            if (kernel.sandboxes().live(to.sandboxId()) == null
                || kernel.capabilities().find(to.sandboxId(), parcel.bufferHandle()) == null)
            {
                return Outcome.LOST;
            }
            handle = kernel.systemCalls(to.sandboxId()).transfer(parcel.bufferHandle(), from.sandboxId());
            if (handle < 0)
            {
                return Outcome.LOST;
            }
        }
        final int taken = from.activateConnection(parcel.connectionId(), parcel.state(), parcel.state().length,
            handle);
        kernel.simulation().trace().record("mm.connection.returned", "sandbox=" + from.sandboxId() + " from="
            + to.sandboxId() + " connection=" + Long.toHexString(parcel.connectionId()) + " status="
            + Status.name(taken));
        return taken == Status.OK ? Outcome.RETURNED : Outcome.LOST;
    }

    /**
     * What the sending service sees as its target: it takes the parcel as it is handed over and accepts it, so
     * the sender marks the connection migrated; the parcel then travels sealed.
     */
    private static final class Capture implements ConnectionTarget
    {
        private final int sandboxId;
        private StateInTransit.Parcel parcel;

        Capture(final int sandboxId)
        {
            this.sandboxId = sandboxId;
        }

        @Override
        public int sandboxId()
        {
            return sandboxId;
        }

        @Override
        public int deliver(final long connectionId, final byte[] state, final int stateLength,
            final long bufferRegionHandle)
        {
            if (parcel != null || state == null || stateLength < 0 || stateLength > state.length)
            {
                return Status.INVALID_ARGUMENT;
            }
            parcel = new StateInTransit.Parcel(connectionId, bufferRegionHandle, Arrays.copyOf(state, stateLength));
            return Status.OK;
        }
    }
}
