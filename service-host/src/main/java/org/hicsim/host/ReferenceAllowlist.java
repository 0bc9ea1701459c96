package org.hicsim.host;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a module's code may name besides its own classes: the service SPI and plain JDK types, as data. Every
 * name is a JVM internal name ({@code java/lang/String}); a member is written {@code owner.name} (every
 * descriptor) or {@code owner.name(descriptor)} / {@code owner.name:descriptor} (one method / field).
 * <ul>
 *     <li><b>allowed packages</b> ({@code org/hicsim/core0/spi/}): every class directly in the package;</li>
 *     <li><b>allowed classes</b>: every member, except the <b>denied members</b>;</li>
 *     <li><b>allowed members</b> of classes that are otherwise denied ({@code java/lang/System.arraycopy}), or
 *     whose descriptor names a denied type ({@code java/lang/Enum.valueOf} takes a {@code Class});</li>
 *     <li><b>bootstrap methods</b>: the javac bootstraps, allowed only as the bootstrap of an
 *     {@code invokedynamic}, never as a class or member a module names.</li>
 * </ul>
 * The {@link #standard()} list is the contract of issue 5 ({@code java.lang} basics, collections, functional
 * interfaces, CRC32/CRC32C, standard charsets), minus what breaks isolation or determinism: threads, waiting,
 * reflection, I/O (a stack trace printed to {@code System.err} too), system properties, randomness nobody
 * seeded, identity hashes, the host's locale, time zone and charset, and the JVM's shared string pool; and, for
 * the meter (issue 13), regular expressions (unbounded work in one JDK call) and composed functions (JDK lambdas
 * that would keep a module's objects out of its heap census's sight).
 */
public final class ReferenceAllowlist
{
    /** The one package of Core-0 a module may name. */
    public static final String SPI_PACKAGE = "org/hicsim/core0/spi/";

    private static final List<String> STANDARD_PACKAGES = List.of(SPI_PACKAGE, "java/util/function/");

    private static final List<String> STANDARD_CLASSES = List.of(
        "java/lang/AutoCloseable",
        "java/lang/Boolean",
        "java/lang/Byte",
        "java/lang/CharSequence",
        "java/lang/Character",
        "java/lang/Cloneable",
        "java/lang/Comparable",
        "java/lang/Double",
        "java/lang/Enum",
        "java/lang/Float",
        "java/lang/Integer",
        "java/lang/Iterable",
        "java/lang/Long",
        "java/lang/Math",
        "java/lang/Number",
        "java/lang/Object",
        "java/lang/Record",
        "java/lang/Short",
        "java/lang/StrictMath",
        "java/lang/String",
        "java/lang/StringBuilder",
        "java/lang/Void",
        "java/lang/ArithmeticException",
        "java/lang/ArrayIndexOutOfBoundsException",
        "java/lang/ArrayStoreException",
        "java/lang/AssertionError",
        "java/lang/ClassCastException",
        "java/lang/CloneNotSupportedException",
        "java/lang/Error",
        "java/lang/Exception",
        "java/lang/IllegalArgumentException",
        "java/lang/IllegalStateException",
        "java/lang/IncompatibleClassChangeError",
        "java/lang/IndexOutOfBoundsException",
        "java/lang/LinkageError",
        "java/lang/NegativeArraySizeException",
        "java/lang/NoSuchFieldError",
        "java/lang/NullPointerException",
        "java/lang/NumberFormatException",
        "java/lang/OutOfMemoryError",
        "java/lang/RuntimeException",
        "java/lang/StackOverflowError",
        "java/lang/StringIndexOutOfBoundsException",
        "java/lang/Throwable",
        "java/lang/UnsupportedOperationException",
        "java/lang/VirtualMachineError",
        "java/lang/Deprecated",
        "java/lang/FunctionalInterface",
        "java/lang/SafeVarargs",
        "java/util/AbstractCollection",
        "java/util/AbstractList",
        "java/util/AbstractMap",
        "java/util/AbstractMap$SimpleEntry",
        "java/util/AbstractMap$SimpleImmutableEntry",
        "java/util/AbstractQueue",
        "java/util/AbstractSequentialList",
        "java/util/AbstractSet",
        "java/util/ArrayDeque",
        "java/util/ArrayList",
        "java/util/Arrays",
        "java/util/BitSet",
        "java/util/Collection",
        "java/util/Collections",
        "java/util/Comparator",
        "java/util/ConcurrentModificationException",
        "java/util/Deque",
        "java/util/EnumMap",
        "java/util/EnumSet",
        "java/util/HashMap",
        "java/util/HashSet",
        "java/util/HexFormat",
        "java/util/Iterator",
        "java/util/LinkedHashMap",
        "java/util/LinkedHashSet",
        "java/util/LinkedList",
        "java/util/List",
        "java/util/ListIterator",
        "java/util/Map",
        "java/util/Map$Entry",
        "java/util/NavigableMap",
        "java/util/NavigableSet",
        "java/util/NoSuchElementException",
        "java/util/Objects",
        "java/util/Optional",
        "java/util/OptionalDouble",
        "java/util/OptionalInt",
        "java/util/OptionalLong",
        "java/util/PriorityQueue",
        "java/util/Queue",
        "java/util/Random",
        "java/util/RandomAccess",
        "java/util/Set",
        "java/util/SortedMap",
        "java/util/SortedSet",
        "java/util/SplittableRandom",
        "java/util/StringJoiner",
        "java/util/TreeMap",
        "java/util/TreeSet",
        "java/util/zip/CRC32",
        "java/util/zip/CRC32C",
        "java/util/zip/Checksum",
        "java/nio/charset/Charset",
        "java/nio/charset/StandardCharsets");

