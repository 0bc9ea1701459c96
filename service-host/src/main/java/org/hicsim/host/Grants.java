package org.hicsim.host;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import org.hicsim.core0.cap.CapLimits;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.sandbox.SandboxSpec;

/**
 * The policy's answer to a manifest's capability requests: for each object name it grants
 * ({@code net.mmio}), the kernel object and rights; and how many capabilities the sandbox may hold at most, its
 * capability space's limit. The manifest asks; the policy decides: a request it does not answer is not granted,
 * and the rights are the policy's, not the request's. Immutable.
 * <p>
 * The limit costs nothing until used (a space grows on demand), so a policy gives a new instance that will
 * receive one buffer region per migrated connection a limit above the connection count, and others the default.
 * <p>
 * The policy may also give the sandbox another CPU quota than the manifest asks for (an update policy's setting
 * for the new instance); unset, the manifest's {@code cpu_quota} holds. Likewise its memory quota (an install's
 * override, for a service configured for more than its manifest's default: netstack at a million connections).
 */
public final class Grants
{
    /** {@link #cpuQuotaPercent(int)}'s value when the policy leaves the quota to the manifest. */
    public static final int MANIFEST_CPU_QUOTA = 0;
    /** {@link #memoryBytes(long)}'s value when the policy leaves the memory quota to the manifest. */
    public static final long MANIFEST_MEMORY = 0;
    private static final Grants NONE = new Grants(new TreeMap<>(), SandboxSpec.DEFAULT_CAPABILITY_SLOTS,
        MANIFEST_CPU_QUOTA, MANIFEST_MEMORY);

    private final SortedMap<String, Grant> byObject;
    private final int capabilitySlots;
    private final int cpuQuotaPercent;
    private final long memoryBytes;

    private Grants(final SortedMap<String, Grant> byObject, final int capabilitySlots, final int cpuQuotaPercent,
        final long memoryBytes)
    {
        this.memoryBytes = memoryBytes;
        this.byObject = Collections.unmodifiableSortedMap(byObject);
        this.capabilitySlots = capabilitySlots;
        this.cpuQuotaPercent = cpuQuotaPercent;
    }

    /** A policy that grants nothing. */
    public static Grants none()
    {
        return NONE;
    }

    /**
     * These grants and one more.
     *
     * @param object a manifest capability request's object, e.g. {@code net.mmio}.
     * @throws IllegalArgumentException if {@code object} is granted already.
     */
    public Grants with(final String object, final ObjectKind kind, final int objectId, final int rights)
    {
        if (byObject.containsKey(object))
        {
            throw new IllegalArgumentException("object=" + object + " is granted already");
        }
        final SortedMap<String, Grant> grants = new TreeMap<>(byObject);
        grants.put(object, new Grant(kind, objectId, rights));
        return new Grants(grants, capabilitySlots, cpuQuotaPercent, memoryBytes);
    }

    /**
     * These grants with another capability space limit.
     *
     * @param slots 1 to {@link CapLimits#SPACE_CAPACITY_MAX}.
     * @throws IllegalArgumentException if {@code slots} is outside that range.
     */
    public Grants withCapabilitySlots(final int slots)
    {
        SandboxSpec.checkCapabilitySlots(slots);
        return new Grants(new TreeMap<>(byObject), slots, cpuQuotaPercent, memoryBytes);
    }

    /**
     * These grants with the sandbox's CPU quota set by the policy instead of the manifest.
     *
     * @param percent 1 to 100, or {@link #MANIFEST_CPU_QUOTA} for the manifest's.
     * @throws IllegalArgumentException if {@code percent} is outside that range.
     */
    public Grants withCpuQuotaPercent(final int percent)
    {
        if (percent < MANIFEST_CPU_QUOTA || percent > 100)
        {
            throw new IllegalArgumentException("percent=" + percent + " must be 1 to 100, or 0 for the manifest's");
        }
        return new Grants(new TreeMap<>(byObject), capabilitySlots, percent, memoryBytes);
    }

    /**
     * These grants with the sandbox's memory quota set instead of the manifest's.
     *
     * @param bytes above 0, or {@link #MANIFEST_MEMORY} for the manifest's.
     * @throws IllegalArgumentException if {@code bytes} is negative.
     */
    public Grants withMemoryBytes(final long bytes)
    {
        if (bytes < MANIFEST_MEMORY)
        {
            throw new IllegalArgumentException("bytes=" + bytes + " must be above 0, or 0 for the manifest's");
        }
        return new Grants(new TreeMap<>(byObject), capabilitySlots, cpuQuotaPercent, bytes);
    }

    /** The memory quota the sandbox gets: the policy's if it set one, else {@code manifestBytes}. */
    public long memoryBytes(final long manifestBytes)
    {
        return memoryBytes == MANIFEST_MEMORY ? manifestBytes : memoryBytes;
    }

    /** The CPU quota the sandbox gets: the policy's if it set one, else {@code manifestPercent}. */
    public int cpuQuotaPercent(final int manifestPercent)
    {
        return cpuQuotaPercent == MANIFEST_CPU_QUOTA ? manifestPercent : cpuQuotaPercent;
    }

    /** The most capabilities the sandbox may hold; {@link SandboxSpec#DEFAULT_CAPABILITY_SLOTS} unless set. */
    public int capabilitySlots()
    {
        return capabilitySlots;
    }

    /**
     * @return the grant for {@code object}, or null if the policy grants it nothing.
     */
    public Grant grant(final String object)
    {
        return byObject.get(object);
    }

    /** Every grant by object name, sorted. */
    public SortedMap<String, Grant> asMap()
    {
        return byObject;
    }

    @Override
    public String toString()
    {
        return "Grants" + byObject + " capabilitySlots=" + capabilitySlots + " cpuQuotaPercent=" + cpuQuotaPercent
            + " memoryBytes=" + memoryBytes;
    }
}
