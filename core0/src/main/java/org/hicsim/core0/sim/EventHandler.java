package org.hicsim.core0.sim;

/**
 * What runs when a scheduled event comes due. The {@code arg} is the value given at scheduling time, so a
 * handler object can serve many events without an allocation per event (a flyweight, as in Agrona).
 */
@FunctionalInterface
public interface EventHandler
{
    void onEvent(long arg);
}
