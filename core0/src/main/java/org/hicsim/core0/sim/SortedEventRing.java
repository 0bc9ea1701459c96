package org.hicsim.core0.sim;

/**
 * A few pending events kept sorted by (due time, insertion) in a ring of fixed capacity: the earliest at the
 * head, so polling is one read, and an added event goes in behind every event due at or before it, found by a
 * walk back from the tail, which is short because a new event is usually due after most of those pending.
 * <p>
 * The {@link EventQueue} uses it while only a handful of events are pending, the common case of a run whose
 * servers are mostly idle, where the radix heap's moves of an event down once per bit of its delay cost more
 * than a sorted insertion among a few. Allocation-free: its arrays are made once.
 */
final class SortedEventRing
{
    /** Events it holds at most; a power of two, so positions wrap with a mask. */
    static final int CAPACITY = 16;
    private static final int MASK = CAPACITY - 1;

    private final long[] dueTimes = new long[CAPACITY];
    private final long[] args = new long[CAPACITY];
    private final EventHandler[] handlers = new EventHandler[CAPACITY];
    private int head;
    private int size;

    int size()
    {
        return size;
    }

    boolean isFull()
    {
        return size == CAPACITY;
    }

    /** Due time of the earliest event; only meaningful when the ring is not empty. */
    long peekDueTime()
    {
        return dueTimes[head];
    }

    /** Adds an event behind every one due at or before it; the ring must not be full. */
    void add(final long dueTime, final EventHandler handler, final long arg)
    {
        final long[] dueTimes = this.dueTimes;
        final long[] args = this.args;
        final EventHandler[] handlers = this.handlers;
        final int head = this.head;
        int position = size;
        while (position > 0)
        {
            final int from = (head + position - 1) & MASK;
            if (dueTimes[from] <= dueTime)
            {
                break;
            }
            final int to = (head + position) & MASK;
            dueTimes[to] = dueTimes[from];
            args[to] = args[from];
            handlers[to] = handlers[from];
            position--;
        }
        final int index = (head + position) & MASK;
        dueTimes[index] = dueTime;
        args[index] = arg;
        handlers[index] = handler;
        size++;
    }

    /** Removes the earliest event into {@code sink}; returns its due time. The ring must not be empty. */
    long poll(final EventQueue.PolledEvent sink)
    {
        final int index = head;
        sink.handler = handlers[index];
        sink.arg = args[index];
        handlers[index] = null;
        head = (index + 1) & MASK;
        size--;
        return dueTimes[index];
    }
}
