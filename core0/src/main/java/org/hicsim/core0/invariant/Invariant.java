package org.hicsim.core0.invariant;

import org.hicsim.core0.Kernel;

/**
 * A property of Core-0's state that holds between any two events, checked by {@link Invariants}. A check reads
 * the kernel's state and changes nothing of it; it may keep state of its own (a cursor into the audit log) so
 * that checking after every event costs what the event added.
 */
public interface Invariant
{
    /** Its name in a report, e.g. {@code frames.owned-once}. */
    String name();

    void check(Kernel kernel, ViolationSink sink);
}
