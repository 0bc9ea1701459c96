package org.hicsim.host;

import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A module's class files after {@link ReferenceCheck} passed them: the only bytes a {@link BundleClassLoader}
 * defines classes from. Only the check makes one.
 */
public final class CheckedClasses
{
    private final String module;
    private final SortedMap<String, byte[]> classFiles;
    private final String entry;

    CheckedClasses(final String module, final SortedMap<String, byte[]> classFiles, final String entry)
    {
        this.module = module;
        this.classFiles = classFiles;
        this.entry = entry;
    }

    /** The module's name and version, e.g. {@code netstack 1.3.0}. */
    public String module()
    {
        return module;
    }

    /** The binary name of the entry class. */
    public String entry()
    {
        return entry;
    }

    /** The binary names of the module's classes, sorted. */
    public SortedSet<String> classNames()
    {
        final SortedSet<String> names = new TreeSet<>();
        for (final String internalName : classFiles.keySet())
        {
            names.add(internalName.replace('/', '.'));
        }
        return names;
    }

    /**
     * The class file of a binary name, or null if the module has no such class. The array is the check's own:
     * the loader hands it to {@code defineClass}, which copies it.
     */
    byte[] classFile(final String binaryName)
    {
        return classFiles.get(binaryName.replace('.', '/'));
    }
}
