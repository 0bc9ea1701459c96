package org.hicsim.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hicsim.host.ModuleRefusedException.Reason;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Meters one module class: each method with code through {@link MethodMetering}; a static field that holds the
 * sandbox's {@code Meter}, set first thing in the class's static initializer; and, for a class that would inherit
 * {@code Object.hashCode}, a {@code hashCode} of its own, taken once per object from the sandbox's sequence, so
 * that even the JDK's hashed containers see the same hashes in every JVM. Then the class is written again with
 * stack map frames computed for the new code.
 * <p>
 * Refused here, as code the meter cannot contain: a class file older than Java 8 (no stack maps to compute), a
 * member named with the loader's reserved prefix, a class extending a JDK container whose storage the heap census
 * could not see, and a method or class too large once metered.
 */
final class ClassMetering
{
    private static final int JAVA_8 = Opcodes.V1_8;
    private static final String OBJECT = "java/lang/Object";
    private static final String HASH_FIELD = MethodMetering.RESERVED_PREFIX + "hash";
    private static final String CLINIT = "<clinit>";

    /** JDK classes that keep unbounded storage in fields a census cannot read: a module may not extend them. */
    private static final Set<String> OPAQUE_CONTAINERS = Set.of(
        "java/util/ArrayList", "java/util/LinkedList", "java/util/ArrayDeque", "java/util/HashMap",
        "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/HashSet", "java/util/LinkedHashSet",
        "java/util/TreeSet", "java/util/PriorityQueue", "java/util/BitSet", "java/util/EnumMap");

    private ClassMetering()
    {
    }