    private static final List<String> STANDARD_DENIED_MEMBERS = List.of(
        "java/lang/Object.wait",
        "java/lang/Object.notify",
        "java/lang/Object.notifyAll",
        "java/lang/Object.getClass",
        // An identity hash, by itself or in the text, differs from run to run; so does an enum's (it is final).
        "java/lang/Object.hashCode",
        "java/lang/Object.toString",
        "java/lang/Enum.hashCode",
        // The default Locale and time zone are the host's.
        "java/lang/String.format",
        "java/lang/String.formatted",
        "java/lang/String.toLowerCase()Ljava/lang/String;",
        "java/lang/String.toUpperCase()Ljava/lang/String;",
        // The default charset is the host's.
        "java/lang/String.getBytes()[B",
        "java/lang/String.<init>([B)V",
        "java/lang/String.<init>([BII)V",
        // A charset name the JDK does not know sends it to the class path for charset providers.
        "java/lang/String.getBytes(Ljava/lang/String;)[B",
        "java/lang/String.<init>([BLjava/lang/String;)V",
        "java/lang/String.<init>([BIILjava/lang/String;)V",
        // The string pool is the JVM's: whether a string was interned already is a channel between sandboxes.
        "java/lang/String.intern",
        // Reads the JDK's Unicode name table, a file.
        "java/lang/Character.getName",
        "java/lang/Character.codePointOf",
        // Intrinsics whose last bit may differ between hosts; StrictMath gives the same bits everywhere.
        "java/lang/Math.sin",
        "java/lang/Math.cos",
        "java/lang/Math.tan",
        "java/lang/Math.exp",
        "java/lang/Math.log",
        "java/lang/Math.log10",
        "java/lang/Math.pow",
        "java/lang/Throwable.printStackTrace",
        "java/lang/Math.random",
        "java/lang/StrictMath.random",
        "java/util/Random.<init>()V",
        "java/util/SplittableRandom.<init>()V",
        "java/util/Collections.shuffle(Ljava/util/List;)V",
        "java/util/Arrays.parallelPrefix",
        "java/util/Arrays.parallelSetAll",
        "java/util/Arrays.parallelSort",
        "java/lang/Boolean.getBoolean",
        "java/lang/Integer.getInteger",
        "java/lang/Long.getLong",
        // Regular expressions backtrack without bound inside one JDK call, where no fuel is counted.
        "java/lang/String.matches",
        "java/lang/String.replaceAll",
        "java/lang/String.replaceFirst",
        "java/lang/String.split",
        // Composed functions are JDK lambdas holding the module's: no heap census can see what they keep.
        "java/util/Comparator.comparing",
        "java/util/Comparator.comparingInt",
        "java/util/Comparator.comparingLong",
        "java/util/Comparator.comparingDouble",
        "java/util/Comparator.thenComparing",
        "java/util/Comparator.thenComparingInt",
        "java/util/Comparator.thenComparingLong",
        "java/util/Comparator.thenComparingDouble",
        "java/util/Comparator.reversed",
        "java/util/Comparator.nullsFirst",
        "java/util/Comparator.nullsLast",
        "java/util/Map$Entry.comparingByKey",
        "java/util/Map$Entry.comparingByValue",
        "java/util/function/Function.andThen",
        "java/util/function/Function.compose",
        "java/util/function/BiFunction.andThen",
        "java/util/function/Consumer.andThen",
        "java/util/function/BiConsumer.andThen",
        "java/util/function/IntConsumer.andThen",
        "java/util/function/LongConsumer.andThen",
        "java/util/function/DoubleConsumer.andThen",
        "java/util/function/Predicate.and",
        "java/util/function/Predicate.or",
        "java/util/function/Predicate.negate",
        "java/util/function/Predicate.not",
        "java/util/function/Predicate.isEqual",
        "java/util/function/BiPredicate.and",
        "java/util/function/BiPredicate.or",
        "java/util/function/BiPredicate.negate",
        "java/util/function/IntPredicate.and",
        "java/util/function/IntPredicate.or",
        "java/util/function/IntPredicate.negate",
        "java/util/function/LongPredicate.and",
        "java/util/function/LongPredicate.or",
        "java/util/function/LongPredicate.negate",
        "java/util/function/DoublePredicate.and",
        "java/util/function/DoublePredicate.or",
        "java/util/function/DoublePredicate.negate",
        "java/util/function/IntUnaryOperator.andThen",
        "java/util/function/IntUnaryOperator.compose",
        "java/util/function/LongUnaryOperator.andThen",
        "java/util/function/LongUnaryOperator.compose",
        "java/util/function/DoubleUnaryOperator.andThen",
        "java/util/function/DoubleUnaryOperator.compose",
        "java/util/function/BinaryOperator.minBy",
        "java/util/function/BinaryOperator.maxBy",
        "java/nio/charset/Charset.availableCharsets",
        "java/nio/charset/Charset.defaultCharset",
        "java/nio/charset/Charset.forName",
        "java/nio/charset/Charset.isSupported");

