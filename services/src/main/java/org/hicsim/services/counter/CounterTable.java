package org.hicsim.services.counter;

import static org.hicsim.services.counter.CounterTableDescriptor.CAPACITY;
import static org.hicsim.services.counter.CounterTableDescriptor.COUNT_OFFSET;
import static org.hicsim.services.counter.CounterTableDescriptor.HEADER_LENGTH;
import static org.hicsim.services.counter.CounterTableDescriptor.NAME_LENGTH_OFFSET;
import static org.hicsim.services.counter.CounterTableDescriptor.NAME_OFFSET;
import static org.hicsim.services.counter.CounterTableDescriptor.VALUE_OFFSET;

import java.util.Arrays;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * The named counters in sandbox memory ({@link CounterTableDescriptor}), slots of one version's length: find,
 * add, read, and the used slots copied out and in as a snapshot's bytes. Serving a request allocates nothing.
 */
public final class CounterTable
{
    /** {@link #find}'s answer when no slot holds the name. */
    public static final long NOT_FOUND = -1;

    private final ServiceContext context;
    private final long base;
    private final int slotLength;
    private final byte[] name = new byte[CounterProtocol.NAME_LENGTH_MAX];
    private final byte[] slotName = new byte[CounterProtocol.NAME_LENGTH_MAX];
    private int nameLength;

    public CounterTable(final ServiceContext context, final long base, final int slotLength)
    {
        this.context = context;
        this.base = base;
        this.slotLength = slotLength;
    }

    /** An empty table. */
    public void clear()
    {
        context.storeInt(base + COUNT_OFFSET, 0);
    }

    public int count()
    {
        return context.loadInt(base + COUNT_OFFSET);
    }

    public long slotAddress(final int index)
    {
        return base + HEADER_LENGTH + (long)index * slotLength;
    }

    /**
     * Takes the request's payload as the name the next calls use.
     *
     * @return false if the name is empty or too long.
     */
    public boolean name(final Message request)
    {
        nameLength = request.payloadLength();
        if (nameLength == 0 || nameLength > CounterProtocol.NAME_LENGTH_MAX)
        {
            return false;
        }
        request.copyPayload(name, 0);
        return true;
    }

    /** The slot holding the named counter, or {@link #NOT_FOUND}. */
    public long find()
    {
        final int count = count();
        for (int i = 0; i < count; i++)
        {
            final long slot = slotAddress(i);
            if (context.loadInt(slot + NAME_LENGTH_OFFSET) == nameLength)
            {
                context.loadBytes(slot + NAME_OFFSET, slotName, 0, nameLength);
                if (Arrays.equals(name, 0, nameLength, slotName, 0, nameLength))
                {
                    return slot;
                }
            }
        }
        return NOT_FOUND;
    }

    /**
     * Adds {@code delta} to the named counter, made at 0 first if new, and answers its new value.
     *
     * @return the counter's slot, or {@link #NOT_FOUND} if the table is full (answered {@code NO_CAPACITY}).
     */
    public long add(final long delta, final Message reply)
    {
        long slot = find();
        if (slot == NOT_FOUND)
        {
            final int count = count();
            if (count == CAPACITY)
            {
                reply.status(Status.NO_CAPACITY);
                return NOT_FOUND;
            }
            slot = slotAddress(count);
            context.storeLong(slot + VALUE_OFFSET, 0);
            context.storeInt(slot + NAME_LENGTH_OFFSET, nameLength);
            context.storeInt(slot + NAME_LENGTH_OFFSET + Integer.BYTES, 0);
            context.storeBytes(slot + NAME_OFFSET, name, 0, nameLength);
            context.storeInt(base + COUNT_OFFSET, count + 1);
        }
        final long value = context.loadLong(slot + VALUE_OFFSET) + delta;
        context.storeLong(slot + VALUE_OFFSET, value);
        reply.status(Status.OK).argument(0, value);
        return slot;
    }

    /** Answers the named counter's value, or {@link CounterProtocol#NO_SUCH_COUNTER}. */
    public void get(final Message reply)
    {
        final long slot = find();
        if (slot == NOT_FOUND)
        {
            reply.status(CounterProtocol.NO_SUCH_COUNTER);
            return;
        }
        reply.status(Status.OK).argument(0, context.loadLong(slot + VALUE_OFFSET));
    }

    /** The first {@code bytes} bytes of slot {@code index}, copied out to {@code into} at {@code offset}. */
    public void copyOut(final int index, final byte[] into, final int offset, final int bytes)
    {
        context.loadBytes(slotAddress(index), into, offset, bytes);
    }

    /** Slot {@code index} written from {@code from} at {@code offset}, {@code bytes} of it, the rest zero. */
    public void copyIn(final int index, final byte[] from, final int offset, final int bytes)
    {
        final long slot = slotAddress(index);
        context.storeBytes(slot, from, offset, bytes);
        for (int b = bytes; b < slotLength; b += Long.BYTES)
        {
            context.storeLong(slot + b, 0);
        }
    }

    /** The number of counters, once their slots are copied in. */
    public void count(final int count)
    {
        context.storeInt(base + COUNT_OFFSET, count);
    }
}