    /**
     * @return the metered class file.
     * @throws ModuleRefusedException with {@link Reason#UNMETERABLE}.
     */
    static byte[] meter(final ClassNode node, final MeteringContext context)
    {
        checkMeterable(node, context);
        final List<MethodNode> bridges = new ArrayList<>();
        for (final MethodNode method : new ArrayList<>(node.methods))
        {
            if (method.instructions.size() > 0)
            {
                new MethodMetering(node, method, context, bridges).meter();
            }
        }
        for (final MethodNode bridge : bridges)
        {
            node.methods.add(bridge);
            new MethodMetering(node, bridge, context, null).meter();
        }
        addMeterField(node);
        if (inheritsIdentityHash(node, context))
        {
            addHashCode(node);
        }
        final ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES)
        {
            @Override
            protected String getCommonSuperClass(final String first, final String second)
            {
                return context.commonSuperClass(first, second);
            }
        };
        try
        {
            node.accept(writer);
            return writer.toByteArray();
        }
        catch (final MethodTooLargeException | ClassTooLargeException ex)
        {
            throw refused(context, node, "is too large once metered (" + ex.getMessage() + ")");
        }
    }

    private static void checkMeterable(final ClassNode node, final MeteringContext context)
    {
        if ((node.version & 0xFFFF) < JAVA_8)
        {
            throw refused(context, node, "is class file version " + (node.version & 0xFFFF)
                + ", older than Java 8's " + JAVA_8 + ", which the loader cannot meter");
        }
        if (node.superName != null && OPAQUE_CONTAINERS.contains(node.superName))
        {
            throw refused(context, node, "extends " + node.superName.replace('/', '.')
                + ", whose storage the heap census cannot see; hold one in a field instead");
        }
        for (final FieldNode field : node.fields)
        {
            checkName(node, field.name, context);
        }
        for (final MethodNode method : node.methods)
        {
            checkName(node, method.name, context);
        }
    }

    private static void checkName(final ClassNode node, final String name, final MeteringContext context)
    {
        if (name.startsWith(MethodMetering.RESERVED_PREFIX))
        {
            throw refused(context, node, "declares " + name + ", a name the loader reserves");
        }
    }

    private static ModuleRefusedException refused(
        final MeteringContext context, final ClassNode node, final String problem)
    {
        return ModuleRefusedException.refused(
            Reason.UNMETERABLE, context.module(), node.name.replace('/', '.') + " " + problem);
    }

    /**
     * The meter's field, set from the class's loader before anything else in the static initializer runs. An
     * interface's field must be public; no module can name it (the reference check refuses the prefix's owner type).
     */
    private static void addMeterField(final ClassNode node)
    {
        final boolean isInterface = (node.access & Opcodes.ACC_INTERFACE) != 0;
        final int access = (isInterface ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE) | Opcodes.ACC_STATIC
            | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC;
        node.fields.add(new FieldNode(access, MethodMetering.METER_FIELD, MethodMetering.METER_DESCRIPTOR, null, null));
        MethodNode initializer = null;
        for (final MethodNode method : node.methods)
        {
            if (CLINIT.equals(method.name))
            {
                initializer = method;
            }
        }
        if (initializer == null)
        {
            initializer = new MethodNode(Opcodes.ACC_STATIC, CLINIT, "()V", null, null);
            initializer.instructions.add(new InsnNode(Opcodes.RETURN));
            node.methods.add(initializer);
        }
        final InsnList setMeter = new InsnList();
        setMeter.add(new LdcInsnNode(Type.getObjectType(node.name)));
        setMeter.add(new MethodInsnNode(Opcodes.INVOKESTATIC, MethodMetering.METER, "initializing",
            "(Ljava/lang/Class;)" + MethodMetering.METER_DESCRIPTOR, false));
        setMeter.add(new FieldInsnNode(Opcodes.PUTSTATIC, node.name, MethodMetering.METER_FIELD,
            MethodMetering.METER_DESCRIPTOR));
        initializer.instructions.insert(setMeter);
    }

    /**
     * Whether the class would answer {@code hashCode()} with {@code Object}'s: the first such class of a chain of
     * module classes gets the metered hash, its subclasses inherit it. Enums and records have their own.
     */
    private static boolean inheritsIdentityHash(final ClassNode node, final MeteringContext context)
    {
        if ((node.access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ENUM)) != 0 || node.superName == null
            || context.isModuleClass(node.superName) || "java/lang/Record".equals(node.superName))
        {
            return false;
        }
        return OBJECT.equals(context.declaringClass(node.name, "hashCode", "()I"));
    }

    /**
     * {@code int hashCode() { int h = $hash; if (h == 0) { h = $meter.nextHash(); $hash = h; } return h; }}
     */
    private static void addHashCode(final ClassNode node)
    {
        node.fields.add(new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC, HASH_FIELD, "I", null, null));
        final MethodNode hashCode = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, "hashCode", "()I",
            null, null);
        final Label known = new Label();
        hashCode.visitCode();
        hashCode.visitVarInsn(Opcodes.ALOAD, 0);
        hashCode.visitFieldInsn(Opcodes.GETFIELD, node.name, HASH_FIELD, "I");
        hashCode.visitVarInsn(Opcodes.ISTORE, 1);
        hashCode.visitVarInsn(Opcodes.ILOAD, 1);
        hashCode.visitJumpInsn(Opcodes.IFNE, known);
        hashCode.visitFieldInsn(Opcodes.GETSTATIC, node.name, MethodMetering.METER_FIELD,
            MethodMetering.METER_DESCRIPTOR);
        hashCode.visitMethodInsn(Opcodes.INVOKEVIRTUAL, MethodMetering.METER, "nextHash", "()I", false);
        hashCode.visitVarInsn(Opcodes.ISTORE, 1);
        hashCode.visitVarInsn(Opcodes.ALOAD, 0);
        hashCode.visitVarInsn(Opcodes.ILOAD, 1);
        hashCode.visitFieldInsn(Opcodes.PUTFIELD, node.name, HASH_FIELD, "I");
        hashCode.visitLabel(known);
        hashCode.visitVarInsn(Opcodes.ILOAD, 1);
        hashCode.visitInsn(Opcodes.IRETURN);
        hashCode.visitMaxs(2, 2);
        hashCode.visitEnd();
        node.methods.add(hashCode);
    }
}
