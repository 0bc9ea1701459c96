package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Reads the JDK's Unicode name table, a file, through Character.getName. */
public final class CharacterName extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, Character.getName(65).length());
    }
}
