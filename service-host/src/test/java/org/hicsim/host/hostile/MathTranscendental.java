package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Uses Math.sin, whose result may differ by an ulp from host to host and between interpreted and compiled code. */
public final class MathTranscendental extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, Double.doubleToLongBits(Math.sin(request.argument(0))));
    }
}
