package org.hicsim.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cap.HandleDescriptor;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * The {@link ConnectionTarget} a sending instance's service sees during one {@code migrate_connection}: it
 * delivers to the real target, and when the target refuses the connection, gives the sender back the capability
 * it had transferred with it (a connection's buffer region), so a refused delivery leaves nothing behind in the
 * target, where it would fill its capability space and hold the sender's pages.
 * <p>
 * Core-0 moves the capability back as the target ({@code transfer} from the target's space to the sender's: a
 * region's pages, frames and quota go with it) during the delivery, and {@link ServiceInstance} hands it to the
 * sender's service through {@code activate_connection} once its {@code migrate_connection} has returned, as the
 * connection coming back (the SPI's reverse migration), so no service code runs inside another's call. When the
 * sender cannot take it (its space is full, its quota spent), Core-0 deletes it in the target instead: the region
 * ends there, and the slot is free. A target that died in the delivery took the capability with it: its space is
 * gone, and with it the region.
 */
final class HandBackTarget implements ConnectionTarget
{
    private final Kernel kernel;
    private final int senderSandboxId;
    private final ConnectionTarget target;
    private final List<Returned> returned = new ArrayList<>(0);

    /** A refused connection whose capability is the sender's again, waiting to be handed to its service. */
    record Returned(long connectionId, byte[] state, long handle)
    {
    }

    HandBackTarget(final Kernel kernel, final int senderSandboxId, final ConnectionTarget target)
    {
        this.kernel = kernel;
        this.senderSandboxId = senderSandboxId;
        this.target = target;
    }

    @Override
    public int sandboxId()
    {
        return target.sandboxId();
    }

    @Override
    public int deliver(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        final int delivered = target.deliver(connectionId, state, stateLength, bufferRegionHandle);
        if (delivered != Status.OK && bufferRegionHandle != ServiceContext.NO_CAPABILITY)
        {
            takeBack(connectionId, state, stateLength, bufferRegionHandle, delivered);
        }
        return delivered;
    }

    /** The refused connections whose capabilities came back, in the order they were refused. */
    List<Returned> returned()
    {
        return returned;
    }

    private void takeBack(
        final long connectionId, final byte[] state, final int stateLength, final long handle, final int refusal)
    {
        final int targetSandboxId = target.sandboxId();
        if (kernel.sandboxes().live(targetSandboxId) == null
            || kernel.capabilities().find(targetSandboxId, handle) == null)
        {
            return;
        }
        final SystemCalls asTarget = kernel.systemCalls(targetSandboxId);
        final long back = asTarget.transfer(handle, senderSandboxId);
        if (back < 0)
        {
            asTarget.delete(handle);
        }
        kernel.simulation().trace().record("service.handback", "sandbox=" + senderSandboxId + " from="
            + targetSandboxId + " connection=" + connectionId + " refusal=" + Status.name(refusal) + " handle="
            + (back < 0 ? "deleted(transfer=" + back + ")" : HandleDescriptor.toString(back)));
        if (back >= 0)
        {
            final boolean stateValid = state != null && stateLength >= 0 && stateLength <= state.length;
            returned.add(new Returned(
                connectionId, stateValid ? Arrays.copyOf(state, stateLength) : new byte[0], back));
        }
    }
}
