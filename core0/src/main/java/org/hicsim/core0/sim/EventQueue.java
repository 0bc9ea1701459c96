package org.hicsim.core0.sim;

import java.util.Arrays;

/**
 * Pending events ordered by (due time, insertion sequence): two events due at the same time run in the order
 * they were scheduled, so the order never depends on anything but the run itself.
 * <p>
 * A binary min-heap over parallel primitive arrays: scheduling and polling allocate nothing once the arrays have
 * grown to the run's peak (a {@link java.util.PriorityQueue} would box an entry object per event).
 */
public final class EventQueue
{
    private static final int INITIAL_CAPACITY = 1024;

    private long[] dueTimes = new long[INITIAL_CAPACITY];
    private long[] sequences = new long[INITIAL_CAPACITY];
    private long[] args = new long[INITIAL_CAPACITY];
    private EventHandler[] handlers = new EventHandler[INITIAL_CAPACITY];
    private int size;
    private long nextSequence;

    public int size()
    {
        return size;
    }

    public boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * Due time of the earliest event; only meaningful when the queue is not empty.
     */
    public long peekDueTime()
    {
        if (size == 0)
        {
            throw new IllegalStateException("queue is empty");
        }
        return dueTimes[0];
    }

    public void add(final long dueTime, final EventHandler handler, final long arg)
    {
        if (handler == null)
        {
            throw new NullPointerException("handler");
        }
        if (size == dueTimes.length)
        {
            grow();
        }
        siftUp(size, dueTime, nextSequence++, handler, arg);
        size++;
    }

    /**
     * Removes the earliest event and hands it to {@code sink}; returns its due time.
     */
    public long poll(final PolledEvent sink)
    {
        if (size == 0)
        {
            throw new IllegalStateException("queue is empty");
        }
        final long dueTime = dueTimes[0];
        sink.handler = handlers[0];
        sink.arg = args[0];

        final int last = --size;
        final long lastDue = dueTimes[last];
        final long lastSeq = sequences[last];
        final EventHandler lastHandler = handlers[last];
        final long lastArg = args[last];
        handlers[last] = null;
        if (last > 0)
        {
            siftDown(0, lastDue, lastSeq, lastHandler, lastArg);
        }
        return dueTime;
    }

    /**
     * Receives a polled event; reused by the caller so polling allocates nothing.
     */
    public static final class PolledEvent
    {
        EventHandler handler;
        long arg;

        public EventHandler handler()
        {
            return handler;
        }

        public long arg()
        {
            return arg;
        }
    }

    private static boolean before(final long dueA, final long seqA, final long dueB, final long seqB)
    {
        return dueA < dueB || (dueA == dueB && seqA < seqB);
    }

    private void siftUp(final int start, final long due, final long seq, final EventHandler handler, final long arg)
    {
        int index = start;
        while (index > 0)
        {
            final int parent = (index - 1) >>> 1;
            if (!before(due, seq, dueTimes[parent], sequences[parent]))
            {
                break;
            }
            moveSlot(parent, index);
            index = parent;
        }
        put(index, due, seq, handler, arg);
    }

    private void siftDown(final int start, final long due, final long seq, final EventHandler handler, final long arg)
    {
        final int limit = size;
        int index = start;
        while (true)
        {
            int child = (index << 1) + 1;
            if (child >= limit)
            {
                break;
            }
            final int right = child + 1;
            if (right < limit && before(dueTimes[right], sequences[right], dueTimes[child], sequences[child]))
            {
                child = right;
            }
            if (!before(dueTimes[child], sequences[child], due, seq))
            {
                break;
            }
            moveSlot(child, index);
            index = child;
        }
        put(index, due, seq, handler, arg);
    }

    private void moveSlot(final int from, final int to)
    {
        dueTimes[to] = dueTimes[from];
        sequences[to] = sequences[from];
        handlers[to] = handlers[from];
        args[to] = args[from];
    }

    private void put(final int index, final long due, final long seq, final EventHandler handler, final long arg)
    {
        dueTimes[index] = due;
        sequences[index] = seq;
        handlers[index] = handler;
        args[index] = arg;
    }

    private void grow()
    {
        final int capacity = dueTimes.length << 1;
        dueTimes = Arrays.copyOf(dueTimes, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        args = Arrays.copyOf(args, capacity);
        handlers = Arrays.copyOf(handlers, capacity);
    }
}
