package org.hicsim.core0.sim;

import java.util.Arrays;

/**
 * Pending events ordered by (due time, insertion sequence): two events due at the same time run in the order
 * they were scheduled, so the order never depends on anything but the run itself.
 * <p>
 * A binary min-heap over primitive arrays; scheduling and polling allocate nothing once the arrays have grown to
 * the run's peak (a {@link java.util.PriorityQueue} would box an entry object per event). The heap moves only
 * (due time, slot) pairs, so a sift step copies two values, not four: an event's sequence, handler and argument
 * live in slot-indexed arrays that never move, and the sequence is read only to break a tie in due time.
 * <p>
 * {@code heapSlots} is always a permutation of all slots: positions below {@code size} are the heap, the rest
 * are the free slots, so taking and returning a slot needs no separate free list.
 */
public final class EventQueue
{
    private static final int INITIAL_CAPACITY = 1024;

    private long[] heapDueTimes = new long[INITIAL_CAPACITY];
    private int[] heapSlots = withFreeSlotsFrom(new int[INITIAL_CAPACITY], 0);
    private long[] slotSequences = new long[INITIAL_CAPACITY];
    private long[] slotArgs = new long[INITIAL_CAPACITY];
    private EventHandler[] slotHandlers = new EventHandler[INITIAL_CAPACITY];
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
        return heapDueTimes[0];
    }

    public void add(final long dueTime, final EventHandler handler, final long arg)
    {
        if (handler == null)
        {
            throw new NullPointerException("handler");
        }
        if (size == heapDueTimes.length)
        {
            grow();
        }
        final int index = size;
        final int slot = heapSlots[index];
        slotSequences[slot] = nextSequence++;
        slotHandlers[slot] = handler;
        slotArgs[slot] = arg;
        siftUp(index, dueTime, slot);
        size = index + 1;
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
        final long[] dueTimes = heapDueTimes;
        final int[] slots = heapSlots;
        final long dueTime = dueTimes[0];
        final int slot = slots[0];
        sink.handler = slotHandlers[slot];
        sink.arg = slotArgs[slot];
        slotHandlers[slot] = null;

        final int last = --size;
        final long lastDue = dueTimes[last];
        final int lastSlot = slots[last];
        slots[last] = slot;
        if (last > 0)
        {
            siftDown(lastDue, lastSlot, last);
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

    private boolean before(final long dueA, final int slotA, final long dueB, final int slotB)
    {
        return dueA < dueB || (dueA == dueB && slotSequences[slotA] < slotSequences[slotB]);
    }

    private void siftUp(final int start, final long due, final int slot)
    {
        final long[] dueTimes = heapDueTimes;
        final int[] slots = heapSlots;
        int index = start;
        while (index > 0)
        {
            final int parent = (index - 1) >>> 1;
            final long parentDue = dueTimes[parent];
            final int parentSlot = slots[parent];
            if (!before(due, slot, parentDue, parentSlot))
            {
                break;
            }
            dueTimes[index] = parentDue;
            slots[index] = parentSlot;
            index = parent;
        }
        dueTimes[index] = due;
        slots[index] = slot;
    }

    private void siftDown(final long due, final int slot, final int limit)
    {
        final long[] dueTimes = heapDueTimes;
        final int[] slots = heapSlots;
        int index = 0;
        while (true)
        {
            int child = (index << 1) + 1;
            if (child >= limit)
            {
                break;
            }
            long childDue = dueTimes[child];
            int childSlot = slots[child];
            final int right = child + 1;
            if (right < limit)
            {
                final long rightDue = dueTimes[right];
                final int rightSlot = slots[right];
                if (before(rightDue, rightSlot, childDue, childSlot))
                {
                    child = right;
                    childDue = rightDue;
                    childSlot = rightSlot;
                }
            }
            if (!before(childDue, childSlot, due, slot))
            {
                break;
            }
            dueTimes[index] = childDue;
            slots[index] = childSlot;
            index = child;
        }
        dueTimes[index] = due;
        slots[index] = slot;
    }

    private void grow()
    {
        final int oldCapacity = heapDueTimes.length;
        final int capacity = oldCapacity << 1;
        heapDueTimes = Arrays.copyOf(heapDueTimes, capacity);
        heapSlots = withFreeSlotsFrom(Arrays.copyOf(heapSlots, capacity), oldCapacity);
        slotSequences = Arrays.copyOf(slotSequences, capacity);
        slotArgs = Arrays.copyOf(slotArgs, capacity);
        slotHandlers = Arrays.copyOf(slotHandlers, capacity);
    }

    private static int[] withFreeSlotsFrom(final int[] slots, final int firstNewSlot)
    {
        for (int slot = firstNewSlot; slot < slots.length; slot++)
        {
            slots[slot] = slot;
        }
        return slots;
    }
}
