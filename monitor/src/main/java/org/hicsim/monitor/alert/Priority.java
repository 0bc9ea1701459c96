package org.hicsim.monitor.alert;

/** Alert priorities of section 5.2, each with where it is routed. P0 is the most urgent. */
public enum Priority
{
    /** Emergency: needs a person now (phone or SMS to the administrator). */
    P0(Route.PAGE),
    /** High: handled as soon as possible (email and instant message). */
    P1(Route.EMAIL_AND_CHAT),
    /** Medium: needs attention (email). */
    P2(Route.EMAIL),
    /** Low: informational, written to the log only. */
    P3(Route.LOG);

    private final Route route;

    Priority(final Route route)
    {
        this.route = route;
    }

    public Route route()
    {
        return route;
    }

    /** Where an alert goes. */
    public enum Route
    {
        PAGE,
        EMAIL_AND_CHAT,
        EMAIL,
        LOG
    }
}
