package org.hicsim.core0.spi;

/**
 * A service's answer to the health probe.
 */
public enum Health
{
    /** Serving normally. */
    HEALTHY,
    /** Serving, but something is wrong: resources running low, errors rising. */
    DEGRADED,
    /** Not able to serve. */
    UNHEALTHY
}
