package org.hicsim.core0.sandbox;

/**
 * HIC's domain flags. The update flags mark the roles a rolling update gives the old and new instance.
 */
public enum SandboxFlag
{
    TRUSTED,
    CRITICAL,
    PRIVILEGED,
    PRIMARY,
    UPDATING,
    NEW_INSTANCE,
    OLD_INSTANCE,
    DRAINING
}
