package org.hicsim.services.common;

import org.hicsim.core0.spi.ServiceContext;

/**
 * The check every service makes in {@code init} before it lays its state out in sandbox memory: a sandbox
 * smaller than the layout means the manifest asks for too little, a packaging error to fail on at once rather
 * than a store out of bounds later.
 */
public final class SandboxMemory
{
    private SandboxMemory()
    {
    }

    /**
     * @param bytesNeeded the length of the service's state layout.
     * @param forWhat     what needs them, ending the exception's message ("the cache needs").
     * @return the base address of the sandbox memory.
     * @throws IllegalStateException if the sandbox holds fewer than {@code bytesNeeded} bytes.
     */
    public static long base(final ServiceContext context, final long bytesNeeded, final String forWhat)
    {
        if (context.memoryBytes() < bytesNeeded)
        {
            throw new IllegalStateException(
                "memoryBytes=" + context.memoryBytes() + " below the " + bytesNeeded + " " + forWhat);
        }
        return context.memoryBase();
    }
}
