package org.hicsim.core0.sim;

/**
 * Told after each event the simulation runs: where per-event fault chances are drawn and invariants are checked
 * ({@code Kernel.checkInvariantsAfterEachEvent}). May change state (a fault) or stop the run by throwing (an
 * invariant violated), which leaves {@link Simulation#step()} with the event counted.
 */
@FunctionalInterface
public interface EventObserver
{
    /**
     * @param eventNumber how many events have run, this one included: the number that names it in a report.
     */
    void afterEvent(long eventNumber);
}
