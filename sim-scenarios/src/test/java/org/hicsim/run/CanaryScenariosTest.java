package org.hicsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Replay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Monitor's canary analysis in the built-ins that run it (issue 12, "canary judged FAIL with its explanation"):
 * what it judged, when, what it asked of the Module Manager and what the records say, read from the trace and
 * {@code result.json}; and that each gives the same digest twice.
 */
class CanaryScenariosTest
{
    private static final List<String> CANARIES = List.of("monitor-canary-fail", "strategy-canary");

    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        System.setProperty("hicsim.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    @Test
    void shouldRollBackACanaryJudgedFailOnErrorsTheOldInstanceNeverHadWithItsExplanation() throws IOException
    {
        final List<String> trace = passedTrace("monitor-canary-fail");

        final String verdict = only(trace, " monitor.canary service=netstack canary ");
        assertTrue(verdict.contains(" score=50.000000 verdict=FAIL "), verdict);
        assertTrue(only(trace, " canary-metric name=error_rate ").contains(" class=NEW_NONZERO "), trace::toString);
        final String decision = only(trace, " monitor.decision ");
        assertTrue(decision.contains(" trigger=CANARY ") && decision.contains(" action=ROLLBACK_FULL ")
            && decision.contains(" reason=canary-fail "), decision);
        final long analysedNs = timeOf(decision) - timeOf(only(trace, " monitor.canary.start "));
        assertTrue(analysedNs >= 30 * Simulation.SECONDS && analysedNs < 31 * Simulation.SECONDS,
            "judged at the first read once the 30 s interval ended: " + analysedNs);
        assertEquals(timeOf(decision), timeOf(only(trace, " mm.rollback ")), "the Module Manager took it at once");
        final List<String> records = trace.stream().filter(line -> line.contains(" monitor.explanation "))
            .map(line -> line.substring(line.indexOf("explain "))).toList();
        assertEquals(Action.ROLLBACK_FULL, Replay.decide(records, true), "the records give the decision back");
        final String result = Files.readString(directory.resolve("monitor-canary-fail").resolve("result.json"));
        assertTrue(result.contains("\"rule\": \"canary:error_rate:new-nonzero\"")
            && result.contains("\"rule\": \"canary:latency_ms:mann-whitney\""), result);
    }

    @Test
    void shouldApproveTheCanaryStageOfAHealthyBuildJudgedPass() throws IOException
    {
        final List<String> trace = passedTrace("strategy-canary");

        assertTrue(only(trace, " monitor.canary service=netstack canary ").contains(" score=100.000000 verdict=PASS "),
            trace::toString);
        final String decision = only(trace, " monitor.decision ");
        assertTrue(decision.contains(" trigger=CANARY ") && decision.contains(" action=PROMOTE ")
            && decision.contains(" reply=OK "), decision);
        assertEquals(timeOf(decision), timeOf(only(trace, " mm.approved ")), "the Monitor's approval let it go on");
    }

    @Test
    void shouldGiveTheSameDigestTwice()
    {
        for (final String name : CANARIES)
        {
            final String first = RunCommandTest.hic("run", name, "--quiet", "--out",
                directory.resolve(name + "-1").toString()).digest();
            final String again = RunCommandTest.hic("run", name, "--quiet", "--out",
                directory.resolve(name + "-2").toString()).digest();

            assertEquals(first, again, name);
        }
    }

    private List<String> passedTrace(final String name) throws IOException
    {
        final Path out = directory.resolve(name);
        final RunCommandTest.Ran ran = RunCommandTest.hic("run", name, "--quiet", "--out", out.toString());
        assertEquals(0, ran.exitCode(), () -> name + ":\n" + ran.out() + ran.err());
        return Files.readAllLines(out.resolve("trace.txt"));
    }

    private static String only(final List<String> trace, final String part)
    {
        final List<String> found = trace.stream().filter(line -> line.contains(part)).toList();
        assertEquals(1, found.size(), () -> part + ": " + found);
        return found.get(0);
    }

    private static long timeOf(final String line)
    {
        return Long.parseLong(line.substring(2, line.indexOf(' ')));
    }
}
