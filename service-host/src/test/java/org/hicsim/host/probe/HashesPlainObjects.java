package org.hicsim.host.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.host.sample.NoOpService;

/**
 * Reads identity hashes every way the JDK offers one: the text of a plain object, of an array and of a lambda;
 * the order of a HashMap of plain objects and of a HashSet of enum constants; the order of Set.of; a record's hash
 * with an enum component; a failed cast's message. Replies with the text of it all as payload, and its hash.
 */
public final class HashesPlainObjects extends NoOpService
{
    private record Pair(Quiescence level, long value)
    {
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        final StringBuilder seen = new StringBuilder();
        seen.append("" + new Object()).append(' ').append("" + new int[1]).append(' ');
        final LongSupplier lambda = () -> 1;
        seen.append(String.valueOf(lambda)).append(' ');

        final Map<Object, Integer> plain = new HashMap<>();
        final List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 16; i++)
        {
            final Object key = new Object();
            keys.add(key);
            plain.put(key, i);
        }
        for (final Object key : plain.keySet())
        {
            seen.append(keys.indexOf(key)).append(',');
        }
        final Set<Quiescence> levels = new HashSet<>(List.of(Quiescence.values()));
        seen.append(' ').append(levels).append(' ').append(Set.of("a", "b", "c", "d", "e", "f", "g"));
        seen.append(' ').append(new Pair(Quiescence.WORK_FREE, 7).hashCode());
        seen.append(' ').append(List.of(Quiescence.WORK_FREE).hashCode());
        try
        {
            final Object notAString = lambda;
            seen.append(((String)notAString).length());
        }
        catch (final ClassCastException ex)
        {
            seen.append(' ').append(ex.getMessage());
        }
        final String text = seen.toString();
        final int length = Math.min(text.length(), Message.PAYLOAD_LENGTH_MAX);
        final byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)text.charAt(i);
        }
        reply.payload(payload, 0, length).argument(0, text.hashCode());
    }
}
