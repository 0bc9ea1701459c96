package org.hicsim.host;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.TypePath;

/**
 * Checks every reference in one method's code: type, field and method instructions, constants,
 * {@code invokedynamic}, {@code multianewarray}, exception handlers, stack map frames, local variables and
 * annotations.
 */
final class MethodReferenceVisitor extends MethodVisitor
{
    private final ReferenceJudge judge;
    private final String site;

    MethodReferenceVisitor(final ReferenceJudge judge, final String site)
    {
        super(Opcodes.ASM9);
        this.judge = judge;
        this.site = site;
    }

    @Override
    public AnnotationVisitor visitAnnotationDefault()
    {
        return new AnnotationReferenceVisitor(judge, site);
    }

    @Override
    public AnnotationVisitor visitAnnotation(final String descriptor, final boolean visible)
    {
        return AnnotationReferenceVisitor.check(judge, site, descriptor);
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(
        final int typeRef, final TypePath typePath, final String descriptor, final boolean visible)
    {
        return AnnotationReferenceVisitor.check(judge, site, descriptor);
    }

    @Override
    public AnnotationVisitor visitParameterAnnotation(
        final int parameter, final String descriptor, final boolean visible)
    {
        return AnnotationReferenceVisitor.check(judge, site, descriptor);
    }

    @Override
    public void visitFrame(
        final int type, final int numLocal, final Object[] local, final int numStack, final Object[] stack)
    {
        checkFrameTypes(numLocal, local);
        checkFrameTypes(numStack, stack);
    }

    @Override
    public void visitTypeInsn(final int opcode, final String type)
    {
        judge.checkType(site, type);
    }

    @Override
    public void visitFieldInsn(final int opcode, final String owner, final String name, final String descriptor)
    {
        judge.checkMember(site, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(
        final int opcode, final String owner, final String name, final String descriptor, final boolean isInterface)
    {
        judge.checkMember(site, owner, name, descriptor);
    }

    @Override
    public void visitInvokeDynamicInsn(
        final String name, final String descriptor, final Handle bootstrap, final Object... arguments)
    {
        judge.checkBootstrap(site, bootstrap, arguments);
        judge.checkDescriptor(site, descriptor);
    }

    @Override
    public void visitLdcInsn(final Object value)
    {
        judge.checkLoadedConstant(site, value);
    }

    @Override
    public void visitMultiANewArrayInsn(final String descriptor, final int numDimensions)
    {
        judge.checkDescriptor(site, descriptor);
    }

    @Override
    public AnnotationVisitor visitInsnAnnotation(
        final int typeRef, final TypePath typePath, final String descriptor, final boolean visible)
    {
        return AnnotationReferenceVisitor.check(judge, site, descriptor);
    }

    @Override
    public void visitTryCatchBlock(final Label start, final Label end, final Label handler, final String type)
    {
        judge.checkType(site, type);
    }

    @Override
    public AnnotationVisitor visitTryCatchAnnotation(
        final int typeRef, final TypePath typePath, final String descriptor, final boolean visible)
    {
        return AnnotationReferenceVisitor.check(judge, site, descriptor);
    }

    @Override
    public void visitLocalVariable(
        final String name, final String descriptor, final String signature, final Label start, final Label end,
        final int index)
    {
        judge.checkDescriptor(site, descriptor);
        judge.checkSignature(site, signature);
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(
        final int typeRef, final TypePath typePath, final Label[] start, final Label[] end, final int[] index,
        final String descriptor, final boolean visible)
    {
        return AnnotationReferenceVisitor.check(judge, site, descriptor);
    }

    /** A frame's entries are Opcodes.TOP etc. (Integer), labels of {@code new}, or class names. */
    private void checkFrameTypes(final int count, final Object[] types)
    {
        for (int i = 0; i < count; i++)
        {
            if (types[i] instanceof String)
            {
                judge.checkType(site, (String)types[i]);
            }
        }
    }
}
