package org.hicsim.docs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hicsim.cli.Hic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/first-scenario.md} stays true: the built-in run's summary lists its updates in the order section 1
 * says, and its two scenarios run as it says (the slower migration completes and takes about five times longer;
 * the broken update is aborted and the run exits 1).
 */
class FirstScenarioDocTest
{
    static final String DOCUMENT = "docs/first-scenario.md";
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        System.setProperty("hicsim.home", WritingAServiceDocTest.repositoryRoot().toString());
    }

    private List<Path> scenarios() throws IOException
    {
        final String document = Files.readString(WritingAServiceDocTest.repositoryRoot().resolve(DOCUMENT));
        final Matcher matcher = YAML_BLOCK.matcher(document);
        final List<Path> files = new ArrayList<>();
        while (matcher.find())
        {
            final Path file = directory.resolve("scenario-" + files.size() + ".yaml");
            Files.writeString(file, matcher.group(1));
            files.add(file);
        }
        return files;
    }

    private int run(final Path scenario, final Path out)
    {
        return Hic.newCommandLine().execute("run", scenario.toString(), "--quiet", "--out", out.toString());
    }

    private static long migrationNs(final Path out) throws IOException
    {
        final JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        for (final JsonNode phase : result.get("updates").get(0).get("phases"))
        {
            if (phase.get("name").asText().equals("migration"))
            {
                return phase.get("end_ns").asLong() - phase.get("start_ns").asLong();
            }
        }
        throw new AssertionError("no migration phase in " + out);
    }

    @Test
    void shouldRunTheSlowerMigrationForAboutFiftySecondsAndTheBrokenUpdateAsAborted() throws IOException
    {
        final List<Path> scenarios = scenarios();
        assertEquals(2, scenarios.size());

        final Path slower = directory.resolve("slower");
        assertEquals(0, run(scenarios.get(0), slower));
        final long migrationNs = migrationNs(slower);
        assertTrue(migrationNs > 49_000_000_000L && migrationNs < 60_000_000_000L, "migrationNs=" + migrationNs);

        final Path broken = directory.resolve("broken");
        assertEquals(1, run(scenarios.get(1), broken));
        final JsonNode result = new ObjectMapper().readTree(broken.resolve("result.json").toFile());
        assertEquals("aborted", result.get("updates").get(0).get("outcome").asText());
        assertTrue(result.get("updates").get(0).get("refusal").asText().startsWith("CRASHED_ON_START"));
        assertEquals("1.2.0", result.get("final_versions").get("netstack").asText());
    }

    /** Section 1 names the summary's blocks in the order the run of the built-in scenario prints them. */
    @Test
    void shouldListTheUpdatesOfTheBuiltInRunInTheOrderItsSummaryPrintsThem() throws IOException
    {
        final String document = Files.readString(WritingAServiceDocTest.repositoryRoot().resolve(DOCUMENT));
        final List<String> documented = new ArrayList<>();
        final Matcher bullet = Pattern.compile("(?m)^- \\*\\*(update [^*]+)\\*\\*").matcher(document);
        while (bullet.find())
        {
            documented.add(bullet.group(1));
        }
        final StringWriter out = new StringWriter();
        final CommandLine hic = Hic.newCommandLine();
        hic.setOut(new PrintWriter(out, true));

        assertEquals(0, hic.execute("run", "netstack-rolling-update", "--quiet", "--out",
            directory.resolve("readme").toString()));

        assertEquals(out.toString().lines().filter(line -> line.startsWith("update "))
            .map(line -> line.substring(0, line.indexOf(':'))).toList(), documented);
    }
}

