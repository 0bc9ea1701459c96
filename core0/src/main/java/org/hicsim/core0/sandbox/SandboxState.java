package org.hicsim.core0.sandbox;

/**
 * HIC's domain states. A sandbox moves INIT -> READY -> RUNNING <-> SUSPENDED and ends TERMINATED, from which it
 * never returns: its id may be reused, its capabilities never are.
 */
public enum SandboxState
{
    INIT,
    READY,
    RUNNING,
    SUSPENDED,
    TERMINATED;

    public boolean canMoveTo(final SandboxState next)
    {
        switch (this)
        {
            case INIT:
                return next == READY || next == TERMINATED;
            case READY:
                return next == RUNNING || next == TERMINATED;
            case RUNNING:
                return next == SUSPENDED || next == TERMINATED;
            case SUSPENDED:
                return next == RUNNING || next == TERMINATED;
            default:
                return false;
        }
    }
}
