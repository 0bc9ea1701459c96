package org.hicsim.host;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.hicsim.hicmod.PayloadSectionDescriptor;
import org.hicsim.host.ModuleRefusedException.Reason;

/**
 * The class files of a module's jar, by internal name, in name order. Other entries (the jar manifest,
 * resources) are left out: a module's loader serves no resources. The bytes read are bounded by
 * {@link PayloadSectionDescriptor#JAR_LENGTH_MAX} whatever the entries claim, so a zip bomb is refused, not
 * inflated.
 */
final class BundleClassFiles
{
    /** Packages the JDK or Core-0 owns: a module may not put a class there, even its own copy. */
    static final List<String> RESERVED_PACKAGES =
        List.of("java/", "javax/", "jdk/", "sun/", "com/sun/", "org/hicsim/core0/", "org/hicsim/host/meter/");

    private static final String CLASS_SUFFIX = ".class";
    private static final int BUFFER_LENGTH = 8192;

    private BundleClassFiles()
    {
    }

    /**
     * @param module the module's name and version, for the refusal's message.
     * @throws ModuleRefusedException if the jar cannot be read, names a class twice, or puts one in a reserved
     *                                package.
     */
    static SortedMap<String, byte[]> read(final String module, final ByteBuffer jar)
    {
        final byte[] bytes = new byte[jar.remaining()];
        jar.duplicate().get(bytes);
        final SortedMap<String, byte[]> classes = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes)))
        {
            final byte[] buffer = new byte[BUFFER_LENGTH];
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry())
            {
                final String internalName = classNameOf(entry);
                if (internalName == null)
                {
                    continue;
                }
                checkPlace(module, internalName);
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer))
                {
                    total += n;
                    if (total > PayloadSectionDescriptor.JAR_LENGTH_MAX)
                    {
                        throw ModuleRefusedException.refused(Reason.MALFORMED_CLASS, module, "its class files "
                            + "inflate past " + PayloadSectionDescriptor.JAR_LENGTH_MAX + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
                if (classes.put(internalName, out.toByteArray()) != null)
                {
                    throw ModuleRefusedException.refused(Reason.MISPLACED_CLASS, module,
                        "its jar holds " + entry.getName() + " twice");
                }
            }
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw ModuleRefusedException.refused(
                Reason.MALFORMED_CLASS, module, "its jar cannot be read (" + ex.getMessage() + ")");
        }
        return classes;
    }

    /** The internal name a class entry claims, or null for what is not a class of the module. */
    private static String classNameOf(final ZipEntry entry)
    {
        final String name = entry.getName();
        if (entry.isDirectory() || !name.endsWith(CLASS_SUFFIX) || name.startsWith("META-INF/")
            || name.equals("module-info.class"))
        {
            return null;
        }
        return name.substring(0, name.length() - CLASS_SUFFIX.length());
    }

    private static void checkPlace(final String module, final String internalName)
    {
        for (final String reserved : RESERVED_PACKAGES)
        {
            if (internalName.startsWith(reserved))
            {
                throw ModuleRefusedException.refused(Reason.MISPLACED_CLASS, module,
                    internalName.replace('/', '.') + " is in " + reserved + ", a package a module may not use");
            }
        }
    }
}
