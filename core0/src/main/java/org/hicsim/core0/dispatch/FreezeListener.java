package org.hicsim.core0.dispatch;

/**
 * Told when a connection asked to freeze has nothing in flight any more, so its state can move.
 */
@FunctionalInterface
public interface FreezeListener
{
    void onFrozen(int serviceId, long connectionId);
}
