package org.hicsim.core0.sim;

/**
 * Virtual time in nanoseconds since the start of the run. The only clock anything in a simulation may read.
 */
@FunctionalInterface
public interface Clock
{
    long nowNs();
}
