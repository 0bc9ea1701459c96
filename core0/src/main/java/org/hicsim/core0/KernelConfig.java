package org.hicsim.core0;

import java.util.Objects;

import org.hicsim.core0.fault.FaultPlan;
import org.hicsim.core0.memory.PhysicalMemory;

/**
 * The knobs a run of Core-0 is built from.
 *
 * @param seed         the one seed every random choice of the run derives from.
 * @param memoryBytes  simulated physical memory; untouched memory costs no real memory.
 * @param maxSandboxes sandbox ids run from 1 to {@code maxSandboxes - 1} (HIC's floor is 16 at once).
 * @param faults       the fault points the run switches on; none unless asked.
 */
public record KernelConfig(long seed, long memoryBytes, int maxSandboxes, FaultPlan faults)
{
    public static final int DEFAULT_MAX_SANDBOXES = 16_384;
    public static final int HIC_MIN_SANDBOXES = 16;

    public KernelConfig
    {
        Objects.requireNonNull(faults, "faults");
        if (maxSandboxes <= HIC_MIN_SANDBOXES)
        {
            throw new IllegalArgumentException("maxSandboxes=" + maxSandboxes + " must exceed HIC's floor of "
                + HIC_MIN_SANDBOXES + " sandboxes plus Core-0");
        }
    }

    public KernelConfig(final long seed, final long memoryBytes, final int maxSandboxes)
    {
        this(seed, memoryBytes, maxSandboxes, FaultPlan.none());
    }

    public static KernelConfig withSeed(final long seed)
    {
        return new KernelConfig(seed, PhysicalMemory.DEFAULT_SIZE_BYTES, DEFAULT_MAX_SANDBOXES);
    }

    public KernelConfig withMemoryBytes(final long bytes)
    {
        return new KernelConfig(seed, bytes, maxSandboxes, faults);
    }

    public KernelConfig withFaults(final FaultPlan plan)
    {
        return new KernelConfig(seed, memoryBytes, maxSandboxes, plan);
    }
}
