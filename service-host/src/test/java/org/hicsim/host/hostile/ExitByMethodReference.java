package org.hicsim.host.hostile;

import java.util.function.IntConsumer;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Hides System.exit in a method reference, which javac turns into a bootstrap argument. */
public final class ExitByMethodReference extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        final IntConsumer exit = System::exit;
        exit.accept(1);
    }
}
