package org.hicsim.monitor.alert;

/**
 * One alert as raised: when, how urgent, its identity ({@code key}: the same key again is a duplicate) and its
 * family ({@code group}: alerts of one group close in time are related and merged into one incident).
 */
public record Alert(long tNs, Priority priority, String key, String group, String message)
{
}
