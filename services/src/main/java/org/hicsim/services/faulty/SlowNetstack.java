package org.hicsim.services.faulty;

import org.hicsim.core0.spi.ServiceContext;

/**
 * Fault {@value #KIND}: netstack 1.3.0 whose every request costs {@value #PERCENT}% more CPU. Netstack charges
 * each request's work through {@link ServiceContext#compute}; here it runs in a context that charges that much
 * more ({@link SlowerCpuContext}), so the extra work is taken from the sandbox's CPU quota like the rest.
 */
public final class SlowNetstack extends FaultyNetstack
{
    public static final String KIND = "slow";
    public static final long PERCENT = 50;

    @Override
    protected ServiceContext netstackContext(final ServiceContext context)
    {
        return new SlowerCpuContext(context, PERCENT);
    }
}
