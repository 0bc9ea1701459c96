package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.common.LittleEndian;
import org.hicsim.services.common.SplitMix64;

/**
 * The ARP cache in sandbox memory ({@link ArpEntryDescriptor}): IPv4 address to MAC address, a hash table with
 * linear probing whose entries are updated in place and never removed.
 */
final class ArpCache
{
    /** What {@link #lookup} answers for an address with no entry. */
    static final long NOT_FOUND = -1;

    private static final int MASK = MemoryMapDescriptor.ARP_CAPACITY - 1;

    private final ServiceContext context;
    private final Header header;
    private final long address;

    ArpCache(final ServiceContext context, final Header header)
    {
        this.context = context;
        this.header = header;
        this.address = context.memoryBase() + MemoryMapDescriptor.ARP_OFFSET;
    }

    /**
     * Adds or updates the entry for {@code ip}.
     *
     * @return the number of entries, or {@link Status#NO_CAPACITY}.
     */
    int add(final int ip, final long mac)
    {
        final long entry = probe(ip);
        if (entry == NOT_FOUND)
        {
            return Status.NO_CAPACITY;
        }
        if (context.loadInt(entry + ArpEntryDescriptor.FLAGS_OFFSET) == 0)
        {
            context.storeInt(entry + ArpEntryDescriptor.ADDRESS_OFFSET, ip);
            context.storeInt(entry + ArpEntryDescriptor.FLAGS_OFFSET, ArpEntryDescriptor.FLAG_VALID);
            header.arpCount(header.arpCount() + 1);
        }
        context.storeLong(entry + ArpEntryDescriptor.MAC_OFFSET, mac & ArpEntryDescriptor.MAC_MASK);
        return header.arpCount();
    }

    /**
     * @return the MAC address of {@code ip}, or {@link #NOT_FOUND}.
     */
    long lookup(final int ip)
    {
        final long entry = probe(ip);
        return entry == NOT_FOUND || context.loadInt(entry + ArpEntryDescriptor.FLAGS_OFFSET) == 0
            ? NOT_FOUND
            : context.loadLong(entry + ArpEntryDescriptor.MAC_OFFSET);
    }

    /**
     * The entry holding {@code ip}, or the empty one where it would go, or {@link #NOT_FOUND} when full. An entry's
     * address and flags are adjacent, so one load of both looks at it.
     */
    private long probe(final int ip)
    {
        final int home = (int)SplitMix64.mix(ip) & MASK;
        for (int step = 0; step <= MASK; step++)
        {
            final long entry = address + (long)((home + step) & MASK) * ArpEntryDescriptor.LENGTH;
            final long addressAndFlags = context.loadLong(entry + ArpEntryDescriptor.ADDRESS_OFFSET);
            if (LittleEndian.secondInt(addressAndFlags) == 0 || LittleEndian.firstInt(addressAndFlags) == ip)
            {
                return entry;
            }
        }
        return NOT_FOUND;
    }
}
