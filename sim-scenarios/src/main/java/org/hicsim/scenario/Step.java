package org.hicsim.scenario;

import java.util.Objects;

/**
 * One timed step of a scenario.
 *
 * @param atNs     virtual time from the start of the run, within the scenario's duration.
 * @param action   what happens then.
 * @param location where the step is written.
 */
public record Step(long atNs, Action action, SourceLocation location)
{
    public Step
    {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(location, "location");
        if (atNs < 0)
        {
            throw new IllegalArgumentException("atNs=" + atNs + " must not be negative");
        }
    }
}
