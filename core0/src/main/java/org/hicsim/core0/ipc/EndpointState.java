package org.hicsim.core0.ipc;

/**
 * Lifecycle of an endpoint, with HIC's names. An endpoint is created INACTIVE (registered, no server yet);
 * it takes messages only while STARTING (a new instance warming up) or ACTIVE; STOPPING refuses new messages
 * while its server drains what is queued, and may go back to ACTIVE (a rollback brings an old instance back);
 * STOPPED is final; ERROR marks a failed server and only leads to STOPPED.
 */
public enum EndpointState
{
    INACTIVE,
    STARTING,
    ACTIVE,
    STOPPING,
    STOPPED,
    ERROR;

    /**
     * Whether a sender may queue a message on an endpoint in this state.
     */
    public boolean acceptsMessages()
    {
        return this == STARTING || this == ACTIVE;
    }

    public boolean canMoveTo(final EndpointState next)
    {
        switch (this)
        {
            case INACTIVE:
                return next == STARTING || next == ACTIVE || next == STOPPED || next == ERROR;
            case STARTING:
                return next == ACTIVE || next == STOPPING || next == ERROR;
            case ACTIVE:
                return next == STOPPING || next == ERROR;
            case STOPPING:
                return next == ACTIVE || next == STOPPED || next == ERROR;
            case ERROR:
                return next == STOPPED;
            default:
                return false;
        }
    }
}
