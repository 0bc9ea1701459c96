package org.hicsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hicsim.run.MonitorScenariosTest.field;
import static org.hicsim.run.MonitorScenariosTest.lines;
import static org.hicsim.run.MonitorScenariosTest.timeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in {@code monitor-memory-leak} (table 4.2's row 6) beyond its expectations: the Monitor alerts on the
 * rate at which the memory Core-0 counts in use grows, measured over the covered hour, once, at P2, and asks the
 * Module Manager for nothing; and the run gives the same digest twice.
 */
class MonitorMemoryLeakScenarioTest
{
    private static final String SCENARIO = "monitor-memory-leak";
    private static final String RULE = "leak-over-100MiB-per-hour";
    /** The scenario's leak: 2 requests a second, 20 KiB each, from 2 minutes after the new instance's start. */
    private static final double LEAK_BYTES_PER_HOUR = 2 * 20480.0 * 3600;
    private static final long FAULT_AFTER_NS = 2 * Simulation.MINUTES;

    @TempDir
    Path directory;

    /** The built-ins are found under the project's home, as for the other Monitor built-ins. */
    @BeforeAll
    static void projectHome()
    {
        MonitorScenariosTest.projectHome();
    }

    @Test
    void shouldAlertOnTheRateOfTheMemoryCore0CountsOverTheCoveredHourAndRollNothingBack() throws IOException
    {
        final RunCommandTest.Ran ran = RunCommandTest.hic("run", SCENARIO, "--quiet", "--out", directory.toString());
        assertEquals(0, ran.exitCode(), ran.out() + ran.err());
        final List<String> trace = Files.readAllLines(directory.resolve("trace.txt"));

        final List<String> alerts = lines(trace, "monitor.decision").stream()
            .filter(line -> line.contains(" reason=" + RULE + " ")).toList();
        assertEquals(1, alerts.size(), "raised once: " + alerts);
        final String alert = alerts.get(0);
        assertEquals("ALERT", field(alert, "action"));
        assertEquals("P2", field(alert, "priority"));
        assertEquals("none", field(alert, "reply"), "nothing asked of the Module Manager");
        assertTrue(lines(trace, "monitor.decision").stream().noneMatch(line -> line.contains(" action=ROLLBACK")));
        assertTrue(lines(trace, "monitor.alert").stream().anyMatch(line -> line.contains(" priority=P2 ")
            && line.contains(" key=" + RULE + " ")), "a P2 alert");

        final String record = lines(trace, "monitor.explanation").stream()
            .filter(line -> line.contains(" rule=" + RULE + " ") && line.contains(" hit=true ")).findFirst()
            .orElseThrow();
        final double rate = Double.parseDouble(field(record, "value"));
        assertTrue(rate > 0.9 * LEAK_BYTES_PER_HOUR && rate < 1.05 * LEAK_BYTES_PER_HOUR,
            "the leak's rate, from the frames Core-0 saw written: " + rate);
        assertEquals("104857600.000000", field(record, "threshold"));
        final String window = field(record, "window");
        final long leftEdgeNs = Long.parseLong(window.substring(1, window.indexOf(',')));
        final long rightEdgeNs = Long.parseLong(window.substring(window.indexOf(',') + 1, window.length() - 1));
        assertEquals(Simulation.HOURS, rightEdgeNs - leftEdgeNs, "over an hour");
        assertEquals(timeOf(alert), rightEdgeNs, "decided at the first instant the hour is covered");
        final long leakBeganNs = timeOf(lines(trace, "service.config").stream()
            .filter(line -> line.contains("fault.after_ns=" + FAULT_AFTER_NS)).findFirst().orElseThrow())
            + FAULT_AFTER_NS;
        assertTrue(leftEdgeNs < leakBeganNs && leakBeganNs < rightEdgeNs, "the window holds the leak's start");
    }

    @Test
    void shouldShowTheNewInstancesMemoryInUseGrowAfterTheLeakStartsWhileItsMemoryGivenStaysFlat() throws IOException
    {
        final RunCommandTest.Ran ran = RunCommandTest.hic("run", SCENARIO, "--quiet", "--out", directory.toString());
        assertEquals(0, ran.exitCode(), ran.out() + ran.err());
        final List<String> trace = Files.readAllLines(directory.resolve("trace.txt"));
        final long leakBeganNs = timeOf(lines(trace, "service.config").stream()
            .filter(line -> line.contains("fault.after_ns=" + FAULT_AFTER_NS)).findFirst().orElseThrow())
            + FAULT_AFTER_NS;
        final List<String[]> rows = Files.readAllLines(directory.resolve("metrics.csv")).stream()
            .map(row -> row.split(",")).filter(field -> field[2].equals("netstack") && field[3].equals("1.3.0"))
            .toList();
        final List<long[]> inUse = values(rows, "memory_in_use_bytes");
        final List<long[]> given = values(rows, "memory_bytes");

        assertEquals(1, given.stream().mapToLong(sample -> sample[1]).distinct().count(), "memory given is flat");
        final long atStart = inUse.get(0)[1];
        assertTrue(inUse.stream().filter(sample -> sample[0] <= leakBeganNs).allMatch(sample -> sample[1] == atStart),
            "memory in use is flat before the leak: " + atStart);
        final long[] last = inUse.get(inUse.size() - 1);
        final double leakedBytes = LEAK_BYTES_PER_HOUR * (last[0] - leakBeganNs) / Simulation.HOURS;
        assertTrue(last[1] - atStart > 0.9 * leakedBytes,
            "memory in use grew by the leak: " + (last[1] - atStart) + " of " + leakedBytes);
        for (int i = 1; i < inUse.size(); i++)
        {
            assertTrue(inUse.get(i)[1] >= inUse.get(i - 1)[1], "never falls: at " + inUse.get(i)[0]);
        }
    }

    /** The (time, value) pairs of one metric among metrics.csv's rows. */
    private static List<long[]> values(final List<String[]> rows, final String metric)
    {
        final List<long[]> values = rows.stream().filter(field -> field[5].equals(metric))
            .map(field -> new long[] {Long.parseLong(field[0]), Long.parseLong(field[6])}).toList();
        assertTrue(values.size() > 100, metric + ": only " + values.size() + " samples");
        return values;
    }

    @Test
    void shouldGiveTheSameDigestTwice()
    {
        final String first = RunCommandTest.hic("run", SCENARIO, "--quiet", "--out",
            directory.resolve("1").toString()).digest();
        final String again = RunCommandTest.hic("run", SCENARIO, "--quiet", "--out",
            directory.resolve("2").toString()).digest();

        assertEquals(first, again);
    }
}
