package org.hicsim.core0.dispatch;

/**
 * Told when a connection that was frozen has an owner again, so that the requests held for it go on to that
 * owner in the order they came; or, with {@code Message.NO_CONNECTION} as the connection, when a service's global
 * work is let go.
 */
@FunctionalInterface
public interface HeldRequests
{
    void release(int serviceId, long connectionId);
}
