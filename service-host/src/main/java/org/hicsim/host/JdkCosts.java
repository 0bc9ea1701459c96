package org.hicsim.host;

import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Type;

/**
 * How the loader charges a call from a module's code into the JDK or the SPI, whose own code is not metered
 * ({@link MethodMetering}): as data, by member name. The rules are conservative: a method not named here is
 * charged the size of every container, string or array it is given, its receiver's included.
 * <ul>
 *     <li><b>Sized</b> types: a value of one of these static types is charged its size in fuel
 *     ({@code HeapModel.sizeOf}) before the call: arrays, strings, builders, the JDK's collections and maps, bit
 *     sets. {@code Object} arguments only for {@code equals} and for {@code java.util.Objects} and
 *     {@code java.util.Arrays}, which compare or hash what they are given.</li>
 *     <li><b>Constant-time</b> methods: their receiver is not charged ({@code get}, {@code put}, {@code add},
 *     {@code charAt}, iteration, navigation, ...).</li>
 *     <li><b>Growers</b>: the container a call may grow (the receiver, or the first argument of a static call) is
 *     measured before and after, and the growth charged to the heap.</li>
 *     <li><b>Producers</b>: what the call returns (or the object a JDK constructor made from sized arguments) is
 *     charged to the heap by its size.</li>
 *     <li><b>Capacity</b> arguments: {@code new ArrayList<>(n)}, {@code BitSet.set(n)}, {@code Arrays.copyOf(a, n)}
 *     allocate by an int argument, which is charged before the call; {@code System.arraycopy} works by its length.
 *     <b>Products</b>: {@code repeat}, {@code replace} and {@code join} may make a result the product of two sizes,
 *     charged before the call.</li>
 * </ul>
 */
final class JdkCosts
{
    /** The int argument a call allocates by: {@code bytes = argument * bytesPerUnit >> shift}. */
    record Capacity(int argument, int bytesPerUnit, int shift)
    {
    }

    /** A call whose result may be the product of two sizes: each is a position (0 the receiver, else argument + 1). */
    record Product(int first, int second, boolean secondIsInt)
    {
    }

    private static final Set<String> SIZED_TYPES = Set.of(
        "java/lang/String", "java/lang/CharSequence", "java/lang/StringBuilder", "java/lang/Iterable",
        "java/util/Collection", "java/util/List", "java/util/Set", "java/util/Queue", "java/util/Deque",
        "java/util/SortedSet", "java/util/NavigableSet", "java/util/Map", "java/util/SortedMap",
        "java/util/NavigableMap", "java/util/ArrayList", "java/util/LinkedList", "java/util/ArrayDeque",
        "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/PriorityQueue",
        "java/util/AbstractCollection", "java/util/AbstractList", "java/util/AbstractSet", "java/util/AbstractQueue",
        "java/util/AbstractSequentialList", "java/util/AbstractMap", "java/util/HashMap", "java/util/LinkedHashMap",
        "java/util/TreeMap", "java/util/EnumMap", "java/util/EnumSet", "java/util/BitSet", "java/util/StringJoiner");

    private static final Set<String> KEYED_TYPES = Set.of(
        "java/util/Map", "java/util/SortedMap", "java/util/NavigableMap", "java/util/HashMap",
        "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/EnumMap", "java/util/AbstractMap",
        "java/util/Set", "java/util/SortedSet", "java/util/NavigableSet", "java/util/HashSet",
        "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/EnumSet", "java/util/AbstractSet",
        "java/util/Queue", "java/util/Deque", "java/util/ArrayDeque", "java/util/PriorityQueue",
        "java/util/AbstractQueue");

