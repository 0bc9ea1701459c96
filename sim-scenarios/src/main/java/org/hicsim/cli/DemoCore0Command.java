package org.hicsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.hicsim.core0.sim.TraceSink;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.report.TraceFile;
import org.hicsim.scenarios.demo.Core0Demo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hic demo core0}: the narrated Core-0 run; its last line is the trace digest.
 */
@Command(
    name = "core0",
    mixinStandardHelpOptions = true,
    description = {
        "A narrated Core-0 run: sandboxes, capabilities (derive, transfer, revoke), IPC, a page fault that kills",
        "one sandbox while the others go on, an atomic endpoint switch, and the audit chain verified.",
        "The last line is the SHA-256 of the run's trace: the same seed always gives the same digest." })
final class DemoCore0Command implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--trace", paramLabel = "FILE", description = "Also write the trace, one line per state change.")
    Path traceFile;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (traceFile == null)
        {
            new Core0Demo(seed, TraceSink.NONE, out).run();
            return ExitCodes.OK;
        }
        try (TraceFile trace = openTrace())
        {
            new Core0Demo(seed, trace, out).run();
        }
        return ExitCodes.OK;
    }

    /** Opened before the demo runs, so that a path that cannot be written is a usage error in one line. */
    private TraceFile openTrace()
    {
        try
        {
            return TraceFile.open(traceFile);
        }
        catch (final IOException ex)
        {
            throw HicmodFiles.cannotWrite(traceFile, ex);
        }
    }
}
