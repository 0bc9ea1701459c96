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
 * {@code result.json}; each run twice to the same digest.
 */
class CanaryScenariosTest
{
    @BeforeAll
    static void projectHome()
    {
        RunCommandTest.projectHome();
    }

    @Test
    void shouldRollBackACanaryJudgedFailOnErrorsTheOldInstanceNeverHadWithItsExplanation(@TempDir final Path directory)
        throws IOException
    {
        final List<String> trace = passedTwiceAlike("monitor-canary-fail", directory);

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
        final String result = Files.readString(directory.resolve("1").resolve("result.json"));
        assertTrue(result.contains("\"rule\": \"canary:error_rate:new-nonzero\"")
            && result.contains("\"rule\": \"canary:latency_ms:mann-whitney\""), result);
    }

    @Test
    void shouldApproveTheCanaryStageOfAHealthyBuildJudgedPass(@TempDir final Path directory) throws IOException
    {
        final List<String> trace = passedTwiceAlike("strategy-canary", directory);

        assertTrue(only(trace, " monitor.canary service=netstack canary ").contains(" score=100.000000 verdict=PASS "),
            trace::toString);
        final String decision = only(trace, " monitor.decision ");
        assertTrue(decision.contains(" trigger=CANARY ") && decision.contains(" action=PROMOTE ")
            && decision.contains(" reply=OK "), decision);
        assertEquals(timeOf(decision), timeOf(only(trace, " mm.approved ")), "the Monitor's approval let it go on");
    }

    /** Runs a built-in twice, each passing its expectations with the same digest, and answers the first's trace. */
    private static List<String> passedTwiceAlike(final String name, final Path directory) throws IOException
    {
        final RunCommandTest.Ran first = RunCommandTest.hic("run", name, "--quiet", "--out",
            directory.resolve("1").toString());
        final RunCommandTest.Ran again = RunCommandTest.hic("run", name, "--quiet", "--out",
            directory.resolve("2").toString());
        assertEquals(0, first.exitCode(), () -> name + ":\n" + first.out() + first.err());
        assertEquals(first.digest(), again.digest(), name + " gives the same digest twice");
        return Files.readAllLines(directory.resolve("1").resolve("trace.txt"));
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
