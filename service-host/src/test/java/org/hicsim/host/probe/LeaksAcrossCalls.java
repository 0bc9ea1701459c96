package org.hicsim.host.probe;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** A slow leak: each request keeps 16 KiB for ever, each call well within the allowance. */
public final class LeaksAcrossCalls extends NoOpService
{
    public static final int BYTES_PER_REQUEST = 16 * 1024;

    private static final List<byte[]> LEAKED = new ArrayList<>();

    @Override
    public void handle(final Message request, final Message reply)
    {
        LEAKED.add(new byte[BYTES_PER_REQUEST]);
        reply.argument(0, LEAKED.size());
    }
}