    private static final Set<String> CONSTANT_TIME = Set.of(
        "get", "set", "put", "append", "charAt", "codePointAt", "length", "size", "isEmpty", "push", "pop", "poll",
        "peek", "offer", "element", "addFirst", "addLast", "offerFirst", "offerLast", "removeFirst", "removeLast",
        "pollFirst", "pollLast", "peekFirst", "peekLast", "getFirst", "getLast", "containsKey", "getOrDefault",
        "putIfAbsent", "computeIfAbsent", "computeIfPresent", "compute", "merge", "iterator", "hasNext", "next",
        "hasPrevious", "previous", "nextIndex", "previousIndex", "keySet", "values", "entrySet", "getKey",
        "getValue", "setValue", "setCharAt", "firstKey", "lastKey", "floorKey", "ceilingKey", "higherKey",
        "lowerKey", "first", "last", "floor", "ceiling", "higher", "lower", "firstEntry", "lastEntry",
        "floorEntry", "ceilingEntry", "higherEntry", "lowerEntry", "pollFirstEntry", "pollLastEntry", "headMap",
        "tailMap", "subMap", "headSet", "tailSet", "subSet", "descendingMap", "descendingSet",
        "descendingIterator", "navigableKeySet", "descendingKeySet", "comparator", "subList", "capacity",
        "ensureCapacity", "setLength", "flip", "clear", "hashCode");

    /** Constant-time only on a keyed container (a map, a set, a queue): linear on a list or a string. */
    private static final Set<String> CONSTANT_TIME_KEYED = Set.of("add", "remove", "contains", "replace");

    private static final Set<String> GROWERS = Set.of(
        "add", "addAll", "put", "putAll", "putIfAbsent", "computeIfAbsent", "compute", "merge", "append", "insert",
        "push", "offer", "addFirst", "addLast", "offerFirst", "offerLast", "set", "flip", "or", "xor", "replace",
        "setLength", "ensureCapacity");

    private static final Set<String> PRODUCERS = Set.of(
        "toString", "substring", "subSequence", "toArray", "copyOf", "copyOfRange", "repeat", "replace", "concat",
        "join", "valueOf", "toCharArray", "getBytes", "formatHex", "parseHex", "toByteArray", "toLongArray",
        "clone", "strip", "stripLeading", "stripTrailing", "stripIndent", "trim", "toLowerCase", "toUpperCase",
        "indent", "translateEscapes", "toHexString", "toBinaryString", "toOctalString", "toUnsignedString", "of",
        "ofEntries", "setOf", "setCopyOf", "mapOf", "mapOfEntries", "mapCopyOf");

    private static final Map<String, Capacity> CAPACITIES = Map.ofEntries(
        Map.entry("java/util/ArrayList.<init>(I)V", new Capacity(0, 8, 0)),
        Map.entry("java/util/ArrayList.ensureCapacity(I)V", new Capacity(0, 8, 0)),
        Map.entry("java/util/LinkedHashMap.<init>(I)V", new Capacity(0, 8, 0)),
        Map.entry("java/util/LinkedHashMap.<init>(IF)V", new Capacity(0, 8, 0)),
        Map.entry("java/util/LinkedHashMap.<init>(IFZ)V", new Capacity(0, 8, 0)),
        Map.entry("java/util/LinkedHashSet.<init>(I)V", new Capacity(0, 8, 0)),
        Map.entry("java/util/LinkedHashSet.<init>(IF)V", new Capacity(0, 8, 0)),
        Map.entry("java/util/ArrayDeque.<init>(I)V", new Capacity(0, 8, 0)),
        Map.entry("java/util/PriorityQueue.<init>(I)V", new Capacity(0, 8, 0)),
        Map.entry("java/util/PriorityQueue.<init>(ILjava/util/Comparator;)V", new Capacity(0, 8, 0)),
        Map.entry("java/lang/StringBuilder.<init>(I)V", new Capacity(0, 2, 0)),
        Map.entry("java/lang/StringBuilder.ensureCapacity(I)V", new Capacity(0, 2, 0)),
        Map.entry("java/lang/StringBuilder.setLength(I)V", new Capacity(0, 2, 0)),
        Map.entry("java/util/BitSet.<init>(I)V", new Capacity(0, 1, 3)),
        Map.entry("java/util/BitSet.set(I)V", new Capacity(0, 1, 3)),
        Map.entry("java/util/BitSet.set(IZ)V", new Capacity(0, 1, 3)),
        Map.entry("java/util/BitSet.flip(I)V", new Capacity(0, 1, 3)),
        Map.entry("java/util/BitSet.set(II)V", new Capacity(1, 1, 3)),
        Map.entry("java/util/BitSet.set(IIZ)V", new Capacity(1, 1, 3)),
        Map.entry("java/util/BitSet.flip(II)V", new Capacity(1, 1, 3)),
        Map.entry("java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V", new Capacity(4, 0, 0)));

