package org.hicsim.services.faulty;

import org.hicsim.core0.spi.ServiceContext;

/**
 * Fault {@value #KIND}: {@code init} throws before netstack is set up, so the host kills the sandbox as it
 * starts and the update never gets a new instance to migrate to.
 */
public final class CrashOnStartNetstack extends FaultyNetstack
{
    public static final String KIND = "crash-on-start";

    @Override
    public void init(final ServiceContext context)
    {
        throw new IllegalStateException(KIND + ": netstack 1.3.0 built to fail at start, sandboxId="
            + context.sandboxId());
    }
}
