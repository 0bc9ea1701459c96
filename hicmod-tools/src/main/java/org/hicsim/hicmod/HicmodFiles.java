package org.hicsim.hicmod;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reading and writing the files the {@code hic mod} commands take and make, with failures reported as one-line
 * {@link HicmodFormatException}s that name the file.
 */
public final class HicmodFiles
{
    private static final Set<PosixFilePermission> PUBLISHED = PosixFilePermissions.fromString("rw-r--r--");

    private HicmodFiles()
    {
    }

    /**
     * The whole file, refused if it is longer than {@code lengthMax}: by its size before it is opened, and by
     * reading at most one byte past the bound, so that a huge or growing file costs no more than the bound.
     */
    public static byte[] read(final Path file, final int lengthMax)
    {
        if (lengthMax < 0 || lengthMax == Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("lengthMax=" + lengthMax + " leaves no room to detect a longer file");
        }
        try
        {
            if (Files.size(file) > lengthMax)
            {
                throw tooLong(file, lengthMax);
            }
            try (InputStream in = Files.newInputStream(file))
            {
                final byte[] bytes = in.readNBytes(lengthMax + 1);
                if (bytes.length > lengthMax)
                {
                    throw tooLong(file, lengthMax);
                }
                return bytes;
            }
        }
        catch (final IOException ex)
        {
            throw new HicmodFormatException(file.toString(), "cannot read (" + describe(ex) + ")", ex);
        }
    }

    /**
     * Writes {@code bytes} to {@code file} through a temporary file in the same directory and an atomic rename,
     * so that a reader, or a crash, never sees half a file. Bundles, signatures and indexes are published, not
     * secret: the file is made world-readable ({@code rw-r--r--}), where a temporary file starts owner-only.
     */
    public static void writeAtomically(final Path file, final byte[] bytes)
    {
        final Path absolute = file.toAbsolutePath();
        Path temporary = null;
        try
        {
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            Files.write(temporary, bytes);
            if (Files.getFileAttributeView(temporary, PosixFileAttributeView.class) != null)
            {
                Files.setPosixFilePermissions(temporary, PUBLISHED);
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            deleteQuietly(temporary);
            throw cannotWrite(file, ex);
        }
    }

    /**
     * The refusal of a file a command was told to write but cannot: one line naming the file and the reason
     * ({@code FILE: cannot write (no such file or directory)}), a usage error in the CLI.
     */
    public static HicmodFormatException cannotWrite(final Path file, final IOException ex)
    {
        return new HicmodFormatException(file.toString(), "cannot write (" + describe(ex) + ")", ex);
    }

    private static HicmodFormatException tooLong(final Path file, final int lengthMax)
    {
        return new HicmodFormatException(file.toString(), "longer than the maximum " + lengthMax + " bytes");
    }

    private static void deleteQuietly(final Path temporary)
    {
        if (temporary != null)
        {
            try
            {
                Files.deleteIfExists(temporary);
            }
            catch (final IOException ignored)
            {
                // The write already failed; that is the error worth reporting.
            }
        }
    }

    /**
     * Why a file could not be read or written, in words for a one-line error ({@code no such file or
     * directory}, {@code Is a directory}): never the name of a Java exception.
     */
    public static String describe(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof FileAlreadyExistsException)
        {
            return "the file already exists";
        }
        // A FileSystemException's message repeats the paths (a rename's temporary file too); the error names the
        // file already.
        if (ex instanceof FileSystemException && ((FileSystemException)ex).getReason() != null)
        {
            return ((FileSystemException)ex).getReason();
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
