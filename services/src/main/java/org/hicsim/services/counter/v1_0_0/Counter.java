package org.hicsim.services.counter.v1_0_0;

import org.hicsim.services.counter.AbstractCounter;

/** counter 1.0.0: the tutorial's named counters (state version 1: a value and a name per counter). */
public final class Counter extends AbstractCounter
{
    public static final int STATE_VERSION = 1;

    public Counter()
    {
        super(STATE_VERSION);
    }
}