    private static final List<String> STANDARD_ALLOWED_MEMBERS = List.of(
        "java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V",
        "java/lang/Class.desiredAssertionStatus()Z",
        "java/lang/Enum.valueOf(Ljava/lang/Class;Ljava/lang/String;)Ljava/lang/Enum;",
        "java/util/EnumMap.<init>(Ljava/lang/Class;)V",
        "java/util/EnumSet.allOf(Ljava/lang/Class;)Ljava/util/EnumSet;",
        "java/util/EnumSet.noneOf(Ljava/lang/Class;)Ljava/util/EnumSet;");

    private static final List<String> STANDARD_BOOTSTRAP_METHODS = List.of(
        "java/lang/invoke/LambdaMetafactory.metafactory(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;"
            + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;",
        "java/lang/invoke/StringConcatFactory.makeConcatWithConstants(Ljava/lang/invoke/MethodHandles$Lookup;"
            + "Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;[Ljava/lang/Object;)"
            + "Ljava/lang/invoke/CallSite;",
        "java/lang/runtime/ObjectMethods.bootstrap(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/TypeDescriptor;Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/invoke/MethodHandle;)"
            + "Ljava/lang/Object;",
        "java/lang/runtime/SwitchBootstraps.typeSwitch(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;",
        "java/lang/runtime/SwitchBootstraps.enumSwitch(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;");

    private static final ReferenceAllowlist STANDARD = new ReferenceAllowlist(
        STANDARD_PACKAGES, STANDARD_CLASSES, STANDARD_DENIED_MEMBERS, STANDARD_ALLOWED_MEMBERS,
        STANDARD_BOOTSTRAP_METHODS);

    private final Set<String> packages;
    private final Set<String> classes;
    private final Set<String> deniedMembers;
    private final Set<String> allowedMembers;
    private final Set<String> bootstrapMethods;
    private final Set<String> linkableClasses;

