package org.hicsim.core0.sim;

import java.util.Arrays;

/**
 * Pending events ordered by (due time, insertion sequence), for as many as a run has pending: the
 * {@link EventQueue} keeps its events here once they outgrow its {@link SortedEventRing}.
 * <p>
 * A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan), which a simulation can use because its clock never goes
 * back: no event is added before the last one polled. Bucket {@code b > 0} holds the events whose due time first
 * differs from the last polled one in bit {@code b - 1}, and bucket 0 those due exactly then. Adding is one
 * append; polling takes from bucket 0 and, when it is empty, finds the earliest event of the lowest non-empty
 * bucket and spreads that bucket over the lower ones. An event only ever moves down, so it moves at most once per
 * bit of its delay, and every move is a sequential read and append: at a million pending events that beats a
 * binary heap, whose every level is a cache miss.
 * <p>
 * Order among equal due times needs no sequence number: two events due at the same time are in the same bucket
 * whatever the last polled time (their difference from it is the same), appends keep their order, and bucket 0
 * is polled first in, first out.
 * <p>
 * A bucket holds whole events (due time, argument, handler) in arrays of its own, so moving one and polling one
 * read and write memory in order: a million pending events are never touched at random. Nothing allocates once
 * the arrays have grown to the run's peak.
 */
final class RadixEventHeap
{
    /** Bucket 0 and one per bit of a non-negative {@code long} difference. */
    static final int BUCKETS = Long.SIZE;
    private static final int INITIAL_BUCKET_CAPACITY = 16;

    private final long[][] bucketDueTimes = new long[BUCKETS][INITIAL_BUCKET_CAPACITY];
    private final long[][] bucketArgs = new long[BUCKETS][INITIAL_BUCKET_CAPACITY];
    private final EventHandler[][] bucketHandlers = new EventHandler[BUCKETS][INITIAL_BUCKET_CAPACITY];
    private final int[] bucketSizes = new int[BUCKETS];
    /** Bit {@code b} set when bucket {@code b} is not empty. */
    private long occupiedBuckets;
    /** Next event of bucket 0 to poll: bucket 0 is a FIFO. */
    private int bucket0Head;
    private long lastDueTime;
    /** The earliest due time of the lowest non-empty bucket, found by a peek without moving anything. */
    private long peekedDueTime;
    private boolean peeked;
    private int size;

    int size()
    {
        return size;
    }

    /**
     * Due time of the earliest event; the heap must not be empty.
     */
    long peekDueTime()
    {
        if (bucket0Head < bucketSizes[0])
        {
            return lastDueTime;
        }
        // Only a poll may move the last due time: a peek past the end of a runUntil must leave room for events
        // scheduled before the peeked one, at the clock's end time.
        if (!peeked)
        {
            final int bucket = Long.numberOfTrailingZeros(occupiedBuckets);
            final long[] dueTimes = bucketDueTimes[bucket];
            long earliest = Long.MAX_VALUE;
            for (int i = 0, count = bucketSizes[bucket]; i < count; i++)
            {
                earliest = Math.min(earliest, dueTimes[i]);
            }
            peekedDueTime = earliest;
            peeked = true;
        }
        return peekedDueTime;
    }

    /**
     * Starts the heap again from {@code lastDueTime}, as if that were the last due time polled: the heap must be
     * empty, and every event added from now on due at or after it.
     */
    void restart(final long lastDueTime)
    {
        if (size != 0)
        {
            throw new IllegalStateException("size=" + size + ": only an empty heap restarts");
        }
        this.lastDueTime = lastDueTime;
        peeked = false;
    }

    /**
     * @param dueTime not before the due time of the last event polled (or restarted from): the heap is monotone,
     *                as a clock is; the {@link EventQueue} checks it.
     */
    void add(final long dueTime, final EventHandler handler, final long arg)
    {
        append(bucketOf(dueTime), dueTime, arg, handler);
        size++;
        if (peeked && dueTime < peekedDueTime)
        {
            peekedDueTime = dueTime;
        }
    }

    /**
     * Removes the earliest event and hands it to {@code sink}; returns its due time. The heap must not be empty.
     */
    long poll(final EventQueue.PolledEvent sink)
    {
        if (bucket0Head == bucketSizes[0])
        {
            refillBucket0();
        }
        final int index = bucket0Head++;
        final EventHandler[] handlers = bucketHandlers[0];
        sink.handler = handlers[index];
        sink.arg = bucketArgs[0][index];
        handlers[index] = null;
        if (bucket0Head == bucketSizes[0])
        {
            bucket0Head = 0;
            bucketSizes[0] = 0;
            occupiedBuckets &= ~1L;
        }
        size--;
        return lastDueTime;
    }

    /**
     * Bucket 0 is empty and the queue is not: the earliest event of the lowest non-empty bucket becomes the last
     * due time, and that bucket's events move to the buckets their difference from it names, in order.
     */
    private void refillBucket0()
    {
        final int bucket = Long.numberOfTrailingZeros(occupiedBuckets);
        final long[] dueTimes = bucketDueTimes[bucket];
        final long[] args = bucketArgs[bucket];
        final EventHandler[] handlers = bucketHandlers[bucket];
        final int count = bucketSizes[bucket];
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < count; i++)
        {
            earliest = Math.min(earliest, dueTimes[i]);
        }
        lastDueTime = earliest;
        peeked = false;
        bucketSizes[bucket] = 0;
        occupiedBuckets &= ~(1L << bucket);
        // Every event here differs from the new last due time below this bucket's bit, so none lands back in it.
        for (int i = 0; i < count; i++)
        {
            append(bucketOf(dueTimes[i]), dueTimes[i], args[i], handlers[i]);
        }
        Arrays.fill(handlers, 0, count, null);
    }

    private int bucketOf(final long dueTime)
    {
        return Long.SIZE - Long.numberOfLeadingZeros(dueTime ^ lastDueTime);
    }

    private void append(final int bucket, final long dueTime, final long arg, final EventHandler handler)
    {
        final int index = bucketSizes[bucket];
        if (index == bucketDueTimes[bucket].length)
        {
            bucketDueTimes[bucket] = Arrays.copyOf(bucketDueTimes[bucket], index << 1);
            bucketArgs[bucket] = Arrays.copyOf(bucketArgs[bucket], index << 1);
            bucketHandlers[bucket] = Arrays.copyOf(bucketHandlers[bucket], index << 1);
        }
        bucketDueTimes[bucket][index] = dueTime;
        bucketArgs[bucket][index] = arg;
        bucketHandlers[bucket][index] = handler;
        bucketSizes[bucket] = index + 1;
        occupiedBuckets |= 1L << bucket;
    }
}