    private static final Map<String, Product> PRODUCTS = Map.of(
        "java/lang/String.repeat(I)Ljava/lang/String;", new Product(0, 1, true),
        "java/lang/String.replace(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Ljava/lang/String;",
        new Product(0, 2, false),
        "java/lang/String.join(Ljava/lang/CharSequence;[Ljava/lang/CharSequence;)Ljava/lang/String;",
        new Product(2, 1, false),
        "java/lang/String.join(Ljava/lang/CharSequence;Ljava/lang/Iterable;)Ljava/lang/String;",
        new Product(2, 1, false));

    private JdkCosts()
    {
    }

    /** Whether a value of this static type is charged its size when given to a JDK method. */
    static boolean isSized(final Type type, final String owner, final String name)
    {
        if (type.getSort() == Type.ARRAY)
        {
            return true;
        }
        if (type.getSort() != Type.OBJECT)
        {
            return false;
        }
        final String internalName = type.getInternalName();
        if ("java/lang/Object".equals(internalName))
        {
            return "equals".equals(name) || "java/util/Objects".equals(owner) || "java/util/Arrays".equals(owner);
        }
        return SIZED_TYPES.contains(internalName);
    }

    /** Whether the receiver of a call on {@code owner} is charged its size. */
    static boolean chargesReceiver(final String owner, final String name, final String descriptor)
    {
        if (CONSTANT_TIME.contains(name))
        {
            return false;
        }
        if (CONSTANT_TIME_KEYED.contains(name) && KEYED_TYPES.contains(owner))
        {
            return false;
        }
        return !("add".equals(name) && Type.getArgumentTypes(descriptor).length == 1);
    }

    static boolean isGrower(final String name)
    {
        return GROWERS.contains(name);
    }

    /** Whether a container of this static type can grow (and so be measured around a growing call). */
    static boolean isContainer(final Type type)
    {
        return type.getSort() == Type.OBJECT && SIZED_TYPES.contains(type.getInternalName())
            && !"java/lang/String".equals(type.getInternalName())
            && !"java/lang/CharSequence".equals(type.getInternalName())
            && !"java/lang/Iterable".equals(type.getInternalName());
    }

    /**
     * Whether a call on {@code owner} makes what it returns. A builder's methods return the builder itself (its
     * growth is charged instead), and only a string's {@code replace} makes a new one.
     */
    static boolean isProducer(final String owner, final String name)
    {
        if ("java/lang/StringBuilder".equals(owner) && !"toString".equals(name) && !"substring".equals(name))
        {
            return false;
        }
        return PRODUCERS.contains(name) && (!"replace".equals(name) || "java/lang/String".equals(owner));
    }

    static Capacity capacity(final String owner, final String name, final String descriptor)
    {
        return CAPACITIES.get(owner + '.' + name + descriptor);
    }

    static Product product(final String owner, final String name, final String descriptor)
    {
        return PRODUCTS.get(owner + '.' + name + descriptor);
    }

    /** {@code Arrays.copyOf(a, n)} and {@code copyOfRange(a, from, to)}: the new length's argument and unit. */
    static Capacity arrayCopy(final String owner, final String name, final String descriptor)
    {
        if (!"java/util/Arrays".equals(owner) || !("copyOf".equals(name) || "copyOfRange".equals(name)))
        {
            return null;
        }
        final Type[] arguments = Type.getArgumentTypes(descriptor);
        if (arguments.length < 2 || arguments[0].getSort() != Type.ARRAY || arguments[0].getDimensions() != 1)
        {
            return null;
        }
        return new Capacity(arguments.length - 1, elementBytes(arguments[0].getElementType()), 0);
    }

    static int elementBytes(final Type element)
    {
        switch (element.getSort())
        {
            case Type.LONG:
            case Type.DOUBLE:
            case Type.OBJECT:
            case Type.ARRAY:
                return 8;
            case Type.INT:
            case Type.FLOAT:
                return 4;
            case Type.SHORT:
            case Type.CHAR:
                return 2;
            default:
                return 1;
        }
    }
}