    /**
     * @param packages         internal package names ending in {@code /}.
     * @param classes          internal class names.
     * @param deniedMembers    {@code owner.name} or {@code owner.name(descriptor)} / {@code owner.name:descriptor}.
     * @param allowedMembers   {@code owner.name(descriptor)} / {@code owner.name:descriptor}.
     * @param bootstrapMethods {@code owner.name(descriptor)}.
     */
    public ReferenceAllowlist(
        final Collection<String> packages,
        final Collection<String> classes,
        final Collection<String> deniedMembers,
        final Collection<String> allowedMembers,
        final Collection<String> bootstrapMethods)
    {
        for (final String pkg : packages)
        {
            if (!pkg.endsWith("/") || pkg.indexOf('.') >= 0)
            {
                throw new IllegalArgumentException("package=" + pkg + " must be an internal name ending in /");
            }
        }
        this.packages = Set.copyOf(packages);
        this.classes = Set.copyOf(classes);
        this.deniedMembers = Set.copyOf(deniedMembers);
        this.allowedMembers = Set.copyOf(allowedMembers);
        this.bootstrapMethods = Set.copyOf(bootstrapMethods);
        this.linkableClasses = linkableClasses(classes, allowedMembers, bootstrapMethods);
    }

    /**
     * The list every module is checked against.
     */
    public static ReferenceAllowlist standard()
    {
        return STANDARD;
    }

    /**
     * Whether a module may name the class {@code internalName} (not an array).
     */
    public boolean isAllowedClass(final String internalName)
    {
        return classes.contains(internalName) || packages.contains(packageOf(internalName));
    }

    /**
     * Whether the member is denied, {@code owner} being the class that declares it.
     */
    public boolean isDeniedMember(final String owner, final String name, final String descriptor)
    {
        final String member = owner + '.' + name;
        return deniedMembers.contains(member) || deniedMembers.contains(member + memberSuffix(descriptor));
    }

    /**
     * Whether the member is allowed as a whole, whatever its owner and descriptor name.
     */
    public boolean isAllowedMember(final String owner, final String name, final String descriptor)
    {
        return allowedMembers.contains(owner + '.' + name + memberSuffix(descriptor));
    }

    public boolean isAllowedBootstrap(final String owner, final String name, final String descriptor)
    {
        return bootstrapMethods.contains(owner + '.' + name + descriptor);
    }

    /**
     * Whether a module's class loader may resolve {@code internalName}: a class the module may name, or the owner
     * of an allowed member or bootstrap method, which the JVM resolves through the module's loader to link it
     * ({@code java/lang/System} for {@code arraycopy}, {@code java/lang/invoke/LambdaMetafactory} for a lambda).
     * Nothing else resolves, whatever the code asks.
     */
    public boolean isLinkable(final String internalName)
    {
        return isAllowedClass(internalName) || linkableClasses.contains(internalName);
    }

    /** The allowed packages, sorted: for listings and tests. */
    public Set<String> packages()
    {
        return new TreeSet<>(packages);
    }

    /** The allowed classes, sorted. */
    public Set<String> classes()
    {
        return new TreeSet<>(classes);
    }

    /** The denied members, sorted. */
    public Set<String> deniedMembers()
    {
        return new TreeSet<>(deniedMembers);
    }

    /** The allowed members of otherwise denied classes, sorted. */
    public Set<String> allowedMembers()
    {
        return new TreeSet<>(allowedMembers);
    }

    /** The bootstrap methods, sorted. */
    public Set<String> bootstrapMethods()
    {
        return new TreeSet<>(bootstrapMethods);
    }

    /**
     * The internal name's package with its trailing {@code /}, or the empty string for the unnamed package.
     */
    static String packageOf(final String internalName)
    {
        return internalName.substring(0, internalName.lastIndexOf('/') + 1);
    }

    /** {@code (I)V} stays as it is; a field descriptor is written after a colon. */
    private static String memberSuffix(final String descriptor)
    {
        return descriptor.charAt(0) == '(' ? descriptor : ':' + descriptor;
    }

    private static Set<String> linkableClasses(
        final Collection<String> classes, final Collection<String> allowedMembers,
        final Collection<String> bootstrapMethods)
    {
        final Set<String> linkable = new TreeSet<>(classes);
        for (final Collection<String> members : List.of(allowedMembers, bootstrapMethods))
        {
            for (final String member : members)
            {
                final int dot = member.indexOf('.');
                if (dot <= 0)
                {
                    throw new IllegalArgumentException("member=" + member + " must be owner.name(descriptor)"
                        + " or owner.name:descriptor");
                }
                linkable.add(member.substring(0, dot));
            }
        }
        return Set.copyOf(linkable);
    }
}
