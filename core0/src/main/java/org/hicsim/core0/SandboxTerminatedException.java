package org.hicsim.core0;

/**
 * Unwinds a service's code once Core-0 has killed its sandbox (a page fault, a crash): nothing the service does
 * after that point may take effect. The loader that called into the service catches it at the sandbox boundary.
 * Carries no stack trace: the kernel's audit record says what happened.
 */
public final class SandboxTerminatedException extends RuntimeException
{
    private final int sandboxId;

    public SandboxTerminatedException(final int sandboxId, final String reason)
    {
        super("sandbox " + sandboxId + " terminated: " + reason, null, false, false);
        this.sandboxId = sandboxId;
    }

    public int sandboxId()
    {
        return sandboxId;
    }
}
