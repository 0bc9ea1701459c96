package org.hicsim.host.probe;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Grows a JDK list without bound, each element a shared object: the list's own storage is what grows. */
public final class GrowsAList extends NoOpService
{
    private final List<Boolean> items = new ArrayList<>();

    @Override
    public void handle(final Message request, final Message reply)
    {
        while (request.operation() >= 0)
        {
            items.add(Boolean.TRUE);
        }
        reply.argument(0, items.size());
    }
}
