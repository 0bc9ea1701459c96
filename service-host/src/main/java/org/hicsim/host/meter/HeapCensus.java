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
import java.util.Set;

/**
 * Counts, by the {@link HeapModel}, what a sandbox holds: everything its service object and its classes' static
 * fields reach through the sandbox's own objects (its classes', its lambdas', and SPI objects it made) and the
 * JDK's containers, strings, boxes and arrays. Kernel objects it was handed ({@code ServiceContext}, a connection
 * target) are not its, and are not followed. The result depends only on what is reachable, never on the JVM's
 * layout or on when a collection ran, so it is the same in every JVM; a census reads each object once and costs
 * the sandbox one unit of fuel per object.
 * <p>
 * Limits: a JDK object the model does not look into (an iterator, a comparator) counts as
 * {@link HeapModel#OPAQUE_BYTES} and is not followed, so what only such an object reaches is not counted; an enum
 * constant and a class count as nothing (they are the class's).
 */
public final class HeapCensus
{
    private static final String SPI_PACKAGE = "org.hicsim.core0.spi";
    private static final int THROWABLE_BYTES = 512;

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
            return HeapModel.shallowBytes(value);
        }
        if (value instanceof Collection)
        {
            for (final Object element : (Collection<?>)value)
            {
                add(element);
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
        return shallow > HeapModel.HEADER_BYTES ? shallow : HeapModel.OPAQUE_BYTES;
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
