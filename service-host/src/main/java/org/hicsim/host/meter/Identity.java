package org.hicsim.host.meter;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a module sees when it hashes or prints a value, with no identity hash in it: the loader sends every
 * {@code hashCode()} and {@code toString()} a module's code asks of a JDK or kernel class, every
 * {@code String.valueOf(Object)}, {@code StringBuilder.append(Object)}, {@code Objects.hash…}/{@code toString},
 * {@code Arrays.hashCode/toString(Object[])} and every string concatenation here. The JVM's identity hash differs
 * from run to run and between JVM flags, and JDK code reaches it through any object that does not override
 * {@code hashCode} (an array, an enum constant, a lambda, a {@code StringBuilder}); this class answers instead:
 * <ul>
 *     <li>a module object: its own {@code hashCode}/{@code toString}, or the ones the loader gave its class (a
 *     hash from its sandbox's sequence, {@link Meter#nextHash()});</li>
 *     <li>strings, boxes, classes, bit sets and other values of the JDK: their own, which are deterministic;</li>
 *     <li>an enum constant: from its class's and constant's names;</li>
 *     <li>a JDK list, set, map, entry or {@code Optional}: computed as the JDK specifies it, over these answers
 *     for its elements;</li>
 *     <li>anything else (an array, a lambda, a {@code StringBuilder}'s hash, a kernel object): one hash per class,
 *     from its name, and {@code Name@hex} text; a lambda is named after the class that made it.</li>
 * </ul>
 * Work done here on the module's behalf is charged to its fuel, one unit per element. Nesting deeper than
 * {@link #NESTING_MAX} is cut short (hash 0, text {@code ...}), where the JDK would recurse until its stack ran out.
 */
public final class Identity
{
    /** How deep containers in containers are followed. */
    public static final int NESTING_MAX = 32;

    private static final String LAMBDA_MARK = "$$Lambda";
    private static final Pattern LOADER_HASH = Pattern.compile(" @[0-9a-f]+");
    private static final Pattern OBJECT_HASH = Pattern.compile("([\\w$.\\[;]+)@[0-9a-f]+");
    private static final Pattern HIDDEN_SUFFIX = Pattern.compile("\\$\\$Lambda\\$\\d+/0x[0-9a-f]+");

    private static final ClassValue<Kind> HASH_KINDS = new ClassValue<>()
    {
        @Override
        protected Kind computeValue(final Class<?> type)
        {
            return kindOf(type, "hashCode");
        }
    };
    private static final ClassValue<Kind> TEXT_KINDS = new ClassValue<>()
    {
        @Override
        protected Kind computeValue(final Class<?> type)
        {
            return kindOf(type, "toString");
        }
    };

    /** Who answers for a class. */
    private enum Kind
    {
        /** The object's own method: a module's, or a JDK value's. */
        OWN,
        /** An enum constant. */
        ENUM,
        /** A JDK aggregate's method, recomputed over the elements. */
        AGGREGATE,
        /** The identity's: answered from the class's name. */
        CLASS_NAME
    }

    private Identity()
    {
    }

    public static int hashCode(final Object value, final Meter meter)
    {
        return hash(value, meter, 0);
    }

    /**
     * {@code super.hashCode()} from a module class whose superclass is a JDK aggregate: recomputed over the
     * elements, never by asking {@code self} (whose own {@code hashCode} may be what called this).
     */
    public static int superHashCode(final Object self, final Meter meter)
    {
        return self == null ? 0 : aggregateHash(self, meter, 0);
    }

    public static String toString(final Object value, final Meter meter)
    {
        return text(value, meter, 0);
    }

    /** {@code super.toString()} from a module class whose superclass is a JDK class. */
    public static String superToString(final Object self, final Meter meter)
    {
        if (self instanceof Enum)
        {
            return ((Enum<?>)self).name();
        }
        if (self instanceof Throwable)
        {
            final String message = ((Throwable)self).getLocalizedMessage();
            final String name = self.getClass().getName();
            return sanitize(message != null ? name + ": " + message : name);
        }
        return isAggregate(self) ? aggregateText(self, meter, 0) : classText(self, meter);
    }

    /** {@code Objects.toString(value, nullText)}. */
    public static String toStringOr(final Object value, final String nullText, final Meter meter)
    {
        return value == null ? nullText : text(value, meter, 0);
    }

    /** {@code Arrays.hashCode(Object[])} and {@code Objects.hash(Object...)}. */
    public static int arrayHash(final Object[] values, final Meter meter)
    {
        return values == null ? 0 : arrayHash(values, meter, 0, false);
    }

    /** {@code Arrays.deepHashCode(Object[])}. */
    public static int deepHash(final Object[] values, final Meter meter)
    {
        return values == null ? 0 : arrayHash(values, meter, 0, true);
    }

    /** {@code Arrays.toString(Object[])}. */
    public static String arrayText(final Object[] values, final Meter meter)
    {
        return values == null ? "null" : arrayText(values, meter, 0, false);
    }

    /** {@code Arrays.deepToString(Object[])}. */
    public static String deepText(final Object[] values, final Meter meter)
    {
        return values == null ? "null" : arrayText(values, meter, 0, true);
    }

    /**
     * The text of a metered object whose class has no {@code toString} of its own: as {@code Object.toString}
     * writes it, with the object's metered hash.
     */
    public static String objectText(final Object self, final String className)
    {
        return className + '@' + Integer.toHexString(self.hashCode());
    }

    /**
     * A message with what the JVM writes of identities masked: a class loader's {@code @hash}, an object's
     * {@code Name@hash}, a hidden class's {@code $$Lambda$N/0xADDRESS}. The JVM writes them into the messages
     * of exceptions it throws (a failed cast names both classes' loaders).
     */
    public static String sanitize(final String message)
    {
        if (message == null || message.indexOf('@') < 0 && message.indexOf(LAMBDA_MARK) < 0)
        {
            return message;
        }
        final String hidden = HIDDEN_SUFFIX.matcher(message).replaceAll("\\$\\$Lambda");
        final String loaders = LOADER_HASH.matcher(hidden).replaceAll("");
        return OBJECT_HASH.matcher(loaders).replaceAll("$1@?");
    }

    private static int hash(final Object value, final Meter meter, final int nesting)
    {
        if (value == null)
        {
            return 0;
        }
        meter.spend(1);
        switch (HASH_KINDS.get(value.getClass()))
        {
            case OWN:
                return value.hashCode();
            case ENUM:
                final Enum<?> constant = (Enum<?>)value;
                return 31 * constant.getDeclaringClass().getName().hashCode() + constant.name().hashCode();
            case AGGREGATE:
                return aggregateHash(value, meter, nesting);
            default:
                return stableName(value.getClass()).hashCode();
        }
    }

    private static String text(final Object value, final Meter meter, final int nesting)
    {
        if (value == null)
        {
            return "null";
        }
        meter.spend(1);
        if (value instanceof String)
        {
            return (String)value;
        }
        if (value instanceof Throwable)
        {
            return sanitize(value.toString());
        }
        switch (TEXT_KINDS.get(value.getClass()))
        {
            case OWN:
            case ENUM:
                return value.toString();
            case AGGREGATE:
                return aggregateText(value, meter, nesting);
            default:
                return classText(value, meter);
        }
    }

    private static String classText(final Object value, final Meter meter)
    {
        return stableName(value.getClass()) + '@' + Integer.toHexString(hash(value, meter, 0));
    }

    private static int aggregateHash(final Object value, final Meter meter, final int nesting)
    {
        if (nesting >= NESTING_MAX)
        {
            return 0;
        }
        final int inner = nesting + 1;
        if (value instanceof Map.Entry)
        {
            final Map.Entry<?, ?> entry = (Map.Entry<?, ?>)value;
            return hash(entry.getKey(), meter, inner) ^ hash(entry.getValue(), meter, inner);
        }
        if (value instanceof Optional)
        {
            return hash(((Optional<?>)value).orElse(null), meter, inner);
        }
        if (value instanceof Map)
        {
            int sum = 0;
            for (final Map.Entry<?, ?> entry : ((Map<?, ?>)value).entrySet())
            {
                meter.spend(1);
                sum += hash(entry.getKey(), meter, inner) ^ hash(entry.getValue(), meter, inner);
            }
            return sum;
        }
        if (value instanceof List)
        {
            int result = 1;
            for (final Object element : (List<?>)value)
            {
                result = 31 * result + (element == value ? 0 : hash(element, meter, inner));
            }
            return result;
        }
        if (value instanceof Set)
        {
            int sum = 0;
            for (final Object element : (Set<?>)value)
            {
                sum += hash(element, meter, inner);
            }
            return sum;
        }
        return stableName(value.getClass()).hashCode();
    }

    private static String aggregateText(final Object value, final Meter meter, final int nesting)
    {
        if (nesting >= NESTING_MAX)
        {
            return "...";
        }
        final int inner = nesting + 1;
        if (value instanceof Map.Entry)
        {
            final Map.Entry<?, ?> entry = (Map.Entry<?, ?>)value;
            return text(entry.getKey(), meter, inner) + '=' + text(entry.getValue(), meter, inner);
        }
        if (value instanceof Optional)
        {
            final Optional<?> optional = (Optional<?>)value;
            return optional.isPresent() ? "Optional[" + text(optional.get(), meter, inner) + ']' : "Optional.empty";
        }
        final StringBuilder text = new StringBuilder();
        if (value instanceof Map)
        {
            text.append('{');
            final Iterator<? extends Map.Entry<?, ?>> entries = ((Map<?, ?>)value).entrySet().iterator();
            while (entries.hasNext())
            {
                final Map.Entry<?, ?> entry = entries.next();
                text.append(entry.getKey() == value ? "(this Map)" : text(entry.getKey(), meter, inner)).append('=')
                    .append(entry.getValue() == value ? "(this Map)" : text(entry.getValue(), meter, inner));
                text.append(entries.hasNext() ? ", " : "");
            }
            return text.append('}').toString();
        }
        text.append('[');
        final Iterator<?> elements = ((Collection<?>)value).iterator();
        while (elements.hasNext())
        {
            final Object element = elements.next();
            text.append(element == value ? "(this Collection)" : text(element, meter, inner));
            text.append(elements.hasNext() ? ", " : "");
        }
        return text.append(']').toString();
    }

    private static int arrayHash(final Object[] values, final Meter meter, final int nesting, final boolean deep)
    {
        if (nesting >= NESTING_MAX)
        {
            return 0;
        }
        int result = 1;
        for (final Object element : values)
        {
            final int elementHash;
            if (deep && element instanceof Object[])
            {
                elementHash = arrayHash((Object[])element, meter, nesting + 1, true);
            }
            else if (deep && element != null && element.getClass().isArray())
            {
                meter.spend(HeapModel.sizeOf(element));
                elementHash = primitiveArrayHash(element);
            }
            else
            {
                elementHash = hash(element, meter, nesting + 1);
            }
            result = 31 * result + elementHash;
        }
        return result;
    }

    private static String arrayText(final Object[] values, final Meter meter, final int nesting, final boolean deep)
    {
        if (nesting >= NESTING_MAX)
        {
            return "[...]";
        }
        final StringBuilder text = new StringBuilder().append('[');
        for (int i = 0; i < values.length; i++)
        {
            final Object element = values[i];
            if (deep && element instanceof Object[])
            {
                text.append(element == values ? "[...]" : arrayText((Object[])element, meter, nesting + 1, true));
            }
            else if (deep && element != null && element.getClass().isArray())
            {
                meter.spend(HeapModel.sizeOf(element));
                text.append(primitiveArrayText(element));
            }
            else
            {
                text.append(text(element, meter, nesting + 1));
            }
            text.append(i + 1 < values.length ? ", " : "");
        }
        return text.append(']').toString();
    }

    private static int primitiveArrayHash(final Object array)
    {
        if (array instanceof long[])
        {
            return java.util.Arrays.hashCode((long[])array);
        }
        if (array instanceof int[])
        {
            return java.util.Arrays.hashCode((int[])array);
        }
        if (array instanceof byte[])
        {
            return java.util.Arrays.hashCode((byte[])array);
        }
        if (array instanceof char[])
        {
            return java.util.Arrays.hashCode((char[])array);
        }
        if (array instanceof short[])
        {
            return java.util.Arrays.hashCode((short[])array);
        }
        if (array instanceof boolean[])
        {
            return java.util.Arrays.hashCode((boolean[])array);
        }
        if (array instanceof float[])
        {
            return java.util.Arrays.hashCode((float[])array);
        }
        return java.util.Arrays.hashCode((double[])array);
    }

    private static String primitiveArrayText(final Object array)
    {
        if (array instanceof long[])
        {
            return java.util.Arrays.toString((long[])array);
        }
        if (array instanceof int[])
        {
            return java.util.Arrays.toString((int[])array);
        }
        if (array instanceof byte[])
        {
            return java.util.Arrays.toString((byte[])array);
        }
        if (array instanceof char[])
        {
            return java.util.Arrays.toString((char[])array);
        }
        if (array instanceof short[])
        {
            return java.util.Arrays.toString((short[])array);
        }
        if (array instanceof boolean[])
        {
            return java.util.Arrays.toString((boolean[])array);
        }
        if (array instanceof float[])
        {
            return java.util.Arrays.toString((float[])array);
        }
        return java.util.Arrays.toString((double[])array);
    }

    private static boolean isAggregate(final Object value)
    {
        return value instanceof Collection || value instanceof Map || value instanceof Map.Entry
            || value instanceof Optional;
    }

    /**
     * A class's name as a module may see it: a lambda's hidden class is named after the class that made it,
     * without the JVM's counter and address.
     */
    static String stableName(final Class<?> type)
    {
        final String name = type.getName();
        if (type.isHidden())
        {
            final int mark = name.indexOf(LAMBDA_MARK);
            return mark < 0 ? "hidden" : name.substring(0, mark + LAMBDA_MARK.length());
        }
        return name;
    }

    private static Kind kindOf(final Class<?> type, final String method)
    {
        if (Enum.class.isAssignableFrom(type) && !"toString".equals(method))
        {
            return Kind.ENUM;
        }
        if (type.isArray() || type.isHidden())
        {
            return Kind.CLASS_NAME;
        }
        final Class<?> declaring = declaringClass(type, method);
        if (declaring == Object.class)
        {
            return Kind.CLASS_NAME;
        }
        if (declaring.getClassLoader() == null && isAggregateType(type))
        {
            return Kind.AGGREGATE;
        }
        return Kind.OWN;
    }

    private static boolean isAggregateType(final Class<?> type)
    {
        return Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
            || Map.Entry.class.isAssignableFrom(type) || type == Optional.class;
    }

    private static Class<?> declaringClass(final Class<?> type, final String method)
    {
        for (Class<?> c = type; c != null; c = c.getSuperclass())
        {
            for (final Method declared : c.getDeclaredMethods())
            {
                if (declared.getName().equals(method) && declared.getParameterCount() == 0)
                {
                    return c;
                }
            }
        }
        return Object.class;
    }
}
