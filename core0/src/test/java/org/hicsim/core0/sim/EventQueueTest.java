package org.hicsim.core0.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

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

    @Property
    void shouldKeepOrderWhenPollsInterleaveWithAddsAcrossGrowth(
        @ForAll @Size(max = 5000) final List<@LongRange(min = -1, max = 50) Long> operations)
    {
        final EventQueue queue = new EventQueue();
        final PriorityQueue<long[]> expected =
            new PriorityQueue<>(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        final EventQueue.PolledEvent polled = new EventQueue.PolledEvent();
        final EventHandler handler = arg -> { };
        long sequence = 0;
        for (final long operation : operations)
        {
            if (operation < 0 && !expected.isEmpty())
            {
                final long[] event = expected.poll();
                assertEquals(event[0], queue.poll(polled));
                assertEquals(event[1], polled.arg());
            }
            else if (operation >= 0)
            {
                queue.add(operation, handler, sequence);
                expected.add(new long[] { operation, sequence++ });
            }
        }
        assertEquals(expected.size(), queue.size());
    }

    @Test
    void shouldRefusePollWhenEmpty()
    {
        assertThrows(IllegalStateException.class, () -> new EventQueue().poll(new EventQueue.PolledEvent()));
    }
}
