package org.hicsim.core0;

import java.util.Objects;

import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.fault.FaultPlan;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.store.PersistentStore;

/**
 * The knobs a run of Core-0 is built from.
 *
 * @param seed         the one seed every random choice of the run derives from.
 * @param memoryBytes  simulated physical memory; untouched memory costs no real memory.
 * @param sandboxesMax sandbox ids run from 1 to {@code sandboxesMax - 1} (HIC's floor is 16 at once).
 * @param costs        the model's cost table: what each simulated operation costs in virtual time.
 * @param storeCapacityBytes how many bytes the persistent store device holds.
 * @param faults       the fault points the run switches on; none unless asked.
 */
public record KernelConfig(
    long seed, long memoryBytes, int sandboxesMax, CostTable costs, long storeCapacityBytes, FaultPlan faults)
{
    public static final int DEFAULT_SANDBOXES_MAX = 16_384;
    public static final int HIC_MIN_SANDBOXES = 16;

    public KernelConfig
    {
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(faults, "faults");
        if (storeCapacityBytes <= 0)
        {
            throw new IllegalArgumentException("storeCapacityBytes=" + storeCapacityBytes + " must be positive");
        }
        if (sandboxesMax <= HIC_MIN_SANDBOXES)
        {
            throw new IllegalArgumentException("sandboxesMax=" + sandboxesMax + " must exceed HIC's floor of "
                + HIC_MIN_SANDBOXES + " sandboxes plus Core-0");
        }
    }

    public static KernelConfig withSeed(final long seed)
    {
        return new KernelConfig(seed, PhysicalMemory.DEFAULT_SIZE_BYTES, DEFAULT_SANDBOXES_MAX, CostTable.defaults(),
            PersistentStore.DEFAULT_CAPACITY_BYTES, FaultPlan.none());
    }

    public KernelConfig withMemoryBytes(final long bytes)
    {
        return new KernelConfig(seed, bytes, sandboxesMax, costs, storeCapacityBytes, faults);
    }

    public KernelConfig withCosts(final CostTable newCosts)
    {
        return new KernelConfig(seed, memoryBytes, sandboxesMax, newCosts, storeCapacityBytes, faults);
    }

    public KernelConfig withStoreCapacityBytes(final long bytes)
    {
        return new KernelConfig(seed, memoryBytes, sandboxesMax, costs, bytes, faults);
    }

    public KernelConfig withFaults(final FaultPlan plan)
    {
        return new KernelConfig(seed, memoryBytes, sandboxesMax, costs, storeCapacityBytes, plan);
    }
}
