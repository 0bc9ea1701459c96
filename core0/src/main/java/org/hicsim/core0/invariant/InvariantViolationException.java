package org.hicsim.core0.invariant;

import java.util.List;

/**
 * Stops a run in checking mode at the first event after which an invariant no longer holds, saying which event,
 * when, what is broken and the seed that replays it.
 */
public final class InvariantViolationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final long eventNumber;
    private final long timeNs;
    private final transient List<InvariantViolation> violations;

    public InvariantViolationException(
        final long seed, final long eventNumber, final long timeNs, final List<InvariantViolation> violations)
    {
        super("invariant violated after event " + eventNumber + " at t=" + timeNs + "ns: " + violations.get(0)
            + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "") + "; replay with seed="
            + seed);
        this.seed = seed;
        this.eventNumber = eventNumber;
        this.timeNs = timeNs;
        this.violations = List.copyOf(violations);
    }

    public long seed()
    {
        return seed;
    }

    /** The event after which the invariants first failed, counted from 1. */
    public long eventNumber()
    {
        return eventNumber;
    }

    public long timeNs()
    {
        return timeNs;
    }

    public List<InvariantViolation> violations()
    {
        return violations;
    }
}
