package org.hicsim.core0.sim;

/**
 * Pending events ordered by (due time, insertion sequence): two events due at the same time run in the order
 * they were scheduled, so the order never depends on anything but the run itself. The queue is monotone, as a
 * clock is: no event may be added before the last one polled.
 * <p>
 * Two structures hold the events, one at a time. While at most {@link SortedEventRing#CAPACITY} are pending they
 * sit in a {@link SortedEventRing}, a sorted insertion among a handful: a run with mostly idle servers has two to
 * five events pending nearly all the time (a client's next arrival, a request on its way, a server's turn, a reply
 * on its way). One more moves them all, in order, into a {@link RadixEventHeap}, whose cost per event does not
 * grow with their number, for bursts and for runs with thousands or millions pending; once a poll leaves the heap
 * {@link #RING_RETURN_SIZE} or fewer, they move back. Both keep equal due times in insertion order and every move
 * takes the events in queue order, so the order is the same whichever holds them; the two thresholds apart keep a
 * queue whose size hovers near one of them from moving its events at every event.
 */
public final class EventQueue
{
    /** The heap hands its events back to the ring once a poll leaves it this many or fewer. */
    static final int RING_RETURN_SIZE = 4;

    private final SortedEventRing ring = new SortedEventRing();
    private final RadixEventHeap heap = new RadixEventHeap();
    /** Carries an event from one structure to the other. */
    private final PolledEvent moving = new PolledEvent();
    private boolean inRing = true;
    private long lastPolledDueTime;

    public int size()
    {
        return inRing ? ring.size() : heap.size();
    }

    public boolean isEmpty()
    {
        return size() == 0;
    }

    /**
     * Due time of the earliest event; only meaningful when the queue is not empty. A peek moves nothing, so events
     * may still be added before the peeked one.
     */
    public long peekDueTime()
    {
        if (isEmpty())
        {
            throw new IllegalStateException("queue is empty");
        }
        return inRing ? ring.peekDueTime() : heap.peekDueTime();
    }

    /**
     * @param dueTime not before the due time of the last event polled: the queue is monotone, as a clock is.
     */
    public void add(final long dueTime, final EventHandler handler, final long arg)
    {
        if (handler == null)
        {
            throw new NullPointerException("handler");
        }
        if (dueTime < lastPolledDueTime)
        {
            throw new IllegalArgumentException("dueTime=" + dueTime + " is before the last polled lastDueTime=" +
                lastPolledDueTime);
        }
        if (inRing)
        {
            if (!ring.isFull())
            {
                ring.add(dueTime, handler, arg);
                return;
            }
            moveRingToHeap();
        }
        heap.add(dueTime, handler, arg);
    }

    /**
     * Removes the earliest event and hands it to {@code sink}; returns its due time.
     */
    public long poll(final PolledEvent sink)
    {
        if (isEmpty())
        {
            throw new IllegalStateException("queue is empty");
        }
        if (inRing)
        {
            lastPolledDueTime = ring.poll(sink);
        }
        else
        {
            lastPolledDueTime = heap.poll(sink);
            if (heap.size() <= RING_RETURN_SIZE)
            {
                moveHeapToRing();
            }
        }
        return lastPolledDueTime;
    }

    /** The ring is full and one more event comes: the heap takes them all, from the last polled due time. */
    private void moveRingToHeap()
    {
        final SortedEventRing ring = this.ring;
        final RadixEventHeap heap = this.heap;
        final PolledEvent moving = this.moving;
        heap.restart(lastPolledDueTime);
        while (ring.size() > 0)
        {
            final long dueTime = ring.poll(moving);
            heap.add(dueTime, moving.handler, moving.arg);
        }
        moving.handler = null;
        inRing = false;
    }

    /** Few are left in the heap: the ring takes them back, each behind the one before it. */
    private void moveHeapToRing()
    {
        final SortedEventRing ring = this.ring;
        final RadixEventHeap heap = this.heap;
        final PolledEvent moving = this.moving;
        while (heap.size() > 0)
        {
            final long dueTime = heap.poll(moving);
            ring.add(dueTime, moving.handler, moving.arg);
        }
        moving.handler = null;
        inRing = true;
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
}
