package org.hicsim.core0.sandbox;

/**
 * Told when a sandbox dies. HIC's Core-0 notifies the Monitor service of a crash, which decides on a restart;
 * this is that notification's seam.
 */
@FunctionalInterface
public interface SandboxListener
{
    void onTerminated(int sandboxId, String name, String reason);
}
