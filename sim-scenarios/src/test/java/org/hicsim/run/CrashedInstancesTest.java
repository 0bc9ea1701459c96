package org.hicsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the runner does with a crashed instance (docs/scenario-format.md, "Crashed instances"): restarted 1 s later
 * only when the policy in force says {@code restart_on_crash}, empty, its connections lost; and the new built-in
 * scenarios give the same digest twice.
 */
class CrashedInstancesTest
{
    private static final String COUNTER_CRASH = String.join("\n",
        "format_version: 1",
        "name: counter-crash",
        "seed: 3",
        "duration: 30s",
        "install: [counter-1.0.0]",
        "workload: {requests_per_second: 20}",
        "POLICY",
        "steps:",
        "  - at: 10s",
        "    crash: counter",
        "expect:",
        "  EXPECT",
        "");

    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        System.setProperty("hicsim.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    private List<String> run(final String name, final String policy, final String expect) throws IOException
    {
        final Path file = Files.writeString(directory.resolve(name + ".yaml"),
            COUNTER_CRASH.replace("POLICY", policy).replace("EXPECT", expect));
        final Path out = directory.resolve(name);

        final RunCommandTest.Ran ran = RunCommandTest.hic("run", file.toString(), "--quiet", "--out", out.toString());

        assertEquals(0, ran.exitCode(), ran.out() + ran.err());
        return Files.readAllLines(out.resolve("trace.txt"));
    }

    @Test
    void shouldRestartACrashedInstanceOneSecondLaterEmptyWhenThePolicySaysSo() throws IOException
    {
        final List<String> trace = run("restarted", "policy: {restart_on_crash: true}",
            "{sandboxes_created: 1, max_error_rate: 10%}");

        assertTrue(trace.stream().anyMatch(line -> line.startsWith("t=11000000000 mm.restart service=counter")),
            "restarted at 11s");
    }

    @Test
    void shouldLoseTheConnectionsOfACrashedInstance() throws IOException
    {
        final Path file = Files.writeString(directory.resolve("netstack.yaml"), String.join("\n",
            "format_version: 1",
            "name: netstack-crash",
            "duration: 20s",
            "install: [eth_driver-1.2.0, ipc_lib-2.0.0, netstack-1.2.0]",
            "workload: {connections: {medium: 30}, requests_per_second: 50}",
            "steps:",
            "  - {at: 10s, crash: netstack}",
            "expect: {lost_connections: 0}",
            ""));

        final RunCommandTest.Ran ran = RunCommandTest.hic("run", file.toString(), "--quiet", "--out",
            directory.resolve("netstack").toString());

        assertEquals(1, ran.exitCode(), ran.out());
        assertTrue(ran.out().lines().anyMatch(line -> line.contains("lost_connections") && line.contains("actual 30")),
            ran.out());
    }

    @Test
    void shouldLoseTheCountsOfACrashedInstanceItRestarts() throws IOException
    {
        final Path file = Files.writeString(directory.resolve("counted.yaml"), COUNTER_CRASH
            .replace("POLICY", "policy: {restart_on_crash: true}").replace("EXPECT", "{lost_writes: 0}"));

        final RunCommandTest.Ran ran = RunCommandTest.hic("run", file.toString(), "--quiet", "--out",
            directory.resolve("counted").toString());

        assertEquals(1, ran.exitCode(), "a restart does not bring the counts back:\n" + ran.out());
        assertTrue(ran.out().contains("lost_writes"), ran.out());
    }

    @Test
    void shouldNotRestartWithoutThePolicy() throws IOException
    {
        final List<String> trace = run("not-restarted", "policy: {restart_on_crash: false}",
            "{sandboxes_created: 0, final_version: {counter: 1.0.0}}");

        assertTrue(trace.stream().noneMatch(line -> line.contains("mm.restart")));
    }

    @Test
    void shouldNotRestartAfterTheMostAttempts() throws IOException
    {
        final Path file = Files.writeString(directory.resolve("often.yaml"), String.join("\n",
            "format_version: 1",
            "name: often",
            "duration: 30s",
            "install: [counter-1.0.0]",
            "policy: {restart_on_crash: true}",
            "steps:",
            "  - {at: 2s, crash: counter}",
            "  - {at: 5s, crash: counter}",
            "  - {at: 8s, crash: counter}",
            "  - {at: 11s, crash: counter}",
            "expect: {sandboxes_created: 3}",
            ""));

        final RunCommandTest.Ran ran = RunCommandTest.hic("run", file.toString(), "--quiet", "--out",
            directory.resolve("often").toString());

        assertEquals(0, ran.exitCode(), ran.out());
    }

    @Test
    void shouldGiveTheSameDigestTwiceForTheNewBuiltIns()
    {
        for (final String name : List.of("tampered-bundle", "quiescence-timeout", "counter-live-update",
            "restart-on-crash"))
        {
            final RunCommandTest.Ran first = RunCommandTest.hic("run", name, "--quiet", "--out",
                directory.resolve(name + "-1").toString());
            final RunCommandTest.Ran again = RunCommandTest.hic("run", name, "--quiet", "--out",
                directory.resolve(name + "-2").toString());

            assertEquals(0, first.exitCode(), name + ":\n" + first.out());
            assertEquals(first.digest(), again.digest(), name);
        }
    }
}
