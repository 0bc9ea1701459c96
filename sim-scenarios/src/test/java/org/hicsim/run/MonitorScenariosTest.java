package org.hicsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Monitor's built-in scenarios show beyond their expectations (issue 12, "Built-in scenarios"): when it
 * decided, on what, and what it told the Module Manager, read from each run's trace and {@code result.json}; and
 * that each gives the same digest twice.
 */
class MonitorScenariosTest
{
    private static final List<String> BUILT_INS = List.of("crash-on-start", "monitor-error-rate", "monitor-crash-edge",
        "monitor-no-answer", "monitor-slow-35pct", "monitor-slow-25pct", "monitor-inconclusive", "monitor-quiet-day");

    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        System.setProperty("hicsim.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    /** Runs a built-in, which must pass its expectations, and answers its trace. */
    private List<String> run(final String name, final String out) throws IOException
    {
        final RunCommandTest.Ran ran = RunCommandTest.hic("run", name, "--quiet", "--out",
            directory.resolve(out).toString());
        assertEquals(0, ran.exitCode(), name + ":\n" + ran.out() + ran.err());
        return Files.readAllLines(directory.resolve(out).resolve("trace.txt"));
    }

    static List<String> lines(final List<String> trace, final String kind)
    {
        return trace.stream().filter(line -> line.contains(" " + kind + " ")).toList();
    }

    static long timeOf(final String line)
    {
        return Long.parseLong(line.substring(2, line.indexOf(' ')));
    }

    static String field(final String line, final String name)
    {
        final int start = line.indexOf(" " + name + "=") + name.length() + 2;
        final int end = line.indexOf(' ', start);
        return end < 0 ? line.substring(start) : line.substring(start, end);
    }

    @Test
    void shouldRollBackOnTheErrorRateOnlyOnceTheTenMinuteWindowHoldsNamingRateAndDuration() throws IOException
    {
        final List<String> trace = run("monitor-error-rate", "error-rate");

        final List<String> decisions = lines(trace, "monitor.decision");
        assertEquals(1, decisions.size(), decisions.toString());
        final String decision = decisions.get(0);
        assertEquals("ROLLBACK_FULL", field(decision, "action"));
        final String record = lines(trace, "monitor.explanation").stream()
            .filter(line -> line.contains(" rule=error-rate-over-5pct-10m ")).findFirst().orElseThrow();
        final String window = field(record, "window");
        final long firstSampleNs = Long.parseLong(window.substring(1, window.indexOf(',')));
        assertEquals(firstSampleNs + 10 * Simulation.MINUTES, timeOf(decision),
            "decided at the first instant the window is covered, not before");
        final double rate = Double.parseDouble(field(record, "value"));
        assertTrue(rate > 0.058 && rate < 0.066, "the configured 6.2% over the window: " + rate);
        final long heldSinceNs = Long.parseLong(field(record, "held_since"));
        final long armedNs = timeOf(lines(trace, "mm.instance").get(0)) + 30 * Simulation.SECONDS;
        assertTrue(heldSinceNs > armedNs && heldSinceNs < armedNs + 3 * Simulation.MINUTES,
            "the window's rate rose past 5% once the fault had failed enough requests: " + heldSinceNs);
        final long heldForNs = timeOf(decision) - heldSinceNs;
        assertEquals(7 * Simulation.MINUTES + 15 * Simulation.SECONDS, heldForNs, "above 5% since " + heldSinceNs);
        assertEquals("error-rate-over-5pct-10m:_error_rate_6.3%_for_7_minutes_15_seconds_(value="
            + field(record, "value") + ">0.050000,_window=600s,_n=120)", field(decision, "sent_reason"));
        final String result = Files.readString(directory.resolve("error-rate").resolve("result.json"));
        assertTrue(result.contains("error rate 6.3% for 7 minutes 15 seconds"),
            "the rollback's reason in result.json names the rate and how long it has been above 5%");
        assertTrue(rateBetween(directory.resolve("error-rate").resolve("metrics.csv"), 2 * Simulation.MINUTES,
            3 * Simulation.MINUTES) > 0.05, "the rate was above 5% minutes before the rollback already");
    }

    @Test
    void shouldClassifyACrashInInitAsLevelOneAgreeingWithTheAbortWithinTenSeconds() throws IOException
    {
        final List<String> trace = run("crash-on-start", "crash-on-start");

        final long requestedNs = timeOf(lines(trace, "mm.update.request").get(0));
        final String end = lines(trace, "mm.update.end").get(0);
        assertEquals("aborted", field(end, "outcome"));
        assertTrue(timeOf(end) - requestedNs < 10 * Simulation.SECONDS, "aborted within 10 s: " + end);
        final List<String> decisions = lines(trace, "monitor.decision");
        assertEquals(1, decisions.size(), decisions.toString());
        final String decision = decisions.get(0);
        assertEquals("1", field(decision, "failure_level"));
        assertEquals("startup-crash", field(decision, "reason"));
        assertEquals("none", field(decision, "reply"), "nothing asked: the Module Manager aborted already");
        assertEquals("module-manager-abort", field(decision, "agrees"));
        assertEquals(timeOf(decision) + 10 * Simulation.SECONDS, Long.parseLong(field(decision, "deadline")),
            "level 1's response time");
        final String agreed = lines(trace, "monitor.agreed").get(0);
        assertEquals("aborted", field(agreed, "outcome"));
        assertTrue(timeOf(agreed) <= Long.parseLong(field(decision, "deadline")), agreed);
        assertTrue(lines(trace, "mm.rollback.request").isEmpty() && lines(trace, "mm.rollback").isEmpty(),
            "the old instance untouched: no rollback");
    }

    @Test
    void shouldNotRollBackWhenTheFirstOfThreeCrashesLiesOnTheWindowsExcludedEdge() throws IOException
    {
        final List<String> trace = run("monitor-crash-edge", "edge");

        assertEquals(List.of(59_999_000_000L, 210_000_000_000L, 359_999_000_000L),
            lines(trace, "monitor.crash").stream().map(MonitorScenariosTest::timeOf).toList());
        assertTrue(lines(trace, "monitor.decision").stream().noneMatch(line -> line.contains("ROLLBACK")),
            lines(trace, "monitor.decision").toString());
        assertEquals(3, lines(trace, "monitor.restart").size());
    }

    @Test
    void shouldRollBackByItselfWhenNobodyConfirmsWithinFiveMinutes() throws IOException
    {
        final List<String> trace = run("monitor-no-answer", "confirmation");

        final List<String> decisions = lines(trace, "monitor.decision");
        assertEquals(2, decisions.size(), decisions.toString());
        assertEquals("AWAITING_CONFIRMATION", field(decisions.get(0), "status"));
        assertEquals("none", field(decisions.get(0), "reply"), "nothing asked of the Module Manager while waiting");
        final long askedNs = timeOf(decisions.get(0));
        assertEquals(359_999_000_000L, askedNs);
        assertEquals(askedNs + 5 * Simulation.MINUTES, Long.parseLong(field(decisions.get(0), "deadline")));
        assertEquals("ACT", field(decisions.get(1), "status"));
        assertEquals("confirmation-timeout:crashes-3-in-5m", field(decisions.get(1), "reason"));
        assertEquals(askedNs + 5 * Simulation.MINUTES, Long.parseLong(field(decisions.get(1), "t")),
            "stamped with the deadline");
        final long rollbackNs = lines(trace, "mm.phase").stream().mapToLong(MonitorScenariosTest::timeOf)
            .filter(t -> t > askedNs).min().orElseThrow();
        assertTrue(rollbackNs >= askedNs + 5 * Simulation.MINUTES
            && rollbackNs < askedNs + 5 * Simulation.MINUTES + 5 * Simulation.SECONDS,
            "the rollback starts at the first health check at or after the deadline: " + rollbackNs);
    }

    @Test
    void shouldPauseAnInconclusiveGateAndRollBackAtItsDeadlineWhenNobodyAnswers() throws IOException
    {
        final List<String> trace = run("monitor-inconclusive", "inconclusive");

        final List<String> decisions = lines(trace, "monitor.decision");
        assertEquals(2, decisions.size(), decisions.toString());
        final String pause = decisions.get(0);
        assertEquals("GATE", field(pause, "trigger"));
        assertEquals("PAUSE", field(pause, "action"));
        assertEquals("error-rate-over-5pct-10m:INCONCLUSIVE", field(pause, "reason"));
        final long servingNs = timeOf(lines(trace, "mm.point-of-no-return").get(0));
        final long gateNs = timeOf(pause);
        assertTrue(gateNs >= servingNs + Simulation.MINUTES && gateNs < servingNs + Simulation.MINUTES
            + Simulation.SECONDS, "the gate is judged 1 minute after the new instance takes traffic: " + gateNs);
        final String record = lines(trace, "monitor.explanation").stream()
            .filter(line -> line.contains(" decision=1 ") && line.contains(" rule=error-rate-over-5pct-10m "))
            .findFirst().orElseThrow();
        assertEquals("INCONCLUSIVE", field(record, "verdict"));
        final long deadlineNs = Long.parseLong(field(pause, "deadline"));
        assertEquals(gateNs + 2 * Simulation.MINUTES, deadlineNs, "pause_deadline 2m");
        final String rollback = decisions.get(1);
        assertEquals("ROLLBACK_FULL", field(rollback, "action"));
        assertEquals("pause-deadline-rollback", field(rollback, "reason"));
        assertEquals(deadlineNs, Long.parseLong(field(rollback, "t")), "stamped with the deadline");
        final long rollbackNs = lines(trace, "mm.phase").stream().mapToLong(MonitorScenariosTest::timeOf)
            .filter(t -> t > gateNs).min().orElseThrow();
        assertTrue(rollbackNs >= deadlineNs && rollbackNs < deadlineNs + 5 * Simulation.SECONDS,
            "the rollback starts at the first health check at or after the deadline: " + rollbackNs);
    }

    @Test
    void shouldAlertAndPrepareButNotRollBackWhenLatencyIsUpMoreThanThirtyPercentOverFifteenMinutes()
        throws IOException
    {
        final List<String> trace = run("monitor-slow-35pct", "slow-35");

        assertSlowedDownOnlyAfterTheChecks(trace);
        final String prepared = lines(trace, "monitor.decision").stream()
            .filter(line -> line.contains(" reason=latency-up-30pct-15m ")).findFirst().orElseThrow();
        assertEquals("PREPARE_ROLLBACK", field(prepared, "action"));
        assertEquals("P1", field(prepared, "priority"));
        final String record = lines(trace, "monitor.explanation").stream()
            .filter(line -> line.contains(" rule=latency-up-30pct-15m ") && line.contains(" hit=true "))
            .findFirst().orElseThrow();
        final String window = field(record, "window");
        assertEquals(Long.parseLong(window.substring(1, window.indexOf(','))) + 15 * Simulation.MINUTES,
            timeOf(prepared), "once the 15-minute window holds");
        assertTrue(Double.parseDouble(field(record, "value")) > 0.30, record);
        assertTrue(lines(trace, "monitor.alert").stream().anyMatch(line -> line.contains(" priority=P1 ")
            && line.contains(" key=latency-up-30pct-15m ")), "a P1 alert");
        assertTrue(lines(trace, "monitor.decision").stream().noneMatch(line -> line.contains("action=ROLLBACK")));
    }

    @Test
    void shouldNeitherAlertNorPrepareWhenLatencyIsUpLessThanThirtyPercent() throws IOException
    {
        final List<String> trace = run("monitor-slow-25pct", "slow-25");

        assertSlowedDownOnlyAfterTheChecks(trace);
        assertTrue(lines(trace, "monitor.decision").stream().allMatch(line -> line.contains(" action=LOG ")),
            "level 4's log at most: " + lines(trace, "monitor.decision"));
        assertTrue(lines(trace, "monitor.alert").stream().allMatch(line -> line.contains(" priority=P3 ")));
    }

    @Test
    void shouldCountNoRequestAndNoErrorWhenNoClientSendsAnyThoughTheGatesSentTestPackets() throws IOException
    {
        final List<String> trace = run("monitor-quiet-day", "quiet-day");

        final String consistency = lines(trace, "mm.gate").stream().filter(line -> line.contains(" name=consistency "))
            .findFirst().orElseThrow();
        assertTrue(Long.parseLong(field(consistency, "requests")) > 0, "the gates sent test packets: " + consistency);
        final JsonNode update = new ObjectMapper().readTree(directory.resolve("quiet-day").resolve("result.json")
            .toFile()).path("updates").get(0);
        assertEquals(0, update.path("requests").asLong(-1), update.toString());
        assertEquals(0.0, update.path("error_rate").asDouble(-1), update.toString());
        assertEquals(0, update.path("latency_ns").path("during").path("p50").asLong(-1), update.toString());
        assertTrue(lines(trace, "monitor.decision").stream().noneMatch(line -> line.contains(" action=ROLLBACK")));
    }

    /** The new instance's fault is armed 30 s after its start, after the update's point of no return. */
    private static void assertSlowedDownOnlyAfterTheChecks(final List<String> trace)
    {
        final String loaded = lines(trace, "service.config").stream()
            .filter(line -> line.contains("fault.after_ns=30000000000")).findFirst().orElseThrow();
        final long switchedNs = timeOf(lines(trace, "mm.point-of-no-return").get(0));
        assertTrue(switchedNs < timeOf(loaded) + 30 * Simulation.SECONDS, "gates passed before the fault: "
            + switchedNs);
    }

    @Test
    void shouldGiveTheSameDigestTwice()
    {
        for (final String name : BUILT_INS)
        {
            final String first = RunCommandTest.hic("run", name, "--quiet", "--out",
                directory.resolve(name + "-1").toString()).digest();
            final String again = RunCommandTest.hic("run", name, "--quiet", "--out",
                directory.resolve(name + "-2").toString()).digest();

            assertEquals(first, again, name);
        }
    }

    /** The new netstack instance's errors over its requests between two sample instants of metrics.csv. */
    private static double rateBetween(final Path metrics, final long fromNs, final long toNs) throws IOException
    {
        long requests = 0;
        long errors = 0;
        for (final String row : Files.readAllLines(metrics))
        {
            final String[] cells = row.split(",");
            if (cells.length == 7 && cells[1].startsWith("netstack-1.3.0") && !cells[0].equals("time_ns"))
            {
                final long t = Long.parseLong(cells[0]);
                final long sign = t == fromNs ? -1 : t == toNs ? 1 : 0;
                requests += cells[5].equals("requests") ? sign * Long.parseLong(cells[6]) : 0;
                errors += cells[5].equals("errors") ? sign * Long.parseLong(cells[6]) : 0;
            }
        }
        assertTrue(requests > 0, "samples at " + fromNs + " and " + toNs);
        return (double)errors / requests;
    }
}
