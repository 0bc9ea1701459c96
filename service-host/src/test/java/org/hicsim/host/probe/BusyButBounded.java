package org.hicsim.host.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/**
 * Honest work that a meter must not mistake for a runaway: per request it builds a text of a few thousand
 * appends, sorts a list, fills and reads a map, and drops it all, again and again.
 */
public final class BusyButBounded extends NoOpService
{
    public static final int ITEMS = 2_000;

    @Override
    public void handle(final Message request, final Message reply)
    {
        final StringBuilder text = new StringBuilder();
        final List<Integer> values = new ArrayList<>();
        final Map<Integer, String> names = new HashMap<>();
        for (int i = 0; i < ITEMS; i++)
        {
            final Integer value = (i * 7919) % ITEMS;
            text.append((Object)value).append(',');
            values.add(value);
            names.put(value, "n" + value);
        }
        Collections.sort(values);
        long sum = 0;
        for (final Integer value : values)
        {
            sum += names.get(value).length();
        }
        reply.argument(0, sum).argument(1, text.length());
    }
}
