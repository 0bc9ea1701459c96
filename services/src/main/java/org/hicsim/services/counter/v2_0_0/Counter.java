package org.hicsim.services.counter.v2_0_0;

import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.services.counter.AbstractCounter;
import org.hicsim.services.counter.CounterTableDescriptor;

/**
 * counter 2.0.0: a state change. Each counter's slot also keeps the virtual time of its last ADD (state version
 * 2); a counter imported from 1.0.0 has none yet (0) until it is next added to, and a rollback to 1.0.0 exports
 * the slots without it.
 */
public final class Counter extends AbstractCounter
{
    public static final int STATE_VERSION = 2;

    public Counter()
    {
        super(STATE_VERSION);
    }

    @Override
    protected void added(final ServiceContext context, final long slot)
    {
        context.storeLong(slot + CounterTableDescriptor.LAST_ADD_NS_OFFSET, context.nowNs());
    }
}
