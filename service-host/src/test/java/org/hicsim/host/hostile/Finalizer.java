package org.hicsim.host.hostile;

import org.hicsim.host.sample.NoOpService;

/** Runs code on the JVM's finalizer thread, outside every call the host makes. */
public final class Finalizer extends NoOpService
{
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize()
    {
        context.storeByte(context.memoryBase(), (byte)1);
    }
}
