package org.hicsim.host.meter;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a module's {@code Set.of}, {@code Set.copyOf}, {@code Map.of}, {@code Map.ofEntries} and
 * {@code Map.copyOf} become: the JDK's immutable sets and maps iterate in an order salted once per JVM (from the
 * clock, at class initialization), so two runs of one seed would see different orders. These keep the order the
 * elements were given in, refuse nulls and duplicates as the JDK's do, and cannot be modified. Unlike the JDK's,
 * {@code contains(null)} answers false instead of throwing.
 */
public final class DeterministicCollections
{
    private DeterministicCollections()
    {
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf()
    {
        return set((E[])new Object[] {  });
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf(final E e1)
    {
        return set((E[])new Object[] { e1 });
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf(final E e1, final E e2)
    {
        return set((E[])new Object[] { e1, e2 });
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf(final E e1, final E e2, final E e3)
    {
        return set((E[])new Object[] { e1, e2, e3 });
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf(final E e1, final E e2, final E e3, final E e4)
    {
        return set((E[])new Object[] { e1, e2, e3, e4 });
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf(final E e1, final E e2, final E e3, final E e4, final E e5)
    {
        return set((E[])new Object[] { e1, e2, e3, e4, e5 });
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf(final E e1, final E e2, final E e3, final E e4, final E e5, final E e6)
    {
        return set((E[])new Object[] { e1, e2, e3, e4, e5, e6 });
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf(final E e1, final E e2, final E e3, final E e4, final E e5, final E e6, final E e7)
    {
        return set((E[])new Object[] { e1, e2, e3, e4, e5, e6, e7 });
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf(final E e1, final E e2, final E e3, final E e4, final E e5, final E e6, final E e7, final E e8)
    {
        return set((E[])new Object[] { e1, e2, e3, e4, e5, e6, e7, e8 });
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf(final E e1, final E e2, final E e3, final E e4, final E e5, final E e6, final E e7, final E e8, final E e9)
    {
        return set((E[])new Object[] { e1, e2, e3, e4, e5, e6, e7, e8, e9 });
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> setOf(final E e1, final E e2, final E e3, final E e4, final E e5, final E e6, final E e7, final E e8, final E e9, final E e10)
    {
        return set((E[])new Object[] { e1, e2, e3, e4, e5, e6, e7, e8, e9, e10 });
    }

    @SafeVarargs
    public static <E> Set<E> setOf(final E... elements)
    {
        return set(elements.clone());
    }

    public static <E> Set<E> setCopyOf(final Collection<? extends E> elements)
    {
        final Set<E> copy = new LinkedHashSet<>();
        for (final E element : elements)
        {
            copy.add(Objects.requireNonNull(element));
        }
        return Collections.unmodifiableSet(copy);
    }

    public static <K, V> Map<K, V> mapOf()
    {
        return map(new Object[] {  });
    }

    public static <K, V> Map<K, V> mapOf(final K k1, final V v1)
    {
        return map(new Object[] { k1, v1 });
    }

    public static <K, V> Map<K, V> mapOf(final K k1, final V v1, final K k2, final V v2)
    {
        return map(new Object[] { k1, v1, k2, v2 });
    }

    public static <K, V> Map<K, V> mapOf(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3)
    {
        return map(new Object[] { k1, v1, k2, v2, k3, v3 });
    }

    public static <K, V> Map<K, V> mapOf(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4)
    {
        return map(new Object[] { k1, v1, k2, v2, k3, v3, k4, v4 });
    }

    public static <K, V> Map<K, V> mapOf(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5)
    {
        return map(new Object[] { k1, v1, k2, v2, k3, v3, k4, v4, k5, v5 });
    }

    public static <K, V> Map<K, V> mapOf(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5, final K k6, final V v6)
    {
        return map(new Object[] { k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6 });
    }

    public static <K, V> Map<K, V> mapOf(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5, final K k6, final V v6, final K k7, final V v7)
    {
        return map(new Object[] { k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7 });
    }

    public static <K, V> Map<K, V> mapOf(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5, final K k6, final V v6, final K k7, final V v7, final K k8, final V v8)
    {
        return map(new Object[] { k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8 });
    }

    public static <K, V> Map<K, V> mapOf(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5, final K k6, final V v6, final K k7, final V v7, final K k8, final V v8, final K k9, final V v9)
    {
        return map(new Object[] { k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8, k9, v9 });
    }

    public static <K, V> Map<K, V> mapOf(final K k1, final V v1, final K k2, final V v2, final K k3, final V v3, final K k4, final V v4, final K k5, final V v5, final K k6, final V v6, final K k7, final V v7, final K k8, final V v8, final K k9, final V v9, final K k10, final V v10)
    {
        return map(new Object[] { k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8, k9, v9, k10, v10 });
    }

    @SafeVarargs
    public static <K, V> Map<K, V> mapOfEntries(final Map.Entry<? extends K, ? extends V>... entries)
    {
        final Object[] keysAndValues = new Object[entries.length * 2];
        for (int i = 0; i < entries.length; i++)
        {
            keysAndValues[2 * i] = entries[i].getKey();
            keysAndValues[2 * i + 1] = entries[i].getValue();
        }
        return map(keysAndValues);
    }

    public static <K, V> Map<K, V> mapCopyOf(final Map<? extends K, ? extends V> map)
    {
        final Map<K, V> copy = new LinkedHashMap<>();
        for (final Map.Entry<? extends K, ? extends V> entry : map.entrySet())
        {
            copy.put(Objects.requireNonNull(entry.getKey()), Objects.requireNonNull(entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static <E> Set<E> set(final E[] elements)
    {
        final Set<E> set = new LinkedHashSet<>();
        for (final E element : elements)
        {
            if (!set.add(Objects.requireNonNull(element)))
            {
                throw new IllegalArgumentException("duplicate element: " + Identity.sanitize(String.valueOf(element)));
            }
        }
        return Collections.unmodifiableSet(set);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> map(final Object[] keysAndValues)
    {
        final Map<K, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            final K key = (K)Objects.requireNonNull(keysAndValues[i]);
            if (map.put(key, (V)Objects.requireNonNull(keysAndValues[i + 1])) != null)
            {
                throw new IllegalArgumentException("duplicate key: " + Identity.sanitize(String.valueOf(key)));
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
