package org.hicsim.services.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes class files into a jar whose bytes depend on nothing but the class files: entries sorted by name, every
 * entry time the same, no {@code META-INF/MANIFEST.MF}, no directory entries, and entries stored, not deflated
 * (the bundle's LZ4 compresses them, and deflate output may differ between zlib builds). So a bundle's payload
 * SHA-384 is the same on every build of the same code.
 */
final class DeterministicJar
{
    /** A local time, so the DOS time field is written as is, whatever the build machine's time zone. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);
    private static final String CLASS_SUFFIX = ".class";

    private DeterministicJar()
    {
    }

    /**
     * The jar of {@code classes}, internal name ({@code org/hicsim/services/x/Y}) to class file bytes.
     */
    static byte[] of(final SortedMap<String, byte[]> classes)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes))
        {
            for (final Map.Entry<String, byte[]> entry : classes.entrySet())
            {
                final byte[] classFile = entry.getValue();
                final CRC32 crc = new CRC32();
                crc.update(classFile);
                final ZipEntry zipEntry = new ZipEntry(entry.getKey() + CLASS_SUFFIX);
                zipEntry.setMethod(ZipEntry.STORED);
                zipEntry.setSize(classFile.length);
                zipEntry.setCompressedSize(classFile.length);
                zipEntry.setCrc(crc.getValue());
                zipEntry.setTimeLocal(ENTRY_TIME);
                jar.putNextEntry(zipEntry);
                jar.write(classFile);
                jar.closeEntry();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("writing to memory", ex);
        }
        return bytes.toByteArray();
    }
}
