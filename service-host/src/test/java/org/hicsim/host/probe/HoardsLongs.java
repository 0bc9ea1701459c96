package org.hicsim.host.probe;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Keeps 256 MiB of longs per request, in a sandbox of 64 KiB. */
public final class HoardsLongs extends NoOpService
{
    public static final int LONGS_PER_REQUEST = 32 << 20;

    private final List<long[]> hoard = new ArrayList<>();

    @Override
    public void handle(final Message request, final Message reply)
    {
        hoard.add(new long[LONGS_PER_REQUEST]);
        reply.argument(0, hoard.size());
    }
}
