package org.hicsim.host;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What a class declares, as member resolution needs it: its supertypes and its members, each written
 * {@code name(descriptor)} for a method and {@code name:descriptor} for a field.
 *
 * @param name       internal name.
 * @param superName  internal name of the superclass; null for {@code java/lang/Object} and for interfaces read
 *                   through reflection.
 * @param interfaces internal names of the direct superinterfaces.
 * @param access     the class's access flags ({@link Opcodes#ACC_PUBLIC} etc.).
 * @param members    the declared members.
 * @param hasPublicNoArgConstructor whether it declares a public {@code <init>()V}, as an entry class must.
 */
record DeclaredClass(
    String name, String superName, List<String> interfaces, int access, Set<String> members,
    boolean hasPublicNoArgConstructor)
{
    private static final String NO_ARG_CONSTRUCTOR = "<init>()V";

    DeclaredClass
    {
        interfaces = List.copyOf(interfaces);
        members = Set.copyOf(members);
    }

    boolean isInterface()
    {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    boolean declares(final String member)
    {
        return members.contains(member);
    }

    static String methodKey(final String name, final String descriptor)
    {
        return name + descriptor;
    }

    static String fieldKey(final String name, final String descriptor)
    {
        return name + ':' + descriptor;
    }

    /** A member's key from its descriptor: a method's starts with {@code (}. */
    static String memberKey(final String name, final String descriptor)
    {
        return descriptor.charAt(0) == '(' ? methodKey(name, descriptor) : fieldKey(name, descriptor);
    }

    /**
     * Reads the declarations of a class file, skipping its code.
     */
    static DeclaredClass read(final ClassReader reader)
    {
        final Set<String> members = new TreeSet<>();
        final boolean[] hasPublicNoArgConstructor = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9)
        {
            @Override
            public FieldVisitor visitField(
                final int access, final String name, final String descriptor, final String signature,
                final Object value)
            {
                members.add(fieldKey(name, descriptor));
                return null;
            }

            @Override
            public MethodVisitor visitMethod(
                final int access, final String name, final String descriptor, final String signature,
                final String[] exceptions)
            {
                final String key = methodKey(name, descriptor);
                members.add(key);
                if (key.equals(NO_ARG_CONSTRUCTOR) && (access & Opcodes.ACC_PUBLIC) != 0)
                {
                    hasPublicNoArgConstructor[0] = true;
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new DeclaredClass(reader.getClassName(), reader.getSuperName(), List.of(reader.getInterfaces()),
            reader.getAccess(), members, hasPublicNoArgConstructor[0]);
    }

    private static boolean hasPublicNoArgConstructor(final Class<?> type)
    {
        try
        {
            return Modifier.isPublic(type.getDeclaredConstructor().getModifiers());
        }
        catch (final NoSuchMethodException ex)
        {
            return false;
        }
    }

    /**
     * The declarations of a class the host has loaded (a JDK or SPI class), through reflection, which the host
     * may use: it never calls what it finds.
     */
    static DeclaredClass of(final Class<?> type)
    {
        final Set<String> members = new TreeSet<>();
        for (final Method method : type.getDeclaredMethods())
        {
            members.add(methodKey(method.getName(), Type.getMethodDescriptor(method)));
        }
        for (final Constructor<?> constructor : type.getDeclaredConstructors())
        {
            members.add(methodKey("<init>", Type.getConstructorDescriptor(constructor)));
        }
        for (final Field field : type.getDeclaredFields())
        {
            members.add(fieldKey(field.getName(), Type.getDescriptor(field.getType())));
        }
        final List<String> interfaces = new ArrayList<>();
        for (final Class<?> superinterface : type.getInterfaces())
        {
            interfaces.add(Type.getInternalName(superinterface));
        }
        final Class<?> superclass = type.getSuperclass();
        final int access = type.getModifiers() & (Modifier.PUBLIC | Modifier.INTERFACE | Modifier.ABSTRACT);
        return new DeclaredClass(Type.getInternalName(type),
            superclass == null ? null : Type.getInternalName(superclass), interfaces, access, members,
            members.contains(NO_ARG_CONSTRUCTOR) && hasPublicNoArgConstructor(type));
    }
}
