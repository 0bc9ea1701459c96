package org.hicsim.host;

import org.hicsim.core0.spi.ConnectionTarget;

/**
 * A {@link ConnectionTarget} that is another loaded instance: the old service sees only the new one's sandbox id
 * and this delivery call, which runs the new service's {@code activate_connection} inside the new sandbox's
 * boundary, so a crash there kills the new instance and tells the old one {@link ServiceInstance#DEAD}.
 */
final class InstanceConnectionTarget implements ConnectionTarget
{
    private final ServiceInstance target;

    InstanceConnectionTarget(final ServiceInstance target)
    {
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
        return target.activateConnection(connectionId, state, stateLength, bufferRegionHandle);
    }
}
