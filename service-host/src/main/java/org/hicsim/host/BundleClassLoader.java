package org.hicsim.host;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * One loaded module's class loader: it defines the module's classes, lazily, from the class files
 * {@link ReferenceCheck} passed, and asks its one parent, a {@link LinkOnlyClassLoader}, for everything else. It
 * serves no resources. Each instance of a module gets its own, so no two instances share a class, and so no
 * static field.
 */
final class BundleClassLoader extends ClassLoader
{
    private final CheckedClasses classes;

    BundleClassLoader(final CheckedClasses classes, final LinkOnlyClassLoader parent)
    {
        super(classes.module(), parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> findClass(final String name) throws ClassNotFoundException
    {
        final byte[] classFile = classes.classFile(name);
        if (classFile == null)
        {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, classFile, 0, classFile.length);
    }

    @Override
    public URL getResource(final String name)
    {
        return null;
    }

    @Override
    public Enumeration<URL> getResources(final String name)
    {
        return Collections.emptyEnumeration();
    }
}
