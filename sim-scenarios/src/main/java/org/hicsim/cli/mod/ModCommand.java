package org.hicsim.cli.mod;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hic mod …}: the commands around {@code .hicmod} module bundles. It does nothing itself but list them,
 * each in a class of its own.
 */
@Command(
    name = "mod",
    mixinStandardHelpOptions = true,
    description = "Pack, sign, verify and inspect .hicmod module bundles.",
    subcommands = {
        CommandLine.HelpCommand.class,
        PkiCommand.class,
        PackCommand.class,
        SignCommand.class,
        VerifyCommand.class,
        InspectCommand.class,
        ExportSignatureCommand.class,
        RepoCommand.class,
    })
public final class ModCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required, e.g. 'hic mod pack'");
    }
}
