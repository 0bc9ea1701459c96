package org.hicsim.monitor;

/** Where the Monitor's analysis of the current revision stands. */
public enum Stage
{
    /** Watching: rules act as they are hit. */
    MONITORING,
    /** Stopped advancing on a verdict that cannot judge; the default action comes at the deadline. */
    PAUSED,
    /** A rollback waits for a person's confirmation; it goes ahead by itself at the deadline. */
    AWAITING_CONFIRMATION,
    /** A rollback was asked for; nothing but an emergency is decided until the next revision. */
    ROLLING_BACK,
    /** The new version is kept and migration stopped; only an emergency acts. */
    FROZEN
}
