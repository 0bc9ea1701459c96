package org.hicsim.host;

/**
 * Told once how a wait for a quiescent point ended, from the simulation's event loop.
 */
@FunctionalInterface
public interface QuiescenceCallback
{
    void onQuiescence(ServiceInstance instance, QuiescenceOutcome outcome);
}
