package org.hicsim.host.meter;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

import sun.misc.Unsafe;

/**
 * Counts, by the {@link HeapModel}, what a sandbox holds: everything its service object and its classes' static
 * fields reach through the sandbox's own objects (its classes', its lambdas', and SPI objects it made) and the
 * JDK's containers, strings, boxes and arrays. Kernel objects it was handed ({@code ServiceContext}, a connection
 * target) are not its, and are not followed. The result depends only on what is reachable, never on the JVM's
 * layout or on when a collection ran, so it is the same in every JVM; a census reads each object once and costs
 * the sandbox one unit of fuel per object.
 * <p>
 * The JDK's containers are read through their public API (their elements, and a sorted one's comparator) and
 * sized by the model; any other JDK object (an iterator, a reversed comparator) by its fields, read with
 * {@code sun.misc.Unsafe} since {@code java.base} is not open to reflection, so what it keeps is found too.
 * Limits: a JDK lambda (a hidden class, whose fields Unsafe will not read) counts as
 * {@link HeapModel#OPAQUE_BYTES} and is not followed, which is why the JDK's function-composing methods, the
 * only ones whose lambdas keep a module's objects, are refused at load; an enum constant and a class count as
 * nothing (they are the class's).
 */
public final class HeapCensus
{
    private static final String SPI_PACKAGE = "org.hicsim.core0.spi";
    private static final int THROWABLE_BYTES = 512;

    private static final Unsafe UNSAFE = unsafe();
    private static final ClassValue<long[]> JDK_REFERENCE_OFFSETS = new ClassValue<>()
    {
        @Override
        protected long[] computeValue(final Class<?> type)
        {
            return jdkReferenceOffsets(type);
        }
    };
    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>()
    {
        @Override
        protected Layout computeValue(final Class<?> type)
        {
            return Layout.of(type);
        }
    };

    private final Meter meter;
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<Object> pending = new ArrayDeque<>();
    private long bytes;

    private HeapCensus(final Meter meter)
    {
        this.meter = meter;
    }

    /**
     * @param root    the service object.
     * @param classes the sandbox's initialized classes, whose static fields are roots too.
     * @return the modelled bytes held.
     */
    public static long measure(final Object root, final List<Class<?>> classes, final Meter meter)
    {
        final HeapCensus census = new HeapCensus(meter);
        for (final Class<?> type : classes)
        {
            census.addStatics(type);
        }
        census.add(root);
        census.drain();
        return census.bytes;
    }

    private void addStatics(final Class<?> type)
    {
        for (final Field field : LAYOUTS.get(type).statics)
        {
            try
            {
                add(field.get(null));
            }
            catch (final IllegalAccessException | LinkageError ex)
            {
                // A class whose initializer failed has no statics to hold anything: the sandbox crashed there.
            }
        }
    }

    private void add(final Object value)
    {
        if (value != null && seen.add(value))
        {
            pending.push(value);
        }
    }

    private void drain()
    {
        while (!pending.isEmpty())
        {
            final Object value = pending.pop();
            meter.spend(1);
            bytes += visit(value);
        }
    }

    private long visit(final Object value)
    {
        final Class<?> type = value.getClass();
        if (type.isArray())
        {
            if (value instanceof Object[])
            {
                for (final Object element : (Object[])value)
                {
                    add(element);
                }
            }
            return HeapModel.shallowBytes(value);
        }
        final ClassLoader loader = type.getClassLoader();
        if (loader instanceof MeteredLoader || SPI_PACKAGE.equals(type.getPackageName()))
        {
            return visitFields(value, LAYOUTS.get(type));
        }
        if (loader != null)
        {
            return 0;
        }
        return visitJdk(value);
    }

    private long visitFields(final Object value, final Layout layout)
    {
        for (final Field field : layout.references)
        {
            try
            {
                add(field.get(value));
            }
            catch (final IllegalAccessException ex)
            {
                throw new IllegalStateException("field=" + field + " was made accessible", ex);
            }
        }
        if (value instanceof Throwable)
        {
            final Throwable thrown = (Throwable)value;
            add(thrown.getCause());
            for (final Throwable suppressed : thrown.getSuppressed())
            {
                add(suppressed);
            }
            return layout.bytes + THROWABLE_BYTES;
        }
        return layout.bytes;
    }

