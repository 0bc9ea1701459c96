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
 */
public final class Grants
{
    private static final Grants NONE = new Grants(new TreeMap<>(), SandboxSpec.DEFAULT_CAPABILITY_SLOTS);

    private final SortedMap<String, Grant> byObject;
    private final int capabilitySlots;

    private Grants(final SortedMap<String, Grant> byObject, final int capabilitySlots)
    {
        this.byObject = Collections.unmodifiableSortedMap(byObject);
        this.capabilitySlots = capabilitySlots;
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
        return new Grants(grants, capabilitySlots);
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
        return new Grants(new TreeMap<>(byObject), slots);
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
        return "Grants" + byObject + " capabilitySlots=" + capabilitySlots;
    }
}
