package org.hicsim.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.hicsim.mm.InstallException;
import org.hicsim.report.ReplayCommand;
import org.hicsim.report.RunOutputs;
import org.hicsim.report.RunProgress;
import org.hicsim.report.RunRecord;
import org.hicsim.report.SummaryPrinter;
import org.hicsim.report.TraceFile;
import org.hicsim.run.RunOutcome;
import org.hicsim.run.ScenarioRunner;
import org.hicsim.run.VerificationWarmUp;
import org.hicsim.scenario.Scenario;
import org.hicsim.scenario.ScenarioFormatException;
import org.hicsim.scenario.ScenarioLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic run FILE|NAME [--seed N] [--out DIR] [--quiet] [--json]}: runs a scenario in virtual time, writes
 * its outputs ({@code result.json}, {@code trace.txt}, {@code metrics.csv}, {@code trace.json},
 * {@code report.html}) and prints its summary, the trace's digest last.
 */
@Command(
    name = RunCommand.NAME,
    mixinStandardHelpOptions = true,
    description = {
        "Run a scenario file, or a built-in scenario by name (hic scenarios lists them), in virtual time.",
        "Writes result.json, trace.txt, metrics.csv, trace.json (Perfetto) and report.html to the output",
        "directory, and prints a summary whose last line is the trace's SHA-256." },
    footer = { "", "Exit codes: 0 every expectation holds, 1 one does not (it is named, with the command that",
        "replays the run), 2 a bad scenario file or option or an --out directory that cannot be written,",
        "3 internal error." })
final class RunCommand implements Callable<Integer>
{
    static final String NAME = "run";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE|NAME", description = "A scenario file, or a built-in scenario's name.")
    String scenarioArgument;

    /** The run's seed, as a scenario's {@code seed}: 0 to 2^63-1; null for the scenario's own. */
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the outputs go (default: runs/NAME-SEED).")
    Path out;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    @Option(names = "--json", description = "Print result.json instead of the summary.")
    boolean json;

    @Option(names = "--seed", paramLabel = "N", description = "The run's seed (default: the scenario's own).")
    void seed(final long value)
    {
        if (value < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seed: " + value + " is out of range (0 to "
                + Long.MAX_VALUE + ")");
        }
        seed = value;
    }

    @Override
    public Integer call() throws IOException
    {
        final Scenario scenario;
        try
        {
            scenario = ScenarioLibrary.load(scenarioArgument, builtCatalogue());
        }
        catch (final ScenarioFormatException ex)
        {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + ex.getMessage());
            return ExitCodes.USAGE;
        }
        final Path catalogue = catalogue();
        if (!Files.isDirectory(catalogue))
        {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + catalogue
                + ": no catalogue (the build writes it: mvn package)");
            return ExitCodes.USAGE;
        }
        final long runSeed = seed != null ? seed : scenario.seed();
        final Path directory = out != null ? out : RunOutputs.defaultDirectory(Path.of(""), scenario.name(), runSeed);
        final TraceFile trace;
        try
        {
            trace = RunOutputs.openTrace(directory);
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": --out " + directory
                + ": cannot write the run's outputs there: " + reason(ex));
            return ExitCodes.USAGE;
        }
        final RunProgress progress = RunProgress.create(quiet, RunProgress.isTerminal(), scenario.name(),
            spec.commandLine().getErr());
        final RunOutcome outcome;
        try (trace)
        {
            outcome = new ScenarioRunner(catalogue).run(scenario, runSeed, trace, progress);
        }
        catch (final ScenarioFormatException ex)
        {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + ex.getMessage());
            return ExitCodes.USAGE;
        }
        catch (final InstallException refused)
        {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + scenario.source() + ": cannot install "
                + refused.getMessage());
            return ExitCodes.REFUSED;
        }
        final RunRecord record = outcome.record();
        final String replay = ReplayCommand.of(scenarioArgument, runSeed);
        RunOutputs.write(directory, record, outcome.series(), outcome.flows(), replay);
        if (json)
        {
            spec.commandLine().getOut().print(Files.readString(directory.resolve(RunOutputs.RESULT_JSON)));
        }
        else
        {
            SummaryPrinter.print(record, replay, spec.commandLine().getOut());
        }
        spec.commandLine().getOut().flush();
        return record.passed() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    /** Why a directory could not be made or written, in words rather than an exception's class. */
    private static String reason(final IOException ex)
    {
        if (ex instanceof FileAlreadyExistsException)
        {
            return "a file of that name is in the way";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied (" + ex.getMessage() + ")";
        }
        if (ex instanceof NoSuchFileException)
        {
            return "no such directory, and it cannot be made (" + ex.getMessage() + ")";
        }
        return ex.getMessage();
    }

    /**
     * Starts verifying a catalogue bundle aside ({@link VerificationWarmUp}) before the command line is even
     * parsed, so that the run finds Bouncy Castle's start-up costs paid when it boots.
     */
    static void warmUp()
    {
        VerificationWarmUp.start(catalogue());
    }

    /** The service catalogue the build wrote, or null when there is none (stems are then not looked up). */
    static Path builtCatalogue()
    {
        final Path catalogue = catalogue();
        return Files.isDirectory(catalogue) ? catalogue : null;
    }

    /** The service catalogue the build wrote under the project root. */
    private static Path catalogue()
    {
        return Path.of(System.getProperty(ServicesCommand.HOME_PROPERTY, "")).resolve(ServicesCommand.DEFAULT_DIRECTORY);
    }
}
