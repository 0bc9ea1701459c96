package org.hicsim.host.meter;

import java.lang.reflect.Array;
import java.util.BitSet;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The size model of the heap a sandbox holds and of the work JDK methods do on its data: deterministic, the same
 * in every JVM, and deliberately not the JVM's own layout (which changes with compressed pointers, compact strings
 * and the collector). A reference and a header are modelled at 8 and 16 bytes, a character at 2, so the model is
 * at or above what a 64-bit JVM with compressed pointers takes; hashed containers, whose tables the JVM may leave
 * up to twice as large as their contents, are the exception, by at most that factor.
 * <p>
 * The JDK's containers are asked their size; so is a module's own collection when it is handed to a JDK method
 * (by metered code of its own). The census sizes a module's objects by their fields, never by calling their code.
 */
public final class HeapModel
{
    public static final int HEADER_BYTES = 16;
    public static final int REFERENCE_BYTES = 8;
    public static final int ARRAY_HEADER_BYTES = 16;
    /** A String's object and its array's header. */
    public static final int STRING_BYTES = 40;
    /** A list slot or a set node. */
    public static final int ELEMENT_BYTES = 32;
    /** A map node with its table slot. */
    public static final int ENTRY_BYTES = 48;
    /** A JDK object the model does not look into (an iterator, a comparator, a random generator). */
    public static final int OPAQUE_BYTES = 32;

    private HeapModel()
    {
    }

    public static long arrayBytes(final int length, final int elementBytes)
    {
        return ARRAY_HEADER_BYTES + (long)length * elementBytes;
    }

    public static long stringBytes(final int length)
    {
        return STRING_BYTES + 2L * length;
    }

    /**
     * The size of the data a JDK method works through: an array's length, a JDK string's or builder's characters,
     * a collection's or map's entries (a module's own collection is asked its size), a bit set's words; 0 for
     * anything else.
     */
    public static long sizeOf(final Object data)
    {
        if (data == null)
        {
            return 0;
        }
        final Class<?> type = data.getClass();
        if (type.isArray())
        {
            return Array.getLength(data);
        }
        if (type.getClassLoader() instanceof MeteredLoader)
        {
            // A module's own collection: the size it claims is what a JDK method will work through (and may
            // allocate by), so ask it: metered code, like any of the module's.
            return data instanceof Collection ? Math.max(0, ((Collection<?>)data).size())
                : data instanceof Map ? Math.max(0, ((Map<?, ?>)data).size()) : 0;
        }
        if (type.getClassLoader() != null)
        {
            return 0;
        }
        if (data instanceof CharSequence)
        {
            return ((CharSequence)data).length();
        }
        if (data instanceof Collection)
        {
            return ((Collection<?>)data).size();
        }
        if (data instanceof Map)
        {
            return ((Map<?, ?>)data).size();
        }
        if (data instanceof BitSet)
        {
            return ((BitSet)data).size() >>> 6;
        }
        if (data instanceof StringJoiner)
        {
            return ((StringJoiner)data).length();
        }
        return 0;
    }

    /** Bytes one unit of {@link #sizeOf(Object)} takes in a container that grows. */
    public static int unitBytes(final Object container)
    {
        if (container instanceof Map)
        {
            return ENTRY_BYTES;
        }
        if (container instanceof Collection)
        {
            return ELEMENT_BYTES;
        }
        if (container instanceof BitSet)
        {
            return Long.BYTES;
        }
        return Character.BYTES;
    }

    /**
     * What an object a JDK method returned takes on its own: a string's characters, an array, a container's
     * slots and nodes (its elements are charged where they were made).
     */
    public static long shallowBytes(final Object made)
    {
        if (made == null)
        {
            return 0;
        }
        final Class<?> type = made.getClass();
        if (type.isArray())
        {
            return arrayBytes(Array.getLength(made), elementBytes(type.getComponentType()));
        }
        if (made instanceof String)
        {
            return stringBytes(((String)made).length());
        }
        if (type.getClassLoader() != null)
        {
            return HEADER_BYTES;
        }
        if (made instanceof StringBuilder)
        {
            return STRING_BYTES + 2L * ((StringBuilder)made).capacity();
        }
        final long size = sizeOf(made);
        return size == 0 ? HEADER_BYTES : HEADER_BYTES + size * unitBytes(made);
    }

    /** Bytes of one element of an array of {@code componentType}. */
    public static int elementBytes(final Class<?> componentType)
    {
        if (!componentType.isPrimitive())
        {
            return REFERENCE_BYTES;
        }
        if (componentType == long.class || componentType == double.class)
        {
            return Long.BYTES;
        }
        if (componentType == int.class || componentType == float.class)
        {
            return Integer.BYTES;
        }
        if (componentType == short.class || componentType == char.class)
        {
            return Short.BYTES;
        }
        return Byte.BYTES;
    }

    /** Bytes of an instance with that many fields, whatever their types. */
    public static int objectBytes(final int instanceFields)
    {
        return HEADER_BYTES + instanceFields * REFERENCE_BYTES;
    }
}
