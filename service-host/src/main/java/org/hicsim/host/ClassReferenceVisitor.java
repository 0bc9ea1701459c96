package org.hicsim.host;

import org.hicsim.host.ModuleRefusedException.Reason;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.TypePath;

/**
 * Checks every reference of one class file: its supertypes, nest and sealed-class attributes, annotations,
 * record components, fields and methods (whose code {@link MethodReferenceVisitor} checks), and refuses a
 * {@code finalize()} method, which the JVM would run on its own finalizer thread, outside any sandbox call.
 * <p>
 * The {@code InnerClasses} attribute is not checked: it is metadata for reflection that the JVM never resolves
 * when linking, and javac lists {@code java/lang/invoke/MethodHandles$Lookup} there in every class with a lambda.
 */
final class ClassReferenceVisitor extends ClassVisitor
{
    private static final String FINALIZER = "finalize()V";

    private final ReferenceJudge judge;
    private String className;

    ClassReferenceVisitor(final ReferenceJudge judge)
    {
        super(Opcodes.ASM9);
        this.judge = judge;
    }

    @Override
    public void visit(
        final int version, final int access, final String name, final String signature, final String superName,
        final String[] interfaces)
    {
        className = name.replace('/', '.');
        judge.checkType(className, superName);
        for (final String superinterface : interfaces)
        {
            judge.checkType(className, superinterface);
        }
        judge.checkSignature(className, signature);
    }

    @Override
    public void visitNestHost(final String nestHost)
    {
        judge.checkType(className, nestHost);
    }

    @Override
    public void visitNestMember(final String nestMember)
    {
        judge.checkType(className, nestMember);
    }

    @Override
    public void visitPermittedSubclass(final String permittedSubclass)
    {
        judge.checkType(className, permittedSubclass);
    }

    @Override
    public void visitOuterClass(final String owner, final String name, final String descriptor)
    {
        judge.checkType(className, owner);
        if (descriptor != null)
        {
            judge.checkDescriptor(className, descriptor);
        }
    }

    @Override
    public AnnotationVisitor visitAnnotation(final String descriptor, final boolean visible)
    {
        return AnnotationReferenceVisitor.check(judge, className, descriptor);
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(
        final int typeRef, final TypePath typePath, final String descriptor, final boolean visible)
    {
        return AnnotationReferenceVisitor.check(judge, className, descriptor);
    }

    @Override
    public RecordComponentVisitor visitRecordComponent(
        final String name, final String descriptor, final String signature)
    {
        final String site = className + '.' + name;
        judge.checkDescriptor(site, descriptor);
        judge.checkSignature(site, signature);
        return new RecordComponentVisitor(Opcodes.ASM9)
        {
            @Override
            public AnnotationVisitor visitAnnotation(final String annotation, final boolean visible)
            {
                return AnnotationReferenceVisitor.check(judge, site, annotation);
            }

            @Override
            public AnnotationVisitor visitTypeAnnotation(
                final int typeRef, final TypePath typePath, final String annotation, final boolean visible)
            {
                return AnnotationReferenceVisitor.check(judge, site, annotation);
            }
        };
    }

    @Override
    public FieldVisitor visitField(
        final int access, final String name, final String descriptor, final String signature, final Object value)
    {
        final String site = className + '.' + name;
        judge.checkDescriptor(site, descriptor);
        judge.checkSignature(site, signature);
        return new FieldVisitor(Opcodes.ASM9)
        {
            @Override
            public AnnotationVisitor visitAnnotation(final String annotation, final boolean visible)
            {
                return AnnotationReferenceVisitor.check(judge, site, annotation);
            }

            @Override
            public AnnotationVisitor visitTypeAnnotation(
                final int typeRef, final TypePath typePath, final String annotation, final boolean visible)
            {
                return AnnotationReferenceVisitor.check(judge, site, annotation);
            }
        };
    }

    @Override
    public MethodVisitor visitMethod(
        final int access, final String name, final String descriptor, final String signature,
        final String[] exceptions)
    {
        final String site = className + '.' + name + descriptor;
        if (FINALIZER.equals(name + descriptor))
        {
            throw ModuleRefusedException.refused(Reason.FINALIZER, judge.module(),
                site + " is a finalizer, which a module may not declare");
        }
        judge.checkDescriptor(site, descriptor);
        judge.checkSignature(site, signature);
        if (exceptions != null)
        {
            for (final String exception : exceptions)
            {
                judge.checkType(site, exception);
            }
        }
        return new MethodReferenceVisitor(judge, site);
    }
}
