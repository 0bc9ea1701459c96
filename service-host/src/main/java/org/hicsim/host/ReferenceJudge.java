package org.hicsim.host;

import java.util.Map;

import org.hicsim.host.ModuleRefusedException.Reason;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * Judges each reference of one module's code: a class it names must be its own or allowed; a member it names
 * must be allowed as a whole, or belong to an allowed class, not be denied where it is declared, and name only
 * allowed types in its descriptor. The first reference that fails ends the check with a
 * {@link ModuleRefusedException} naming where it is and what it names.
 * <p>
 * A site is written {@code org.x.Hostile} for the class itself, {@code org.x.Hostile.run()V} for a method and
 * {@code org.x.Hostile.name} for a field or record component.
 */
final class ReferenceJudge
{
    private static final String METHOD_TYPE = "java/lang/invoke/MethodType";
    private static final String METHOD_HANDLE = "java/lang/invoke/MethodHandle";

    private final String module;
    private final ReferenceAllowlist allowlist;
    private final Map<String, DeclaredClass> moduleClasses;
    private final MemberResolver resolver;

    ReferenceJudge(
        final String module,
        final ReferenceAllowlist allowlist,
        final Map<String, DeclaredClass> moduleClasses,
        final MemberResolver resolver)
    {
        this.module = module;
        this.allowlist = allowlist;
        this.moduleClasses = moduleClasses;
        this.resolver = resolver;
    }

    String module()
    {
        return module;
    }

    /**
     * @param internalNameOrArray a class's internal name, or an array descriptor as {@code anewarray},
     *                            {@code checkcast} and stack map frames may hold; null (a {@code finally}) passes.
     */
    void checkType(final String site, final String internalNameOrArray)
    {
        if (internalNameOrArray == null)
        {
            return;
        }
        final String className = DescriptorTypes.classOf(internalNameOrArray);
        if (className != null && !isAllowedClass(className))
        {
            throw ModuleRefusedException.forbiddenReference(module, site, className);
        }
    }

    void checkDescriptor(final String site, final String descriptor)
    {
        for (final Type type : DescriptorTypes.of(descriptor))
        {
            checkType(site, type.getInternalName());
        }
    }

    /**
     * Every class a generic signature names; null (no signature) passes.
     */
    void checkSignature(final String site, final String signature)
    {
        if (signature == null)
        {
            return;
        }
        try
        {
            new SignatureReader(signature).accept(new SignatureVisitor(Opcodes.ASM9)
            {
                private String outer;

                @Override
                public void visitClassType(final String name)
                {
                    outer = name;
                    checkType(site, name);
                }

                @Override
                public void visitInnerClassType(final String name)
                {
                    outer = outer + '$' + name;
                    checkType(site, outer);
                }
            });
        }
        catch (final IllegalArgumentException | StringIndexOutOfBoundsException ex)
        {
            throw ModuleRefusedException.refused(
                Reason.MALFORMED_CLASS, module, site + " has a malformed generic signature " + signature);
        }
    }

    /**
     * A field or method named by an instruction or a method handle.
     *
     * @param owner      the class named, or an array descriptor ({@code [B.clone()}).
     * @param descriptor a method's or a field's.
     */
    void checkMember(final String site, final String owner, final String name, final String descriptor)
    {
        if (allowlist.isAllowedMember(owner, name, descriptor))
        {
            return;
        }
        final String reference = owner + '.' + name + (descriptor.charAt(0) == '(' ? "" : ":") + descriptor;
        final String ownerClass = DescriptorTypes.classOf(owner);
        if (ownerClass != null && !isAllowedClass(ownerClass))
        {
            throw ModuleRefusedException.forbiddenReference(module, site, reference);
        }
        // An array has the members of Object, and a clone of its own.
        final String declaring = owner.charAt(0) == '['
            ? "java/lang/Object"
            : resolver.declaringClass(owner, name, descriptor);
        if (allowlist.isAllowedMember(declaring, name, descriptor))
        {
            return;
        }
        if (allowlist.isDeniedMember(declaring, name, descriptor))
        {
            throw ModuleRefusedException.forbiddenReference(module, site, reference);
        }
        for (final Type type : DescriptorTypes.of(descriptor))
        {
            if (!isAllowedClass(type.getInternalName()))
            {
                throw ModuleRefusedException.forbiddenReference(module, site, reference);
            }
        }
    }

    void checkHandle(final String site, final Handle handle)
    {
        checkMember(site, handle.getOwner(), handle.getName(), handle.getDesc());
    }

    /**
     * An {@code invokedynamic}'s or a dynamic constant's bootstrap method and its static arguments. The bootstrap
     * must be one of the allowlist's; its arguments are the constants javac gives it (method types, handles of
     * the module's lambdas and record fields, strings).
     */
    void checkBootstrap(final String site, final Handle bootstrap, final Object[] arguments)
    {
        if (bootstrap.getTag() != Opcodes.H_INVOKESTATIC
            || !allowlist.isAllowedBootstrap(bootstrap.getOwner(), bootstrap.getName(), bootstrap.getDesc()))
        {
            throw ModuleRefusedException.forbiddenReference(
                module, site, bootstrap.getOwner() + '.' + bootstrap.getName() + bootstrap.getDesc());
        }
        for (final Object argument : arguments)
        {
            checkBootstrapArgument(site, argument);
        }
    }

    /**
     * An {@code ldc} constant. A method type or method handle is an object of {@code java.lang.invoke} in the
     * module's hands, and passes only if the allowlist allows that type; a dynamic constant passes only if its
     * bootstrap is allowed.
     */
    void checkLoadedConstant(final String site, final Object constant)
    {
        if (constant instanceof Type && ((Type)constant).getSort() == Type.METHOD)
        {
            checkType(site, METHOD_TYPE);
        }
        else if (constant instanceof Handle)
        {
            checkType(site, METHOD_HANDLE);
        }
        checkBootstrapArgument(site, constant);
    }

    private void checkBootstrapArgument(final String site, final Object argument)
    {
        if (argument instanceof Type)
        {
            checkDescriptor(site, ((Type)argument).getDescriptor());
        }
        else if (argument instanceof Handle)
        {
            checkHandle(site, (Handle)argument);
        }
        else if (argument instanceof ConstantDynamic)
        {
            final ConstantDynamic dynamic = (ConstantDynamic)argument;
            final Object[] arguments = new Object[dynamic.getBootstrapMethodArgumentCount()];
            for (int i = 0; i < arguments.length; i++)
            {
                arguments[i] = dynamic.getBootstrapMethodArgument(i);
            }
            checkBootstrap(site, dynamic.getBootstrapMethod(), arguments);
            checkDescriptor(site, dynamic.getDescriptor());
        }
    }

    private boolean isAllowedClass(final String className)
    {
        return moduleClasses.containsKey(className) || allowlist.isAllowedClass(className);
    }
}
