package org.hicsim.host;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import org.hicsim.core0.cap.ObjectKind;

/**
 * The policy's answer to a manifest's capability requests: for each object name it grants
 * ({@code net.mmio}), the kernel object and rights. The manifest asks; the policy decides: a request it does
 * not answer is not granted, and the rights are the policy's, not the request's. Immutable.
 */
public final class Grants
{
    private static final Grants NONE = new Grants(new TreeMap<>());

    private final SortedMap<String, Grant> byObject;

    private Grants(final SortedMap<String, Grant> byObject)
    {
        this.byObject = Collections.unmodifiableSortedMap(byObject);
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
        return new Grants(grants);
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
        return "Grants" + byObject;
    }
}
