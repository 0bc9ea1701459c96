package org.hicsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hicsim.run.MonitorScenariosTest.field;
import static org.hicsim.run.MonitorScenariosTest.lines;
import static org.hicsim.run.MonitorScenariosTest.timeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the two emergency built-ins show beyond their expectations (issue 12, "state corrupted only after the
 * point of no return"): the Module Manager finds the corruption itself, the abandoned count is reported, nothing
 * corrupt is imported anywhere, and each gives the same digest twice.
 */
class EmergencyScenariosTest
{
    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        RunCommandTest.projectHome();
    }

    /** Runs a built-in, which must pass its expectations, and answers its trace. */
    private List<String> run(final String name, final String out) throws IOException
    {
        final RunCommandTest.Ran ran = RunCommandTest.hic("run", name, "--quiet", "--out", directory.resolve(out)
            .toString());
        assertEquals(0, ran.exitCode(), name + ":\n" + ran.out() + ran.err());
        return Files.readAllLines(directory.resolve(out).resolve("trace.txt"));
    }

    /** Each rollback of a run's result.json as its kind and what it abandoned. */
    private List<String> rollbacksInResultJson(final String out) throws IOException
    {
        final List<String> rollbacks = new ArrayList<>();
        for (final JsonNode rollback : new ObjectMapper().readTree(directory.resolve(out).resolve("result.json")
            .toFile()).path("rollbacks"))
        {
            assertTrue(rollback.path("abandoned").isIntegralNumber(), rollback.toString());
            rollbacks.add(rollback.path("kind").asText() + " " + rollback.path("abandoned").asLong());
        }
        return rollbacks;
    }

    @Test
    void shouldTakeTheEmergencyRollbackOnTheModuleManagersOwnCheckWithNothingCorruptImported() throws IOException
    {
        final List<String> trace = run("emergency-rollback", "emergency");

        final String detected = lines(trace, "mm.corruption.detected").get(0);
        assertEquals("global", field(detected, "part"));
        final String begun = lines(trace, "mm.rollback.begin").get(0);
        assertEquals("emergency", field(begun, "kind"));
        assertTrue(field(begun, "reason").startsWith("CRC32_mismatch_in_the_new_instance's_exported_state"),
            "the Module Manager's own reason, no step's: " + begun);
        assertEquals(timeOf(detected), timeOf(begun), "taken at the instant of the mismatch, unconfirmed");
        final String abandon = lines(trace, "mm.rollback.abandon").get(0);
        assertTrue(field(abandon, "detail").startsWith("abandoning_" + field(abandon, "migrations")
            + "_connection_migrations"), abandon);
        assertEquals(List.of("emergency " + field(abandon, "migrations")), rollbacksInResultJson("emergency"),
            "result.json's rollback carries the migrations abandoned");
        assertTrue(lines(trace, "mm.rollback-point.kept").stream().allMatch(line -> timeOf(line) < timeOf(detected)),
            "the corrupt export is not kept");
        assertTrue(trace.stream().filter(line -> timeOf(line) >= timeOf(detected)).noneMatch(line
            -> line.contains(" mm.snapshot ") || line.contains(" mm.round-trip ") || line.contains("service.handback")),
            "nothing exported, carried or imported after the mismatch");
        assertEquals(trace, run("emergency-rollback", "emergency-again"), "the same trace twice");
    }

    @Test
    void shouldRestartTheOldVersionFromTheRollbackPointWhenTheOldInstanceIsGone() throws IOException
    {
        final List<String> trace = run("emergency-old-gone", "old-gone");

        final long committedNs = timeOf(lines(trace, "mm.rollback-point").stream()
            .filter(line -> line.contains(" previous=")).findFirst().orElseThrow());
        final String detected = lines(trace, "mm.corruption.detected").get(0);
        assertTrue(timeOf(detected) > committedNs, "found after the commit");
        assertEquals("export", field(detected, "source"));
        final String abandon = lines(trace, "mm.rollback.abandon").get(0);
        assertEquals("100", field(abandon, "connections"));
        assertEquals(List.of("emergency 100"), rollbacksInResultJson("old-gone"),
            "result.json's rollback carries the connections abandoned");
        final String restarted = lines(trace, "mm.rollback-point.restarted").get(0);
        assertEquals("restored", field(restarted, "state"));
        assertEquals("1.2.0", field(restarted, "version"));
        final String imported = lines(trace, "mm.rollback-point.imported").get(0);
        assertTrue(lines(trace, "mm.rollback-point.kept").stream().anyMatch(line
            -> field(line, "name").equals(field(imported, "name")) && timeOf(line) < committedNs),
            "the state imported is a rollback point kept sound before the commit");
        assertFalse(trace.stream().filter(line -> timeOf(line) >= timeOf(detected)).anyMatch(line
            -> line.contains(" mm.snapshot ") || line.contains(" mm.round-trip ")),
            "the corrupt export neither stored nor carried");
        assertEquals(trace, run("emergency-old-gone", "old-gone-again"), "the same trace twice");
    }
}
