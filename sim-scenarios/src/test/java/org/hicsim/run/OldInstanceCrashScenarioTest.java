package org.hicsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.hicsim.run.MonitorScenariosTest.field;
import static org.hicsim.run.MonitorScenariosTest.lines;
import static org.hicsim.run.MonitorScenariosTest.timeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HIC 4.3 step 5.2.1 ("if old instance was shut down, restart it") through the scenario runner: the old
 * instance crashes mid-migration ({@code crash: {service: netstack, instance: old}}), and a rollback of the update,
 * emergency or full, restarts the old version from the update's consistency point. Every connection is accounted
 * for (lost in a move after the crash, or abandoned by the rollback), and none is handed to the dead instance.
 */
class OldInstanceCrashScenarioTest
{
    private static final int CONNECTIONS = 100;

    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        RunCommandTest.projectHome();
    }

    private static String scenario(final String kind)
    {
        return """
            format_version: 1
            name: old-crash-%s
            description: The old instance crashes mid-migration, then a %s rollback.
            seed: 7
            duration: 30s
            install: [eth_driver-1.2.0, ipc_lib-2.0.0, netstack-1.2.0]
            workload:
              connections: {idle: 20, low: 20, medium: 20, high: 20, persistent: 20}
              requests_per_second: 100
              open_over: 2s
            policy: {migrations_per_second_max: 20}
            steps:
              - at: 5s
                update: {service: netstack, to: netstack-1.3.0}
              - at: 8s
                crash: {service: netstack, instance: old}
              - at: 9s
                rollback: {service: netstack, kind: %s, reason: old instance crashed}
            expect:
              outcome: {netstack: rolled_back}
              final_version: {netstack: 1.2.0}
              rollbacks: 1
            """.formatted(kind, kind, kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"emergency", "full"})
    void shouldRestartTheOldVersionWhenTheOldInstanceCrashedMidUpdate(final String kind) throws IOException
    {
        final Path file = Files.writeString(directory.resolve(kind + ".yaml"), scenario(kind));
        final Path out = directory.resolve(kind);
        final RunCommandTest.Ran ran = RunCommandTest.hic("run", file.toString(), "--quiet", "--out", out.toString());
        assertEquals(0, ran.exitCode(), ran.out() + ran.err());
        final List<String> trace = Files.readAllLines(out.resolve("trace.txt"));

        final String crashed = lines(trace, "run.crash").get(0);
        final String oldSandbox = field(crashed, "sandbox");
        final String oldEndpoint = field(lines(trace, "dispatch.assign").get(0), "from");
        final String begun = lines(trace, "mm.rollback.begin").get(0);
        assertEquals(kind, field(begun, "kind"));
        assertEquals(oldSandbox, field(lines(trace, "mm.rollback.old-dead").get(0), "sandbox"));
        final String restarted = lines(trace, "mm.rollback-point.restarted").get(0);
        assertEquals("1.2.0", field(restarted, "version"));
        assertEquals("restored", field(restarted, "state"), "from the consistency point's state");
        final String end = lines(trace, "mm.update.end").get(0);
        final int abandoned = Integer.parseInt(field(lines(trace, "mm.rollback.abandon").get(0), "connections"));
        assertEquals(CONNECTIONS, abandoned + Integer.parseInt(field(end, "lost")),
            "every connection lost in a move after the crash or abandoned by the rollback: " + end);
        assertTrue(trace.stream().filter(line -> timeOf(line) >= timeOf(crashed)).noneMatch(line
            -> line.contains(" dispatch.assign ") && oldEndpoint.equals(field(line, "to"))
            || line.contains("service.handback")), "nothing handed to the dead instance");
        assertEquals("true", field(lines(trace, "mm.rollback.validated").get(0), "passed"));
    }
}
