package org.hicsim.host.sample;

/** Crashes when handed a connection. */
public final class ThrowsInActivate extends NoOpService
{
    @Override
    public int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        throw new IllegalArgumentException("connection " + connectionId);
    }
}
