package org.hicsim.core0;

import org.hicsim.core0.memory.PhysicalMemory;

/**
 * The knobs a run of Core-0 is built from.
 *
 * @param seed         the one seed every random choice of the run derives from.
 * @param memoryBytes  simulated physical memory; untouched memory costs no real memory.
 * @param sandboxesMax sandbox ids run from 1 to {@code sandboxesMax - 1} (HIC's floor is 16 at once).
 */
public record KernelConfig(long seed, long memoryBytes, int sandboxesMax)
{
    public static final int DEFAULT_SANDBOXES_MAX = 16_384;
    public static final int HIC_MIN_SANDBOXES = 16;

    public KernelConfig
    {
        if (sandboxesMax <= HIC_MIN_SANDBOXES)
        {
            throw new IllegalArgumentException("sandboxesMax=" + sandboxesMax + " must exceed HIC's floor of "
                + HIC_MIN_SANDBOXES + " sandboxes plus Core-0");
        }
    }

    public static KernelConfig withSeed(final long seed)
    {
        return new KernelConfig(seed, PhysicalMemory.DEFAULT_SIZE_BYTES, DEFAULT_SANDBOXES_MAX);
    }

    public KernelConfig withMemoryBytes(final long bytes)
    {
        return new KernelConfig(seed, bytes, sandboxesMax);
    }
}
