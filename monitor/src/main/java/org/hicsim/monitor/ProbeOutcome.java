package org.hicsim.monitor;

/** What one health probe of a function said. */
public enum ProbeOutcome
{
    /** The function answered correctly. */
    OK,
    /** The function answered wrongly or not at all while the instance was reachable: a failure observation. */
    FAIL,
    /** The probe itself failed (timed out, its own channel broke): no observation, counted toward ERROR. */
    ERROR
}
