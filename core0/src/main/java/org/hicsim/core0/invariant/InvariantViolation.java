package org.hicsim.core0.invariant;

/**
 * One thing an {@link Invariant} found broken.
 *
 * @param invariant the invariant's name.
 * @param detail    what is broken.
 */
public record InvariantViolation(String invariant, String detail)
{
    @Override
    public String toString()
    {
        return invariant + ": " + detail;
    }
}
