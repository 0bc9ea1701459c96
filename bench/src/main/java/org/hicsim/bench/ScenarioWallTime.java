package org.hicsim.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hicsim.cli.Hic;

/**
 * The wall time of a whole scenario run after the JVM has started: {@code hic run NAME --quiet} through the command
 * line a user runs (parse, boot, bundle verification, the simulation, every output file), timed from this
 * {@code main}'s entry. Issue 11's target is about this figure for the standard scenario, one run in a fresh JVM,
 * so the JIT's warm-up is part of it; later runs in the same JVM show what the run costs once compiled.
 * <p>
 * {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Dhicsim.home=. -cp bench/target/benchmarks.jar
 * org.hicsim.bench.ScenarioWallTime [NAME [RUNS]]} (default {@code netstack-rolling-update}, 1 run), from the
 * project's root after {@code mvn package} (the catalogue's bundles are under {@code services/target/bundles}).
 * Prints each run's wall milliseconds, the CPU time of the thread that ran it (the JIT's and the collector's
 * threads are not in it; on a machine shared with other work it moves far less than the wall time), its exit code
 * and trace digest, then the time from the JVM's start to {@code main}, which the process's whole wall time adds.
 */
public final class ScenarioWallTime
{
    private static final String DEFAULT_SCENARIO = "netstack-rolling-update";
    private static final String DIGEST_PREFIX = "trace sha256: ";

    private ScenarioWallTime()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final long enteredNs = System.nanoTime();
        final String scenario = args.length > 0 ? args[0] : DEFAULT_SCENARIO;
        final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        final Path out = Files.createTempDirectory("scenario-wall-time");
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= runs; run++)
        {
            final StringWriter printed = new StringWriter();
            final long startNs = System.nanoTime();
            final long startCpuNs = threads.getCurrentThreadCpuTime();
            final int exitCode = Hic.newCommandLine().setOut(new PrintWriter(printed))
                .execute("run", scenario, "--quiet", "--out", out.toString());
            final long endNs = System.nanoTime();
            final long cpuNs = threads.getCurrentThreadCpuTime() - startCpuNs;
            System.out.printf("run %d: %d ms (from main's entry: %d ms; this thread's CPU: %d ms), exit %d, %s%n",
                run, (endNs - startNs) / 1_000_000, (endNs - enteredNs) / 1_000_000, cpuNs / 1_000_000, exitCode,
                digestLine(printed));
        }
        final long mainMs = (System.nanoTime() - enteredNs) / 1_000_000;
        System.out.printf("JVM start to main: %d ms%n", ManagementFactory.getRuntimeMXBean().getUptime() - mainMs);
    }

    private static String digestLine(final StringWriter printed)
    {
        final String text = printed.toString();
        final int at = text.lastIndexOf(DIGEST_PREFIX);
        return at < 0 ? "no digest printed" : text.substring(at).trim();
    }
}
