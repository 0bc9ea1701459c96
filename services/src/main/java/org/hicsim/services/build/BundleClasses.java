package org.hicsim.services.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The classes a bundle carries: its entry class and every class under {@code org/hicsim/services/} that the entry
 * reaches through {@link ClassReferences}, transitively. Shared code is so copied into every bundle that uses it,
 * and each bundle runs in its own class loader. The build tool itself ({@code org/hicsim/services/build/}) is
 * never part of a bundle; a service that reaches it is refused.
 */
final class BundleClasses
{
    static final String SERVICES_PACKAGE = "org/hicsim/services/";
    static final String BUILD_PACKAGE = SERVICES_PACKAGE + "build/";

    private static final String CLASS_SUFFIX = ".class";

    private BundleClasses()
    {
    }

    /**
     * Internal name to class file bytes, sorted by name, of {@code entryClass} (a binary name,
     * {@code org.hicsim.services.netstack.v1_3_0.Netstack}) and the classes it reaches, read from {@code classes}.
     *
     * @throws CatalogueBuildException if the entry is not a service class, or a class is missing from
     *                                 {@code classes}, or a class reaches the build tool.
     */
    static SortedMap<String, byte[]> reachableFrom(final Path classes, final String entryClass)
    {
        final String entry = entryClass.replace('.', '/');
        if (!entry.startsWith(SERVICES_PACKAGE) || entry.startsWith(BUILD_PACKAGE))
        {
            throw new CatalogueBuildException("entry " + entryClass + " is not a service class (a class under "
                + binaryName(SERVICES_PACKAGE) + ", outside " + binaryName(BUILD_PACKAGE) + ")");
        }
        final SortedMap<String, byte[]> found = new TreeMap<>();
        final SortedMap<String, String> reachedFrom = new TreeMap<>();
        final Deque<String> pending = new ArrayDeque<>();
        pending.add(entry);
        while (!pending.isEmpty())
        {
            final String name = pending.poll();
            if (found.containsKey(name))
            {
                continue;
            }
            final byte[] classFile = read(classes, name, reachedFrom.get(name));
            found.put(name, classFile);
            for (final String reference : ClassReferences.of(classFile))
            {
                if (reference.startsWith(BUILD_PACKAGE))
                {
                    throw new CatalogueBuildException(binaryName(name) + " reaches the build tool's "
                        + binaryName(reference) + "; service code must not use " + binaryName(BUILD_PACKAGE));
                }
                if (reference.startsWith(SERVICES_PACKAGE) && !found.containsKey(reference))
                {
                    reachedFrom.putIfAbsent(reference, name);
                    pending.add(reference);
                }
            }
        }
        return found;
    }

    private static byte[] read(final Path classes, final String name, final String referrer)
    {
        final Path file = classes.resolve(name + CLASS_SUFFIX);
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new CatalogueBuildException(file + ": no such class file: " + binaryName(name)
                + (referrer == null ? " is the manifest's entry" : " is used by " + binaryName(referrer)), ex);
        }
        catch (final IOException ex)
        {
            throw new CatalogueBuildException(file + ": cannot read: " + ex.getMessage(), ex);
        }
    }

    private static String binaryName(final String internalName)
    {
        return internalName.replace('/', '.');
    }
}
