package org.hicsim.core0;

/**
 * Opens {@link SeededWorkload} to the tests of other packages.
 */
public final class SeededWorkloads
{
    private SeededWorkloads()
    {
    }

    public static void schedule(final Kernel kernel, final long seed, final int operations)
    {
        new SeededWorkload(kernel, seed).schedule(operations);
    }
}
