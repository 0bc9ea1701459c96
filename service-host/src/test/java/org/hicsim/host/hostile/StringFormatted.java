package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Formats through String.formatted, with the default locale. */
public final class StringFormatted extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, "%h".formatted(new Object()).hashCode());
    }
}
