package org.hicsim.core0.dispatch;

/**
 * Which of a connection's keys a {@link NewConnectionRule} routes on: the user (canary by user, A/B by user) or the
 * device (canary by device). Both are fixed when the connection opens.
 */
public enum RoutingDimension
{
    USER,
    DEVICE
}
