package org.hicsim.host.sample;

import org.hicsim.core0.spi.Status;

/** Refuses every connection handed to it, and leaves the capability that came with it where it is. */
public final class RefusesConnections extends NoOpService
{
    @Override
    public int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        return Status.NO_CAPACITY;
    }
}
