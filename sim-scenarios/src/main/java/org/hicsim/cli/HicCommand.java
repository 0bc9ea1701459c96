package org.hicsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root {@code hic} command. It does nothing itself; its subcommands, each in a class of its own, are listed by
 * {@link Hic#COMMANDS}, which adds only those a command line needs.
 */
@Command(
    name = "hic",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "HIC-Sim: a deterministic simulator of the HIC capability microkernel and its zero-downtime"
        + " rolling update with automatic rollback.",
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
