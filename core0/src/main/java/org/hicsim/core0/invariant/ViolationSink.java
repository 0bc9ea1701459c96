package org.hicsim.core0.invariant;

/**
 * Where an {@link Invariant} reports what it found broken, one line each.
 */
@FunctionalInterface
public interface ViolationSink
{
    /**
     * @param detail what is broken, as {@code name=value} pairs (which frame, which sandbox, which capability).
     */
    void violated(String detail);
}
