package org.hicsim.host;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the class that declares a member a module names, as the JVM's resolution would: the named class, its
 * superclasses, its superinterfaces, and for an interface {@code java/lang/Object}. javac names a member through
 * the receiver's static type, so {@code "x".getClass()} names {@code java/lang/String.getClass}, and
 * {@code e.printStackTrace()} names the exception's own class: a member is denied by the class that declares it.
 * <p>
 * The module's classes are known from their class files; any other class from the host's class loader, through
 * reflection, so only classes a module may name (and their supertypes) are ever looked at.
 */
final class MemberResolver
{
    private static final String OBJECT = "java/lang/Object";

    private final Map<String, DeclaredClass> moduleClasses;
    private final ClassLoader hostLoader;
    private final Map<String, DeclaredClass> hostClasses = new HashMap<>();

    MemberResolver(final Map<String, DeclaredClass> moduleClasses, final ClassLoader hostLoader)
    {
        this.moduleClasses = moduleClasses;
        this.hostLoader = hostLoader;
    }

    /**
     * @param owner      internal name of the class the reference names (not an array).
     * @param descriptor a method's or a field's.
     * @return the internal name of the declaring class, or {@code owner} when no class in the hierarchy declares
     * the member (the JVM would refuse it at link time; the allowlist judges it by its owner).
     */
    String declaringClass(final String owner, final String name, final String descriptor)
    {
        final String declaring = find(owner, DeclaredClass.memberKey(name, descriptor), new HashSet<>());
        return declaring == null ? owner : declaring;
    }

    /** Depth first; {@code visited} also stops a module whose classes extend each other in a circle. */
    private String find(final String className, final String member, final Set<String> visited)
    {
        if (!visited.add(className))
        {
            return null;
        }
        final DeclaredClass declared = declarationOf(className);
        if (declared == null)
        {
            return null;
        }
        if (declared.declares(member))
        {
            return className;
        }
        if (declared.superName() != null)
        {
            final String found = find(declared.superName(), member, visited);
            if (found != null)
            {
                return found;
            }
        }
        for (final String superinterface : declared.interfaces())
        {
            final String found = find(superinterface, member, visited);
            if (found != null)
            {
                return found;
            }
        }
        return declared.isInterface() ? find(OBJECT, member, visited) : null;
    }

    private DeclaredClass declarationOf(final String className)
    {
        final DeclaredClass moduleClass = moduleClasses.get(className);
        if (moduleClass != null)
        {
            return moduleClass;
        }
        return hostClasses.computeIfAbsent(className, this::reflect);
    }

    private DeclaredClass reflect(final String className)
    {
        try
        {
            return DeclaredClass.of(Class.forName(className.replace('/', '.'), false, hostLoader));
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            return null;
        }
    }
}
