package org.hicsim.services.faulty;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ServiceContext;

/**
 * Fault {@value #KIND}: netstack 1.3.0 whose every request, once the fault is armed, costs
 * {@value #EXTRA_CPU_PERCENT_KEY} (by default {@value #EXTRA_CPU_PERCENT_DEFAULT}) percent more CPU. Netstack
 * charges each request's work through {@link ServiceContext#compute}; here it runs in a context that charges that
 * much more ({@link SlowerCpuContext}), so the extra work is taken from the sandbox's CPU quota like the rest.
 */
public final class SlowNetstack extends DelayedFaultNetstack
{
    public static final String KIND = "slow";
    public static final String EXTRA_CPU_PERCENT_KEY = "fault.extra_cpu_percent";
    public static final long EXTRA_CPU_PERCENT_DEFAULT = 50;
    /** Ten times slower at the most. */
    public static final long EXTRA_CPU_PERCENT_MAX = 900;

    @Override
    protected ServiceContext netstackContext(final ServiceContext context)
    {
        return new SlowerCpuContext(context, this);
    }

    /**
     * @throws IllegalArgumentException when the percentage is not an integer from 0 to
     *                                  {@value #EXTRA_CPU_PERCENT_MAX}.
     */
    @Override
    protected long parameter(final Configuration configuration)
    {
        return integerIn(configuration, EXTRA_CPU_PERCENT_KEY, EXTRA_CPU_PERCENT_DEFAULT, 0, EXTRA_CPU_PERCENT_MAX);
    }

    /** What CPU work costs more now, in percent: the configured share once armed, nothing before. */
    long extraPercent()
    {
        return isArmed() ? parameter() : 0;
    }
}
