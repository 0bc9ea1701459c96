package org.hicsim.services.faulty;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.common.SplitMix64;

/**
 * Fault {@value #KIND}: answers a fraction {@value #P} of requests {@link Status#INTERNAL_ERROR} without serving
 * them, and the rest as netstack 1.3.0 does. Which ones is drawn from SplitMix64 seeded with {@link #SEED},
 * whose state lives in sandbox memory, so the same requests fail in every run.
 */
public final class ErrorRateNetstack extends FaultyNetstack
{
    public static final String KIND = "error-rate";
    public static final double P = 0.05;
    public static final long SEED = 0x5EED_E550_0000_0005L;

    /** A draw is its output's top 53 bits read as a fraction of one, as {@code SplittableRandom} does. */
    private static final int FRACTION_BITS = 53;
    /** The draws below which a request fails: {@link #P} of the 2^53 possible. */
    private static final long FAILING_DRAWS = (long)(P * (1L << FRACTION_BITS));

    @Override
    public void init(final ServiceContext context)
    {
        super.init(context);
        context.storeLong(faultState() + FaultStateDescriptor.GENERATOR_OFFSET, SEED);
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        final long draw = SplitMix64.next(context(), faultState() + FaultStateDescriptor.GENERATOR_OFFSET);
        if (draw >>> (Long.SIZE - FRACTION_BITS) < FAILING_DRAWS)
        {
            reply.clear().operation(request.operation()).connectionId(request.connectionId())
                .status(Status.INTERNAL_ERROR);
            return;
        }
        super.handle(request, reply);
    }
}
