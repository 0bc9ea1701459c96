package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * The IPv4 route table in sandbox memory ({@link RouteEntryDescriptor}): longest prefix wins, then the lower
 * metric. A table of a few hundred routes is scanned; lookups happen once per OPEN, not per segment, since the
 * next hop is kept in the connection record.
 */
final class RouteTable
{
    /** What {@link #nextHop} answers when no route matches. */
    static final long NO_ROUTE = -1;

    private static final long ADDRESS_MASK = 0xFFFF_FFFFL;

    private final ServiceContext context;
    private final Header header;
    private final long address;

    RouteTable(final ServiceContext context, final Header header)
    {
        this.context = context;
        this.header = header;
        this.address = context.memoryBase() + MemoryMapDescriptor.ROUTES_OFFSET;
    }

    /**
     * Adds a route, or replaces the one with the same prefix and length.
     *
     * @return the number of routes, or {@link Status#INVALID_ARGUMENT}, {@link Status#NO_CAPACITY}.
     */
    int add(final int prefix, final int prefixLength, final int gateway, final int metric)
    {
        if (prefixLength < 0 || prefixLength > RouteEntryDescriptor.PREFIX_LENGTH_MAX || metric < 0)
        {
            return Status.INVALID_ARGUMENT;
        }
        final int maskedPrefix = prefix & RouteEntryDescriptor.mask(prefixLength);
        final int count = header.routeCount();
        int index = 0;
        while (index < count && !(prefixOf(index) == maskedPrefix && prefixLengthOf(index) == prefixLength))
        {
            index++;
        }
        if (index == MemoryMapDescriptor.ROUTE_CAPACITY)
        {
            return Status.NO_CAPACITY;
        }
        final long entry = entryAddress(index);
        context.storeInt(entry + RouteEntryDescriptor.PREFIX_OFFSET, maskedPrefix);
        context.storeInt(entry + RouteEntryDescriptor.GATEWAY_OFFSET, gateway);
        context.storeInt(entry + RouteEntryDescriptor.METRIC_OFFSET, metric);
        context.storeByte(entry + RouteEntryDescriptor.PREFIX_LENGTH_OFFSET, (byte)prefixLength);
        if (index == count)
        {
            header.routeCount(count + 1);
        }
        return header.routeCount();
    }

    /**
     * @return the address to send to for {@code destination} (the route's gateway, or the destination itself
     * on link), unsigned, or {@link #NO_ROUTE}.
     */
    long nextHop(final int destination)
    {
        final int count = header.routeCount();
        int best = -1;
        int bestLength = -1;
        int bestMetric = Integer.MAX_VALUE;
        for (int index = 0; index < count; index++)
        {
            final int length = prefixLengthOf(index);
            if ((destination & RouteEntryDescriptor.mask(length)) == prefixOf(index))
            {
                final int metric = context.loadInt(entryAddress(index) + RouteEntryDescriptor.METRIC_OFFSET);
                if (length > bestLength || (length == bestLength && metric < bestMetric))
                {
                    best = index;
                    bestLength = length;
                    bestMetric = metric;
                }
            }
        }
        if (best < 0)
        {
            return NO_ROUTE;
        }
        final int gateway = context.loadInt(entryAddress(best) + RouteEntryDescriptor.GATEWAY_OFFSET);
        return (gateway == 0 ? destination : gateway) & ADDRESS_MASK;
    }

    private int prefixOf(final int index)
    {
        return context.loadInt(entryAddress(index) + RouteEntryDescriptor.PREFIX_OFFSET);
    }

    private int prefixLengthOf(final int index)
    {
        return context.loadByte(entryAddress(index) + RouteEntryDescriptor.PREFIX_LENGTH_OFFSET);
    }

    private long entryAddress(final int index)
    {
        return address + (long)index * RouteEntryDescriptor.LENGTH;
    }
}
