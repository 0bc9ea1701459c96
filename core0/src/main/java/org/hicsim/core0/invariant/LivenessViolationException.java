package org.hicsim.core0.invariant;

/**
 * A run that did not converge within its bound after its faults stopped ({@link Liveness}).
 */
public final class LivenessViolationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long seed;

    public LivenessViolationException(final long seed, final long deadlineNs, final String what)
    {
        super("not converged by t=" + deadlineNs + "ns: " + what + "; replay with seed=" + seed);
        this.seed = seed;
    }

    public long seed()
    {
        return seed;
    }
}
