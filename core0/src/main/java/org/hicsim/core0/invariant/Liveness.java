package org.hicsim.core0.invariant;

import java.util.function.BooleanSupplier;

import org.hicsim.core0.sim.Simulation;

/**
 * The liveness phase of a simulation test (TigerBeetle's VOPR): once the faults are switched off
 * ({@code Faults.switchOffAfter}), the system must reach a converged state (every request answered, no update
 * stuck) within a bound of virtual time. What "converged" means is the caller's: the dispatcher's and the Module
 * Manager's conditions plug in here as they come.
 */
public final class Liveness
{
    private Liveness()
    {
    }

    /**
     * Runs the simulation up to {@code deadlineNs}, then checks {@code converged}.
     *
     * @param what names the condition in the report, e.g. {@code every request answered}.
     * @throws LivenessViolationException naming the condition, the deadline and the seed, if it does not hold.
     */
    public static void convergesBy(
        final Simulation simulation, final long deadlineNs, final BooleanSupplier converged, final String what)
    {
        simulation.runUntil(deadlineNs);
        if (!converged.getAsBoolean())
        {
            throw new LivenessViolationException(simulation.seed(), deadlineNs, what);
        }
    }
}
