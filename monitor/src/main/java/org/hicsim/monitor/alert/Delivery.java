package org.hicsim.monitor.alert;

/** What the router did with one alert, and the incident it belongs to. */
public record Delivery(Alert alert, Outcome outcome, Priority.Route route, long incident)
{
    /** Whether and how the alert reached anyone. */
    public enum Outcome
    {
        /** Sent on its priority's route, opening an incident. */
        DELIVERED,
        /** Related to an open incident of higher or equal urgency: added to it, nobody notified again. */
        MERGED,
        /** Related to an open incident but more urgent than it: the incident is raised and sent again. */
        ESCALATED,
        /** The same key within the deduplication window: counted, not sent. */
        DEDUPLICATED,
        /** In a maintenance window: logged, not sent (P0 is never silenced). */
        SILENCED
    }

    public String toLine()
    {
        return "alert t=" + alert.tNs() + " priority=" + alert.priority() + " key=" + alert.key() + " group="
            + alert.group() + " outcome=" + outcome + " route=" + route + " incident=" + incident;
    }
}
