package org.hicsim.host;

/**
 * How a wait for a quiescent point ({@link ServiceInstance#prepareMigration(org.hicsim.core0.spi.Quiescence,
 * long, long, QuiescenceCallback)}) ended.
 */
public enum QuiescenceOutcome
{
    /** The service answered ready before the deadline: its state can be taken. */
    READY,
    /** The deadline passed first: the host called {@code abortMigration} and the service goes on serving. */
    TIMED_OUT,
    /** The service crashed while asked, or its sandbox died: there is nothing to migrate from. */
    CRASHED
}
