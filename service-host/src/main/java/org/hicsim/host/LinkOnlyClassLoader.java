package org.hicsim.host;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * The only parent of every module's class loader: it resolves the SPI and the JDK classes the allowlist lets a
 * module link against ({@link ReferenceAllowlist#isLinkable}), each as the host itself sees it, so a module's
 * {@code Service} is the kernel's. Any other name is a {@link ClassNotFoundException}, whoever asks, so a module
 * that got past the reference check by some means still could not resolve a kernel class or another module's
 * class. It has no resources. Besides, it resolves the few host classes that metered code calls
 * ({@link #METERING_RUNTIME}), which a module's own code cannot name: the reference check ran on it before the
 * loader added those calls.
 */
final class LinkOnlyClassLoader extends ClassLoader
{
    /** What {@link ClassMetering} makes a module's classes call. */
    static final Set<String> METERING_RUNTIME = Set.of(MethodMetering.METER, MethodMetering.IDENTITY,
        MethodMetering.COLLECTIONS, MethodMetering.STRING_CONCAT, MethodMetering.RECORD_METHODS);

    private final ReferenceAllowlist allowlist;
    private final ClassLoader hostLoader;

    LinkOnlyClassLoader(final ReferenceAllowlist allowlist, final ClassLoader hostLoader)
    {
        super("hicsim-spi", null);
        this.allowlist = allowlist;
        this.hostLoader = hostLoader;
    }

    @Override
    protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException
    {
        final String internalName = name.replace('.', '/');
        if (!allowlist.isLinkable(internalName) && !METERING_RUNTIME.contains(internalName))
        {
            throw new ClassNotFoundException(name);
        }
        return Class.forName(name, false, hostLoader);
    }

    @Override
    protected Class<?> findClass(final String name) throws ClassNotFoundException
    {
        throw new ClassNotFoundException(name);
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
