package org.hicsim.core0.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventQueueTest
{
    @Property
    void shouldPollInDueTimeThenInsertionOrder(
        @ForAll @Size(max = 3000) final List<@LongRange(min = 0, max = 50) Long> dueTimes)
    {
        final EventQueue queue = new EventQueue();
        final List<long[]> expected = new ArrayList<>();
        final EventHandler handler = arg -> { };
        for (int i = 0; i < dueTimes.size(); i++)
        {
            queue.add(dueTimes.get(i), handler, i);
            expected.add(new long[] { dueTimes.get(i), i });
        }
        expected.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));

        final EventQueue.PolledEvent polled = new EventQueue.PolledEvent();
        for (final long[] event : expected)
        {
            assertEquals(event[0], queue.poll(polled));
            assertEquals(event[1], polled.arg());
        }
        assertEquals(0, queue.size());
    }

    @Test
    void shouldRefusePollWhenEmpty()
    {
        assertThrows(IllegalStateException.class, () -> new EventQueue().poll(new EventQueue.PolledEvent()));
    }
}
