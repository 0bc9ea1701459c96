package org.hicsim.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hicsim.scenario.ScenarioLibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hic validate} and {@code hic scenarios}. */
class ScenarioCommandsTest
{
    private static final String README_SCENARIO = "netstack-rolling-update";

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int hic(final String... args)
    {
        return HicConsole.run(out, err, args);
    }

    @Test
    void validateExitsZeroForABuiltInScenarioByName()
    {
        assertEquals(ExitCodes.OK, hic("validate", README_SCENARIO));
        assertEquals("scenarios/netstack-rolling-update.yaml: valid: netstack-rolling-update (1 step, 6"
            + " expectations)\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void validateExitsZeroForAValidFile() throws IOException
    {
        final Path file = write("mine.yaml", "format_version: 1\nname: mine\nduration: 1s\n");

        assertEquals(ExitCodes.OK, hic("validate", file.toString()));
        assertEquals(file + ": valid: mine (0 steps, 0 expectations)\n", out.toString());
    }

    @Test
    void validateCanonicalPrintsTheScenarioWithEveryDefaultWrittenOut() throws IOException
    {
        final Path file = write("mine.yaml", "format_version: 1\nname: mine\nduration: 1s\n");

        assertEquals(ExitCodes.OK, hic("validate", "--canonical", file.toString()));
        final String canonical = out.toString();
        assertTrue(canonical.startsWith("# " + file + ": valid: mine (0 steps, 0 expectations)\n"), canonical);
        assertTrue(canonical.contains("\nseed: 1\n"), canonical);
        assertTrue(canonical.contains("\nkernel: {memory: 1 GiB}\n"), canonical);
        final Path again = write("again.yaml", canonical);
        assertEquals(ExitCodes.OK, hic("validate", again.toString()));
    }

    @Test
    void validateExitsTwoWithFileLineColumnAndKey() throws IOException
    {
        final Path file = write("bad.yaml", "format_version: 1\nname: bad\nduraton: 1h\n");

        assertEquals(ExitCodes.USAGE, hic("validate", file.toString()));
        assertEquals("hic validate: " + file + ":3:1: duraton: unknown key, did you mean 'duration'?\n",
            err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void validateChecksEveryFileAndExitsTwoWhenOneIsBad() throws IOException
    {
        final Path bad = write("bad.yaml", "format_version: 1\nname: bad\nduration: soon\n");
        final Path good = write("good.yaml", "format_version: 1\nname: good\nduration: 1s\n");

        assertEquals(ExitCodes.USAGE, hic("validate", bad.toString(), good.toString()));
        assertTrue(out.toString().startsWith(good + ": valid: good"), out.toString());
        assertTrue(err.toString().startsWith("hic validate: " + bad + ":3:11: duration: 'soon' is not a duration"),
            err.toString());
    }

    @Test
    void validateExitsTwoForNeitherAFileNorABuiltIn()
    {
        assertEquals(ExitCodes.USAGE, hic("validate", "no-such-scenario"));
        assertEquals("hic validate: no-such-scenario: no such file, nor a built-in scenario ('hic scenarios' lists"
            + " them)\n", err.toString());
    }

    @Test
    void validateWithoutAFileIsAUsageError()
    {
        assertEquals(ExitCodes.USAGE, hic("validate"));
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void scenariosListsEveryBuiltInWithTheFirstLineOfItsDescription()
    {
        assertEquals(ExitCodes.OK, hic("scenarios"));
        assertEquals(ScenarioLibrary.builtInNames().size(), out.toString().lines().count(), out.toString());
        assertTrue(out.toString().contains(README_SCENARIO + "  netstack 1.2.0 to 1.3.0 live, with 1,000"
            + " connections and no downtime.\n"), out.toString());
    }

    @Test
    void scenariosWritesJsonWithNameAndDescription() throws IOException
    {
        assertEquals(ExitCodes.OK, hic("scenarios", "--json"));
        final JsonNode array = new ObjectMapper().readTree(out.toString());
        assertEquals(ScenarioLibrary.builtInNames().size(), array.size());
        boolean found = false;
        for (final JsonNode entry : array)
        {
            found |= entry.get("name").asText().equals(README_SCENARIO)
                && entry.get("description").asText().startsWith("netstack 1.2.0 to 1.3.0 live");
        }
        assertTrue(found, out.toString());
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(directory.resolve(name), text);
    }
}
