package org.hicsim.host.sample;

import org.hicsim.core0.spi.ServiceContext;

/**
 * A long counter kept in sandbox memory, at an address the service chooses.
 */
public final class Counter
{
    private final ServiceContext context;
    private final long address;

    public Counter(final ServiceContext context, final long address)
    {
        this.context = context;
        this.address = address;
    }

    public long increment()
    {
        final long value = context.loadLong(address) + 1;
        context.storeLong(address, value);
        return value;
    }

    public long value()
    {
        return context.loadLong(address);
    }

    public void set(final long value)
    {
        context.storeLong(address, value);
    }
}
