package org.hicsim.services.faulty;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/**
 * Fault {@value #KIND}: once armed, answers a fraction {@value #RATE_KEY} (by default {@value #RATE_DEFAULT}) of
 * requests {@link Status#INTERNAL_ERROR} without serving them, and the rest as netstack 1.3.0 does. Which ones
 * is drawn from the sandbox's random source ({@link org.hicsim.core0.spi.ServiceContext#nextRandom()}), derived
 * from the run's seed: the same requests fail in every run of a seed, other ones under another seed.
 */
public final class ErrorRateNetstack extends DelayedFaultNetstack
{
    public static final String KIND = "error-rate";
    public static final String RATE_KEY = "fault.rate";
    public static final double RATE_DEFAULT = 0.05;

    /** A draw is its output's top 53 bits read as a fraction of one, as {@code SplittableRandom} does. */
    private static final int FRACTION_BITS = 53;

    /** Fails the request when the draw falls below the rate, kept as the number of failing draws of 2^53. */
    @Override
    protected void handleArmed(final Message request, final Message reply)
    {
        if (context().nextRandom() >>> (Long.SIZE - FRACTION_BITS) < parameter())
        {
            reply.clear().operation(request.operation()).connectionId(request.connectionId())
                .status(Status.INTERNAL_ERROR);
            return;
        }
        super.handleArmed(request, reply);
    }

    /**
     * @throws IllegalArgumentException when the rate is not a plain decimal from 0 to 1.
     */
    @Override
    protected long parameter(final Configuration configuration)
    {
        final double rate = configuration.decimal(RATE_KEY, RATE_DEFAULT);
        if (rate < 0 || rate > 1)
        {
            throw new IllegalArgumentException("key=" + RATE_KEY + " value=" + rate + " outside 0..1");
        }
        return (long)(rate * (1L << FRACTION_BITS));
    }
}
