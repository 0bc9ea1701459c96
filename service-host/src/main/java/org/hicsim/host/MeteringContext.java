package org.hicsim.host;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * What the metering of one module's classes knows beyond the class at hand: which classes are the module's, where
 * a member it names is declared, how many instance fields a class has (the heap model's size of an instance), and
 * the class hierarchy the class writer needs to merge types when it recomputes stack map frames.
 */
final class MeteringContext
{
    private static final String OBJECT = "java/lang/Object";

    private final String module;
    private final Map<String, ClassNode> classes;
    private final MemberResolver resolver;
    private final ClassLoader hostLoader;
    private final Map<String, Integer> instanceFields = new HashMap<>();

    MeteringContext(
        final String module, final Map<String, ClassNode> classes, final MemberResolver resolver,
        final ClassLoader hostLoader)
    {
        this.module = module;
        this.classes = classes;
        this.resolver = resolver;
        this.hostLoader = hostLoader;
    }

    String module()
    {
        return module;
    }

    boolean isModuleClass(final String internalName)
    {
        return classes.containsKey(internalName);
    }

    ClassNode moduleClass(final String internalName)
    {
        return classes.get(internalName);
    }

    /** See {@link MemberResolver#declaringClass}; an array's members are Object's. */
    String declaringClass(final String owner, final String name, final String descriptor)
    {
        return owner.charAt(0) == '[' ? OBJECT : resolver.declaringClass(owner, name, descriptor);
    }

    /** Instance fields of a class and its superclasses, the module's and the JDK's. */
    int instanceFields(final String internalName)
    {
        final Integer known = instanceFields.get(internalName);
        if (known != null)
        {
            return known;
        }
        final ClassNode node = classes.get(internalName);
        final int count;
        if (node == null)
        {
            count = jdkInstanceFields(internalName);
        }
        else
        {
            int own = 0;
            for (final FieldNode field : node.fields)
            {
                own += (field.access & org.objectweb.asm.Opcodes.ACC_STATIC) == 0 ? 1 : 0;
            }
            count = own + (node.superName == null ? 0 : instanceFields(node.superName));
        }
        instanceFields.put(internalName, count);
        return count;
    }

    /**
     * The common superclass of two classes, for stack map frames: through the module's class files for its own
     * classes, through reflection for the JDK's; an interface merges to Object, as the verifier treats it.
     */
    String commonSuperClass(final String first, final String second)
    {
        if (isInterface(first) || isInterface(second))
        {
            return OBJECT;
        }
        for (String a = first; a != null; a = superName(a))
        {
            for (String b = second; b != null; b = superName(b))
            {
                if (a.equals(b))
                {
                    return a;
                }
            }
        }
        return OBJECT;
    }

    private String superName(final String internalName)
    {
        final ClassNode node = classes.get(internalName);
        if (node != null)
        {
            return node.superName;
        }
        final Class<?> type = hostClass(internalName);
        final Class<?> superclass = type == null ? null : type.getSuperclass();
        return superclass == null ? null : superclass.getName().replace('.', '/');
    }

    private boolean isInterface(final String internalName)
    {
        final ClassNode node = classes.get(internalName);
        if (node != null)
        {
            return (node.access & org.objectweb.asm.Opcodes.ACC_INTERFACE) != 0;
        }
        final Class<?> type = hostClass(internalName);
        return type != null && type.isInterface();
    }

    private int jdkInstanceFields(final String internalName)
    {
        int count = 0;
        for (Class<?> type = hostClass(internalName); type != null; type = type.getSuperclass())
        {
            for (final Field field : type.getDeclaredFields())
            {
                count += Modifier.isStatic(field.getModifiers()) ? 0 : 1;
            }
        }
        return count;
    }

    private Class<?> hostClass(final String internalName)
    {
        try
        {
            return Class.forName(internalName.replace('/', '.'), false, hostLoader);
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            return null;
        }
    }
}
