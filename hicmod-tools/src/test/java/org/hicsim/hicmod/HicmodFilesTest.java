package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HicmodFilesTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReplaceAFileAndLeaveNoTemporaryBehind() throws Exception
    {
        final Path file = Files.write(directory.resolve("a.hicmod"), new byte[] { 1, 2, 3 });

        HicmodFiles.writeAtomically(file, new byte[] { 4, 5 });

        assertArrayEquals(new byte[] { 4, 5 }, Files.readAllBytes(file));
        try (var files = Files.list(directory))
        {
            assertEquals(1, files.count());
        }
    }

    @Test
    void shouldPublishFilesReadableByOthers() throws Exception
    {
        final Path file = directory.resolve("published.hicmod");
        assumeTrue(Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null, "POSIX file system");

        HicmodFiles.writeAtomically(file, new byte[] { 1 });

        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void shouldNameTheFileItCannotWrite()
    {
        final Path file = directory.resolve("missing-directory").resolve("a.hicmod");

        assertEquals(file + ": cannot write (no such file or directory)", assertThrows(HicmodFormatException.class,
            () -> HicmodFiles.writeAtomically(file, new byte[1])).getMessage());
    }

    @Test
    void shouldNameOnlyTheFileItWasAskedToWriteWhenThatIsADirectory() throws Exception
    {
        final Path file = Files.createDirectory(directory.resolve("a.hicmod"));

        assertEquals(file + ": cannot write (Is a directory)", assertThrows(HicmodFormatException.class,
            () -> HicmodFiles.writeAtomically(file, new byte[1])).getMessage());
        try (var files = Files.list(directory))
        {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void shouldRefuseAFileOverTheMaximum() throws Exception
    {
        final Path file = Files.write(directory.resolve("big"), new byte[11]);

        assertEquals(file + ": longer than the maximum 10 bytes",
            assertThrows(HicmodFormatException.class, () -> HicmodFiles.read(file, 10)).getMessage());
    }

    @Test
    void shouldReadAFileAtTheMaximum() throws Exception
    {
        final Path file = Files.write(directory.resolve("exact"), new byte[10]);

        assertEquals(10, HicmodFiles.read(file, 10).length);
    }
}
