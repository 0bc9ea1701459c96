package org.hicsim.services.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Each way a class file can name a class, in a class made for it with ASM, so that no other reference (an inner
 * class entry, a cast) can make a test pass by accident.
 */
class ClassReferencesTest
{
    private static final String SUBJECT = "org/example/Subject";
    private static final String OBJECT = "java/lang/Object";

    @Test
    void shouldFindTheSuperclassAndInterfaces()
    {
        final byte[] classFile = classFile(SUBJECT, "org/example/Base", new String[] { "org/example/Api" },
            writer -> { });

        assertEquals(Set.of(SUBJECT, "org/example/Base", "org/example/Api"), ClassReferences.of(classFile));
    }

    @Test
    void shouldFindAClassNamedOnlyInAMethodDescriptor()
    {
        final byte[] classFile = withMembers(writer -> writer.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "accept", "(ILorg/example/Param;)Lorg/example/Result;",
            null, null).visitEnd());

        assertEquals(Set.of(SUBJECT, OBJECT, "org/example/Param", "org/example/Result"),
            ClassReferences.of(classFile));
    }

    @Test
    void shouldFindTheElementClassOfAnArrayField()
    {
        final byte[] classFile = withMembers(writer -> writer.visitField(
            Opcodes.ACC_PRIVATE, "elements", "[[Lorg/example/Element;", null, null).visitEnd());

        assertEquals(Set.of(SUBJECT, OBJECT, "org/example/Element"), ClassReferences.of(classFile));
    }

    @Test
    void shouldFindTheOwnerAndDescriptorOfACallInACodeBody()
    {
        final byte[] classFile = withMembers(writer -> code(writer, method -> method.visitMethodInsn(
            Opcodes.INVOKESTATIC, "org/example/Helper", "make", "()Lorg/example/Made;", false)));

        assertEquals(Set.of(SUBJECT, OBJECT, "org/example/Helper", "org/example/Made"),
            ClassReferences.of(classFile));
    }

    @Test
    void shouldFindAClassOfAMethodTypeConstant()
    {
        final byte[] classFile = withMembers(writer -> code(writer, method -> method.visitLdcInsn(
            Type.getMethodType("(Lorg/example/Typed;)V"))));

        assertEquals(Set.of(SUBJECT, OBJECT, "org/example/Typed"), ClassReferences.of(classFile));
    }

    private static byte[] withMembers(final Consumer<ClassWriter> members)
    {
        return classFile(SUBJECT, OBJECT, null, members);
    }

    private static byte[] classFile(
        final String name, final String superName, final String[] interfaces, final Consumer<ClassWriter> members)
    {
        final ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, name, null, superName, interfaces);
        members.accept(writer);
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** A static method {@code run()V} whose body is {@code body} (leaving one value, popped) and a return. */
    private static void code(final ClassWriter writer, final Consumer<MethodVisitor> body)
    {
        final MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "run", "()V", null, null);
        method.visitCode();
        body.accept(method);
        method.visitInsn(Opcodes.POP);
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
    }
}
