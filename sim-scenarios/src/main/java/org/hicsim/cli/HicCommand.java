package org.hicsim.cli;

import org.hicsim.cli.mod.ModCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root {@code hic} command. It does nothing itself but list its subcommands, each in a class of its own.
 */
@Command(
    name = "hic",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "HIC-Sim: a deterministic simulator of the HIC capability microkernel and its zero-downtime"
        + " rolling update with automatic rollback.",
    subcommands = {
        CommandLine.HelpCommand.class,
        DemoCommand.class,
        ModCommand.class,
        ServicesCommand.class,
        RunCommand.class,
        ScenariosCommand.class,
        ValidateCommand.class,
    },
    footer = {
        "",
        "Exit codes: 0 success, 1 refused or expectation failed, 2 usage error or malformed input,"
            + " 3 internal error." })
final class HicCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    VerboseOption verboseOption;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
