package org.hicsim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hicsim.host.ProbeDigests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every built-in run gives the same trace digest in a JVM with other flags: the interpreter only, another
 * collector, another thread stack size, another heap size. Two forked JVMs, since each start costs a second:
 * one with {@code -XX:+UseParallelGC -Xmx256m -Xss2m} runs everything this JVM runs (G1, 1 GiB, the default
 * stack), one with {@code -Xint -Xss512k -Xmx384m} the small runs (the demo and the issue's four probes), as the
 * interpreter is slow.
 */
class ForkedJvmDeterminismTest
{
    private static final Path CATALOGUE = Path.of("..", "services", "target", "bundles");
    private static final long FORK_TIMEOUT_SECONDS = 300;

    @TempDir
    static Path probes;
    private static List<String> everything;

    @BeforeAll
    static void writeProbeBundlesAndRunEverythingHere()
    {
        ProbeDigests.writeBundles(probes, BuiltInRunDigests.probeList(true));
        everything = BuiltInRunDigests.digests(probes, CATALOGUE, true);
    }

    @Test
    void shouldGiveTheSameDigestsWithAnotherCollectorHeapAndStack() throws Exception
    {
        assertTrue(everything.size() > ProbeDigests.ISSUE_PROBES.size() + 10, everything::toString);
        assertEquals(everything, fork("all", CATALOGUE.toString(), "-XX:+UseParallelGC", "-Xmx256m", "-Xss2m"));
    }

    @Test
    void shouldGiveTheSameDigestsInTheInterpreterWithASmallStack() throws Exception
    {
        final List<String> here = BuiltInRunDigests.digests(probes, null, false);

        assertEquals(here, fork("issue", "-", "-Xint", "-Xss512k", "-Xmx384m"));
    }

    @Test
    void shouldEndEveryProbeButTheHasherDeadAndTheEchoServing()
    {
        for (final String line : everything)
        {
            if (line.contains(" served="))
            {
                assertTrue(line.contains("echoServes=true"), line);
                assertEquals(line.startsWith("HashesPlainObjects"), line.contains("alive=true"), line);
            }
        }
    }

    private static List<String> fork(final String probeSet, final String catalogue, final String... flags)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(flags));
        command.addAll(List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), BuiltInRunDigests.class.getName(), probes.toString(),
            catalogue, probeSet));
        final Path output = Files.createTempFile(probes, "fork", ".out");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        assertTrue(process.waitFor(FORK_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the forked JVM did not end");
        final List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> String.join("\n", lines));
        return lines;
    }
}
