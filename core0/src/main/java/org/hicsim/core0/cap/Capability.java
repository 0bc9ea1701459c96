package org.hicsim.core0.cap;

/**
 * A snapshot of one capability for audits and tests; the hot path never makes one.
 *
 * @param sandboxId the sandbox whose space holds it.
 * @param handle    the handle that names it in that sandbox.
 * @param badge     the badge, {@link CapabilitySystem#NO_BADGE} when unbadged.
 */
public record Capability(
    int sandboxId, long handle, ObjectKind kind, int objectId, int rights, int flags, long badge)
{
}
