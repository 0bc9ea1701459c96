package org.hicsim.services.build;

import java.util.SortedSet;
import java.util.TreeSet;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The classes a class file names: every {@code CONSTANT_Class} of its constant pool (superclass, interfaces,
 * instantiated, cast and called classes, nest and inner classes), and every class in a descriptor, those of the
 * constant pool ({@code CONSTANT_NameAndType}, {@code CONSTANT_MethodType}) and those of its own fields and
 * methods. These are the classes the JVM may load to link and run it; generic signatures are left out, since
 * erasure means they are never loaded.
 */
final class ClassReferences
{
    /** Constant pool tags, JVMS 4.4. */
    private static final int CONSTANT_CLASS = 7;
    private static final int CONSTANT_NAME_AND_TYPE = 12;
    private static final int CONSTANT_METHOD_TYPE = 16;

    private ClassReferences()
    {
    }

    /**
     * The internal names ({@code org/hicsim/services/x/Y}) of the classes {@code classFile} names, itself included,
     * sorted; array types count as their element class.
     */
    static SortedSet<String> of(final byte[] classFile)
    {
        final ClassReader reader = new ClassReader(classFile);
        final SortedSet<String> names = new TreeSet<>();
        final char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++)
        {
            final int offset = reader.getItem(i);
            if (offset == 0)
            {
                continue; // the unusable slot after a long or double constant
            }
            switch (reader.readByte(offset - 1))
            {
                case CONSTANT_CLASS:
                    addType(names, Type.getObjectType(reader.readUTF8(offset, buffer)));
                    break;
                case CONSTANT_NAME_AND_TYPE:
                    addDescriptor(names, reader.readUTF8(offset + 2, buffer));
                    break;
                case CONSTANT_METHOD_TYPE:
                    addDescriptor(names, reader.readUTF8(offset, buffer));
                    break;
                default:
                    break;
            }
        }
        reader.accept(new MemberDescriptors(names), ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG);
        return names;
    }

    private static void addDescriptor(final SortedSet<String> names, final String descriptor)
    {
        if (descriptor.charAt(0) == '(')
        {
            for (final Type argument : Type.getArgumentTypes(descriptor))
            {
                addType(names, argument);
            }
            addType(names, Type.getReturnType(descriptor));
        }
        else
        {
            addType(names, Type.getType(descriptor));
        }
    }

    private static void addType(final SortedSet<String> names, final Type type)
    {
        final Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() == Type.OBJECT)
        {
            names.add(element.getInternalName());
        }
    }

    /** The descriptors of the class's own fields and methods, which no constant pool entry need repeat. */
    private static final class MemberDescriptors extends ClassVisitor
    {
        private final SortedSet<String> names;

        MemberDescriptors(final SortedSet<String> names)
        {
            super(Opcodes.ASM9);
            this.names = names;
        }

        @Override
        public FieldVisitor visitField(
            final int access, final String name, final String descriptor, final String signature, final Object value)
        {
            addDescriptor(names, descriptor);
            return null;
        }

        @Override
        public MethodVisitor visitMethod(
            final int access,
            final String name,
            final String descriptor,
            final String signature,
            final String[] exceptions)
        {
            addDescriptor(names, descriptor);
            return null;
        }
    }
}
