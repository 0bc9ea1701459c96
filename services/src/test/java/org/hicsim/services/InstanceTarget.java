package org.hicsim.services;

import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Status;

/**
 * Delivers migrated connections to a new instance's {@code activate_connection}, through its crash guard, as the
 * Module Manager does.
 */
public final class InstanceTarget implements ConnectionTarget
{
    private final ServiceKernel.Instance target;

    public InstanceTarget(final ServiceKernel.Instance target)
    {
        this.target = target;
    }

    @Override
    public int sandboxId()
    {
        return target.sandboxId;
    }

    @Override
    public int deliver(final long connectionId, final byte[] state, final int stateLength,
        final long bufferRegionHandle)
    {
        final Integer status = target.call(
            () -> target.service.activateConnection(connectionId, state, stateLength, bufferRegionHandle));
        return status == null ? Status.CALL_FAILED : status;
    }
}
