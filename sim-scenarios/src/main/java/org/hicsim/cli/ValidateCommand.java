package org.hicsim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.hicsim.scenario.Scenario;
import org.hicsim.scenario.ScenarioFormatException;
import org.hicsim.scenario.ScenarioLibrary;
import org.hicsim.scenario.ScenarioWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic validate [--canonical] FILE|NAME...}: checks scenario files against the format without running them,
 * each to its first fault, reported as {@code file:line:column: key: reason}; {@code --canonical} prints each valid
 * one as it was read ({@link ScenarioWriter}).
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Check scenario files, or built-in scenarios by name, without running them.",
        "The format is docs/scenario-format.md; each fault is reported as file:line:column: key: reason." },
    footer = { "", "Exit codes: 0 every file is valid, 2 one is not." })
final class ValidateCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|NAME", description = "A scenario file, or a built-in's name.")
    List<String> scenarios;

    @Option(names = "--canonical", description = {"Print each valid scenario as it was read: every key, the defaults",
        "written out, each value in one form."})
    boolean canonical;

    @Override
    public Integer call()
    {
        int exitCode = ExitCodes.OK;
        final Path catalogue = RunCommand.builtCatalogue();
        for (final String fileOrName : scenarios)
        {
            try
            {
                final Scenario scenario = ScenarioLibrary.load(fileOrName, catalogue);
                final String valid = scenario.source() + ": valid: " + scenario.name() + " ("
                    + count(scenario.steps().size(), "step") + ", " + count(scenario.expectations().size(),
                    "expectation") + ")";
                spec.commandLine().getOut().print(canonical ? "# " + valid + "\n" + ScenarioWriter.write(scenario)
                    : valid + "\n");
                spec.commandLine().getOut().flush();
            }
            catch (final ScenarioFormatException ex)
            {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + ex.getMessage());
                exitCode = ExitCodes.USAGE;
            }
        }
        return exitCode;
    }

    private static String count(final int count, final String noun)
    {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
