package org.hicsim.core0.sandbox;

/**
 * HIC's domain types: the layer a sandbox belongs to.
 */
public enum SandboxType
{
    /** Core-0 itself, the trusted computing base. */
    CORE,
    /** A Privileged-1 service in its own sandbox (netstack, a driver, the Module Manager). */
    PRIVILEGED,
    /** An Application-3 user program. */
    APPLICATION
}
