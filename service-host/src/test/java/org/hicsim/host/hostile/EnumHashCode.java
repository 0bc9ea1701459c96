package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.host.sample.NoOpService;

/** Replies with an enum constant's hash, which Enum.hashCode takes from the object's identity. */
public final class EnumHashCode extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, Quiescence.WORK_FREE.hashCode());
    }
}
