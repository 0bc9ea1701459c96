package org.hicsim.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.mm.UpdateReport;
import org.hicsim.report.RunProgress;
import org.hicsim.run.RunOutcome;
import org.hicsim.run.ScenarioRunner;
import org.hicsim.scenario.Scenario;
import org.hicsim.scenario.ScenarioParser;
import org.hicsim.services.netstack.MemoryMap;
import org.hicsim.services.netstack.MemoryMapDescriptor;

/**
 * Issue 10's benchmark of full updates: netstack 1.2.0 to 1.3.0 with N connections open, from a new kernel to the
 * update's end, in one process. It runs as a scenario run does (the catalogue's signed bundles, the Module
 * Manager, the clients opening the connections), netstack installed with the capacity for N and the memory that
 * takes, and prints the update's virtual phase times, its outcome and the wall time since the JVM started. A
 * whole update, not a loop: time it as a whole process ({@code /usr/bin/time -v}); docs/performance.md has the
 * figures.
 * <pre>
 * java -Xmx2g --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
 *     -cp bench/target/benchmarks.jar org.hicsim.bench.FullUpdateBenchmark 1000000
 * </pre>
 */
public final class FullUpdateBenchmark
{
    /** Each connection's buffers: one page, the least netstack's memory map takes. */
    static final int BUFFER_BYTES = MemoryMapDescriptor.PAGE_SIZE;
    private static final long SEED = 10;
    /**
     * How many connections the clients open a second at most: netstack 1.2.0 under its 20% CPU quota keeps up with
     * about this many; faster, its queue overflows, refused opens are tried again and, at 1,000,000 connections,
     * more than half were still opening when the update took its snapshot.
     */
    private static final int OPENS_PER_SECOND = 10_000;
    private static final long OPEN_OVER_MIN_NS = 10 * Simulation.SECONDS;
    /** From the last open to the update. */
    private static final long SETTLE_NS = 10 * Simulation.SECONDS;
    private static final long DURATION_NS = 10 * Simulation.MINUTES;

    private FullUpdateBenchmark()
    {
    }

    public static void main(final String[] args)
    {
        final int connections = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        final Path catalogue = Path.of(args.length > 1 ? args[1] : "services/target/bundles");
        final String yaml = yaml(connections);
        System.out.print(yaml);
        final Scenario scenario = ScenarioParser.parse("full-update-" + connections + ".yaml",
            yaml.getBytes(StandardCharsets.UTF_8), null);
        final RunOutcome outcome = new ScenarioRunner(catalogue).run(scenario, SEED, TraceSink.NONE,
            RunProgress.NONE);
        final UpdateReport update = outcome.updates().get(outcome.updates().size() - 1);
        System.out.printf(Locale.ROOT, "connections=%d %s%n", connections, update);
        for (final UpdateReport.PhaseSpan phase : update.phases())
        {
            System.out.printf(Locale.ROOT, "  phase %-14s %12.3f s virtual%n", phase.name(),
                (phase.endNs() - phase.startNs()) / (double)Simulation.SECONDS);
        }
        System.out.printf(Locale.ROOT, "virtual update %.3f s; wall %d ms since the JVM started; trace %s%n",
            (update.endNs() - update.startNs()) / (double)Simulation.SECONDS, JvmUptime.millis(),
            outcome.traceSha256());
    }

    /**
     * netstack's stack with room for {@code connections} and half as many more (a netstack without a free slot is
     * unhealthy, and degraded above four in five taken), that many medium connections, and the update: the
     * scenario's YAML.
     */
    static String yaml(final int connections)
    {
        final int capacity = capacity(connections);
        final long openOverNs = Math.max(OPEN_OVER_MIN_NS, (long)connections * Simulation.SECONDS / OPENS_PER_SECOND);
        final long netstackBytes = pages(MemoryMap.of(Configuration.builder(0)
            .put(MemoryMap.CONNECTIONS_KEY, Integer.toString(capacity))
            .put(MemoryMap.BUFFER_BYTES_KEY, Integer.toString(BUFFER_BYTES)).build()).requiredLength());
        // Two instances at once, and the update's headroom check asks for twice one.
        final long kernelBytes = pages(4 * netstackBytes + (256L << 20));
        return String.join("\n",
            "format_version: 1",
            "name: full-update-" + connections,
            "duration: " + DURATION_NS / Simulation.SECONDS + "s",
            "kernel: {memory: " + (kernelBytes >> 10) + "KiB}",
            "install:",
            "  - eth_driver-1.2.0",
            "  - ipc_lib-2.0.0",
            "  - {bundle: netstack-1.2.0, config: {connections: " + capacity + ", buffer_bytes: " + BUFFER_BYTES
                + "}, memory: " + (netstackBytes >> 10) + "KiB}",
            "workload:",
            "  connections: {medium: " + connections + "}",
            "  open_over: " + openOverNs / Simulation.SECONDS + "s",
            "policy: {stability_period: 1m, migrations_per_second_max: 1000000, batch_size: 10000}",
            "steps:",
            "  - at: " + (openOverNs + SETTLE_NS) / Simulation.SECONDS + "s",
            "    update: {service: netstack, to: netstack-1.3.0}",
            "");
    }

    static int capacity(final int connections)
    {
        return connections + connections / 2 + 64;
    }

    private static long pages(final long bytes)
    {
        final long page = MemoryMapDescriptor.PAGE_SIZE;
        return (bytes + page - 1) / page * page;
    }
}
