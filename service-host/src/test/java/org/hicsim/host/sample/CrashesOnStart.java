package org.hicsim.host.sample;

import org.hicsim.core0.spi.ServiceContext;

/** Fails its cold start. */
public final class CrashesOnStart extends NoOpService
{
    @Override
    public void init(final ServiceContext context)
    {
        throw new IllegalStateException("no configuration");
    }
}