    private long visitJdk(final Object value)
    {
        if (value instanceof Enum || value instanceof Class)
        {
            return 0;
        }
        if (value instanceof Map)
        {
            for (final Map.Entry<?, ?> entry : ((Map<?, ?>)value).entrySet())
            {
                add(entry.getKey());
                add(entry.getValue());
            }
            if (value instanceof SortedMap)
            {
                add(((SortedMap<?, ?>)value).comparator());
            }
            return HeapModel.shallowBytes(value);
        }
        if (value instanceof Collection)
        {
            for (final Object element : (Collection<?>)value)
            {
                add(element);
            }
            if (value instanceof SortedSet)
            {
                add(((SortedSet<?>)value).comparator());
            }
            if (value instanceof PriorityQueue)
            {
                add(((PriorityQueue<?>)value).comparator());
            }
            return HeapModel.shallowBytes(value);
        }
        if (value instanceof Map.Entry)
        {
            add(((Map.Entry<?, ?>)value).getKey());
            add(((Map.Entry<?, ?>)value).getValue());
            return HeapModel.objectBytes(2);
        }
        if (value instanceof Optional)
        {
            add(((Optional<?>)value).orElse(null));
            return HeapModel.objectBytes(1);
        }
        if (value instanceof Throwable)
        {
            add(((Throwable)value).getCause());
            return THROWABLE_BYTES;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character)
        {
            return HeapModel.objectBytes(1);
        }
        final long shallow = HeapModel.shallowBytes(value);
        if (shallow > HeapModel.HEADER_BYTES)
        {
            return shallow;
        }
        final long[] offsets = JDK_REFERENCE_OFFSETS.get(value.getClass());
        if (offsets == null)
        {
            return HeapModel.OPAQUE_BYTES;
        }
        for (int i = 1; i < offsets.length; i++)
        {
            add(UNSAFE.getObject(value, offsets[i]));
        }
        return offsets[0];
    }

    /**
     * A JDK class's instance size by the model (first) and the offsets of its reference fields; null for a hidden
     * class, whose fields Unsafe does not read.
     */
    private static long[] jdkReferenceOffsets(final Class<?> type)
    {
        if (type.isHidden())
        {
            return null;
        }
        final List<Long> offsets = new ArrayList<>();
        int instanceFields = 0;
        for (Class<?> c = type; c != null; c = c.getSuperclass())
        {
            for (final Field field : c.getDeclaredFields())
            {
                if (!Modifier.isStatic(field.getModifiers()))
                {
                    instanceFields++;
                    if (!field.getType().isPrimitive())
                    {
                        offsets.add(UNSAFE.objectFieldOffset(field));
                    }
                }
            }
        }
        final long[] layout = new long[offsets.size() + 1];
        layout[0] = HeapModel.objectBytes(instanceFields);
        for (int i = 0; i < offsets.size(); i++)
        {
            layout[i + 1] = offsets.get(i);
        }
        return layout;
    }

    private static Unsafe unsafe()
    {
        try
        {
            final Field theUnsafe = Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            return (Unsafe)theUnsafe.get(null);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * A class's fields as the census reads them: the instance fields it and its superclasses declare (their
     * count sizes an instance), the reference ones it can read (declared by the sandbox's or SPI classes), and
     * its own static reference fields.
     */
    private static final class Layout
    {
        final List<Field> references = new ArrayList<>();
        final List<Field> statics = new ArrayList<>();
        final long bytes;

        private Layout(final Class<?> type)
        {
            int instanceFields = 0;
            for (Class<?> c = type; c != null; c = c.getSuperclass())
            {
                final boolean readable = c.getClassLoader() instanceof MeteredLoader
                    || SPI_PACKAGE.equals(c.getPackageName());
                for (final Field field : c.getDeclaredFields())
                {
                    final boolean isStatic = Modifier.isStatic(field.getModifiers());
                    if (!isStatic)
                    {
                        instanceFields++;
                    }
                    if (readable && !field.getType().isPrimitive() && (!isStatic || c == type))
                    {
                        field.setAccessible(true);
                        (isStatic ? statics : references).add(field);
                    }
                }
            }
            bytes = HeapModel.objectBytes(instanceFields);
        }

        static Layout of(final Class<?> type)
        {
            return new Layout(type);
        }
    }
}
