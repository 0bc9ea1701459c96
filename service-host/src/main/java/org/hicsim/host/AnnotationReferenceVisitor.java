package org.hicsim.host;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Checks the classes an annotation's values name: class literals, enum constants and nested annotations.
 */
final class AnnotationReferenceVisitor extends AnnotationVisitor
{
    private final ReferenceJudge judge;
    private final String site;

    AnnotationReferenceVisitor(final ReferenceJudge judge, final String site)
    {
        super(Opcodes.ASM9);
        this.judge = judge;
        this.site = site;
    }

    /**
     * Checks the annotation's own type and returns the visitor of its values.
     */
    static AnnotationVisitor check(final ReferenceJudge judge, final String site, final String descriptor)
    {
        judge.checkDescriptor(site, descriptor);
        return new AnnotationReferenceVisitor(judge, site);
    }

    @Override
    public void visit(final String name, final Object value)
    {
        if (value instanceof Type)
        {
            judge.checkDescriptor(site, ((Type)value).getDescriptor());
        }
    }

    @Override
    public void visitEnum(final String name, final String descriptor, final String value)
    {
        judge.checkDescriptor(site, descriptor);
    }

    @Override
    public AnnotationVisitor visitAnnotation(final String name, final String descriptor)
    {
        return check(judge, site, descriptor);
    }

    @Override
    public AnnotationVisitor visitArray(final String name)
    {
        return this;
    }
}
