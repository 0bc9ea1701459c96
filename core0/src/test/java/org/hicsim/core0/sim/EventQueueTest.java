package org.hicsim.core0.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongPredicate;

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
        replayAgainstModel(operations, operation -> operation < 0, 1);
    }

    @Property
    void shouldKeepOrderWhenFewPendingEventsMoveBetweenRingAndHeap(
        @ForAll @Size(max = 3000) final List<@LongRange(min = -3, max = 40) Long> operations)
    {
        // Polls as likely as adds keep the queue around the ring's capacity and the heap's return size, so its
        // events move between the two again and again; the small delays make equal due times common.
        replayAgainstModel(operations, operation -> operation < 0 || operation % 2 == 1, 4);
    }

    @Test
    void shouldAcceptEventsAtThePolledTimeAfterItsEventsMovedBackToTheRing()
    {
        final EventQueue queue = new EventQueue();
        final EventQueue.PolledEvent polled = new EventQueue.PolledEvent();
        final EventHandler handler = arg -> { };
        for (int i = 0; i <= SortedEventRing.CAPACITY; i++)
        {
            queue.add(100 + i, handler, i);
        }
        while (queue.size() > EventQueue.RING_RETURN_SIZE)
        {
            queue.poll(polled);
        }
        final long lastPolled = 100 + SortedEventRing.CAPACITY - EventQueue.RING_RETURN_SIZE;
        queue.add(lastPolled, handler, -1);
        assertEquals(lastPolled, queue.poll(polled));
        assertEquals(-1, polled.arg());
        assertThrows(IllegalArgumentException.class, () -> queue.add(lastPolled - 1, handler, -2));
    }

    @Property
    void shouldPollInOrderWhenDelaysSpanEveryBucket(
        @ForAll @Size(max = 500) final List<@LongRange(min = 0, max = Long.MAX_VALUE / 4) Long> delays)
    {
        final EventQueue queue = new EventQueue();
        final PriorityQueue<long[]> expected =
            new PriorityQueue<>(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        final EventQueue.PolledEvent polled = new EventQueue.PolledEvent();
        final EventHandler handler = arg -> { };
        long now = 0;
        for (int i = 0; i < delays.size(); i++)
        {
            // Every third step polls, so later delays start from later clocks.
            if (i % 3 == 2)
            {
                now = queue.poll(polled);
                final long[] event = expected.poll();
                assertEquals(event[0], now);
                assertEquals(event[1], polled.arg());
                assertEquals(event[0], now);
            }
            queue.add(now + delays.get(i) % (Long.MAX_VALUE / 4), handler, i);
            expected.add(new long[] { now + delays.get(i) % (Long.MAX_VALUE / 4), i });
        }
        while (!expected.isEmpty())
        {
            final long[] event = expected.poll();
            assertEquals(event[0], queue.peekDueTime());
            assertEquals(event[0], queue.poll(polled));
            assertEquals(event[1], polled.arg());
        }
        assertEquals(0, queue.size());
    }

    @Test
    void shouldRefuseEventDueBeforeTheLastPolledOne()
    {
        final EventQueue queue = new EventQueue();
        queue.add(10, arg -> { }, 0);
        queue.poll(new EventQueue.PolledEvent());
        assertThrows(IllegalArgumentException.class, () -> queue.add(9, arg -> { }, 1));
    }

    @Test
    void shouldRefusePollWhenEmpty()
    {
        assertThrows(IllegalStateException.class, () -> new EventQueue().poll(new EventQueue.PolledEvent()));
    }

    /**
     * Adds (a delay of the operation over {@code delayDivisor}) and polls on the queue and on a model ordered by
     * (due time, insertion), checking each poll, and the peek before it, against the model.
     */
    private static void replayAgainstModel(
        final List<Long> operations, final LongPredicate isPoll, final long delayDivisor)
    {
        final EventQueue queue = new EventQueue();
        final PriorityQueue<long[]> expected =
            new PriorityQueue<>(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        final EventQueue.PolledEvent polled = new EventQueue.PolledEvent();
        final EventHandler handler = arg -> { };
        long sequence = 0;
        long now = 0;
        for (final long operation : operations)
        {
            if (!isPoll.test(operation))
            {
                queue.add(now + operation / delayDivisor, handler, sequence);
                expected.add(new long[] { now + operation / delayDivisor, sequence++ });
            }
            else if (!expected.isEmpty())
            {
                final long[] event = expected.poll();
                assertEquals(event[0], queue.peekDueTime());
                now = queue.poll(polled);
                assertEquals(event[0], now);
                assertEquals(event[1], polled.arg());
            }
            assertEquals(expected.size(), queue.size());
        }
    }
}
