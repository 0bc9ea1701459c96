package org.hicsim.hicmod.pki;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PkiDirectoryTest
{
    @TempDir
    Path directory;

    @Test
    void shouldSayInWordsWhyItCannotCreateTheDirectory() throws Exception
    {
        final Path file = Files.write(directory.resolve("a-file"), new byte[1]);
        final PkiInputException refusal = assertThrows(PkiInputException.class,
            () -> PkiDirectory.write(file.resolve("pki"), TestPki.rsa(), false));
        assertEquals(file.resolve("pki") + ": cannot create the directory (Not a directory)", refusal.getMessage());
    }
}
