package org.hicsim.host;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

import org.hicsim.host.meter.Meter;
import org.hicsim.host.meter.MeteredLoader;

/**
 * One loaded module's class loader: it defines the module's classes, lazily, from the class files
 * {@link ReferenceCheck} passed, and asks its one parent, a {@link LinkOnlyClassLoader}, for everything else. It
 * serves no resources. Each instance of a module gets its own, so no two instances share a class, and so no
 * static field. The classes are metered ({@link ClassMetering}) and find their sandbox's {@link Meter} here.
 */
final class BundleClassLoader extends ClassLoader implements MeteredLoader
{
    private final CheckedClasses classes;
    private final Meter meter;

    BundleClassLoader(final CheckedClasses classes, final LinkOnlyClassLoader parent, final Meter meter)
    {
        super(classes.module(), parent);
        this.classes = classes;
        this.meter = meter;
    }

    @Override
    public Meter meter()
    {
        return meter;
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
