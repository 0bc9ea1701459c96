package org.hicsim.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code alerts} and {@code decisions} expectations, checked on the built-in {@code monitor-three-crashes}
 * with more expectations added: reported with expected and actual like the others, and failing the run when the
 * Monitor did otherwise.
 */
class MonitorExpectationsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        System.setProperty("hicsim.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    /** The built-in scenario, its {@code expect:} block (the file's last) extended by {@code extra}. */
    private JsonNode run(final String extra, final int exitCode) throws IOException
    {
        final String builtIn;
        try (var in = MonitorExpectationsTest.class.getResourceAsStream("/scenarios/monitor-three-crashes.yaml"))
        {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(builtIn.endsWith("  rollbacks: 1\n"), "the built-in's expect: block is no longer last");
        final Path file = Files.writeString(directory.resolve("crashes.yaml"), builtIn + extra);
        final Path out = directory.resolve("out");
        final RunCommandTest.Ran ran = RunCommandTest.hic("run", file.toString(), "--quiet", "--out", out.toString());
        assertEquals(exitCode, ran.exitCode(), ran.out() + ran.err());
        return JSON.readTree(out.resolve("result.json").toFile()).path("expectations");
    }

    private static JsonNode named(final JsonNode expectations, final String name)
    {
        for (final JsonNode expectation : expectations)
        {
            if (name.equals(expectation.path("name").asText()))
            {
                return expectation;
            }
        }
        throw new AssertionError("no expectation named " + name + " in " + expectations);
    }

    @Test
    void shouldHoldTheAlertsAndDecisionsTheMonitorMade() throws IOException
    {
        final JsonNode expectations = run("  alerts: {min: {P0: 1}, max: {P2: 0}}\n"
            + "  decisions: [crashes-3-in-5m, rollback_full]\n", 0);
        final JsonNode atLeastOneP0 = named(expectations, "alerts.min.P0");
        assertEquals(">= 1", atLeastOneP0.path("expected").asText());
        assertTrue(atLeastOneP0.path("passed").asBoolean(), atLeastOneP0.toString());
        assertEquals("<= 0", named(expectations, "alerts.max.P2").path("expected").asText());
        final JsonNode decisions = named(expectations, "decisions");
        assertEquals("[crashes-3-in-5m, rollback_full]", decisions.path("expected").asText());
        assertTrue(decisions.path("actual").asText().contains("crashes-3-in-5m -> rollback_full"),
            decisions.toString());
    }

    @Test
    void shouldFailNoneAndAnAbsentRuleAndATooLowAlertBound() throws IOException
    {
        final JsonNode none = named(run("  decisions: none\n  alerts: {max: {P0: 0}}\n", 1), "decisions");
        assertEquals("none", none.path("expected").asText());
        assertTrue(!none.path("passed").asBoolean() && none.path("actual").asText().startsWith("["), none.toString());

        final JsonNode expectations = run("  decisions: [critical-function-failed]\n", 1);
        assertTrue(!named(expectations, "decisions").path("passed").asBoolean(), expectations.toString());
    }
}
