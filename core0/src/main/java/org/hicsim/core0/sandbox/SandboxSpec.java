package org.hicsim.core0.sandbox;

import java.util.Objects;

import org.hicsim.core0.cap.CapLimits;
import org.hicsim.core0.memory.PhysicalMemory;

/**
 * What a sandbox is created from: its name, layer and quotas. A running sandbox's spec is the template a new
 * instance of the same service starts from, with a quota override where the update asks for one.
 *
 * @param name                 unique among live sandboxes, e.g. {@code netstack-v1.3.0-temp}.
 * @param type                 the layer.
 * @param memoryBytes          contiguous physical memory, a whole number of frames; also the memory quota.
 * @param cpuQuotaPercent      share of one simulated core, 1 to 100.
 * @param capabilitySlots      the most capabilities it may hold at once, 1 to {@link CapLimits#SPACE_CAPACITY_MAX}:
 *                             a limit, not an allocation, since its capability space grows as it is used. A new
 *                             instance that receives one buffer region per migrated connection needs more than
 *                             the connections it will take.
 */
public record SandboxSpec(
    String name, SandboxType type, long memoryBytes, int cpuQuotaPercent, int capabilitySlots)
{
    /** Most services hold a few capabilities; a small limit keeps a runaway one from filling Core-0's memory. */
    public static final int DEFAULT_CAPABILITY_SLOTS = 64;

    public SandboxSpec
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace))
        {
            throw new IllegalArgumentException("name='" + name + "' must be non-empty without white space");
        }
        if (type == SandboxType.CORE)
        {
            throw new IllegalArgumentException("type=CORE: Core-0 is not created, it exists");
        }
        if (memoryBytes < PhysicalMemory.FRAME_SIZE || memoryBytes % PhysicalMemory.FRAME_SIZE != 0)
        {
            throw new IllegalArgumentException("memoryBytes=" + memoryBytes + " must be a positive multiple of "
                + PhysicalMemory.FRAME_SIZE);
        }
        if (cpuQuotaPercent < 1 || cpuQuotaPercent > 100)
        {
            throw new IllegalArgumentException("cpuQuotaPercent=" + cpuQuotaPercent + " must be 1 to 100");
        }
        checkCapabilitySlots(capabilitySlots);
    }

    /**
     * @throws IllegalArgumentException if {@code capabilitySlots} is outside 1..{@link CapLimits#SPACE_CAPACITY_MAX}.
     */
    public static void checkCapabilitySlots(final int capabilitySlots)
    {
        if (capabilitySlots < 1 || capabilitySlots > CapLimits.SPACE_CAPACITY_MAX)
        {
            throw new IllegalArgumentException(
                "capabilitySlots=" + capabilitySlots + " outside 1.." + CapLimits.SPACE_CAPACITY_MAX);
        }
    }

    public static SandboxSpec privileged(final String name, final long memoryBytes, final int cpuQuotaPercent)
    {
        return new SandboxSpec(name, SandboxType.PRIVILEGED, memoryBytes, cpuQuotaPercent, DEFAULT_CAPABILITY_SLOTS);
    }

    public int frames()
    {
        return (int)(memoryBytes / PhysicalMemory.FRAME_SIZE);
    }

    /**
     * The same spec under another name with other quotas: how a new instance is made from the old one.
     */
    public SandboxSpec derive(final String newName, final long newMemoryBytes, final int newCpuQuotaPercent)
    {
        return new SandboxSpec(newName, type, newMemoryBytes, newCpuQuotaPercent, capabilitySlots);
    }
}
