package org.hicsim.monitor;

/** What a revision changed, which decides what a rollback of it is. */
public enum ChangeKind
{
    /** New code (a new bundle): a rollback is a full rollback. */
    CODE,
    /** A new configuration, code unchanged: a rollback is a configuration rollback. */
    CONFIGURATION,
    /** The revision is a rollback to an earlier one: a fresh analysis begins. */
    ROLLBACK
}
