package org.hicsim.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code hic run}'s options: a value the run cannot use is the user's mistake, exit 2 in one line. */
class RunOptionsTest
{
    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        System.setProperty("hicsim.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int hic(final String... args)
    {
        return HicConsole.run(out, err, args);
    }

    private Path scenario() throws IOException
    {
        return Files.writeString(directory.resolve("mine.yaml"), "format_version: 1\nname: mine\nduration: 1s\n");
    }

    @Test
    void shouldRefuseANegativeSeedAsAScenarioFileWould() throws IOException
    {
        assertEquals(ExitCodes.USAGE, hic("run", scenario().toString(), "--seed", "-5", "--quiet", "--out",
            directory.resolve("out").toString()));

        assertEquals("hic run: --seed: -5 is out of range (0 to 9223372036854775807) (see 'hic run --help')\n", err.toString());
        assertEquals(false, Files.exists(directory.resolve("out")));
    }
}
