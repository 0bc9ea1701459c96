package org.hicsim.cli.mod;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hic mod pki …}: the module-signing PKI (root CA, intermediate CA, module signer).
 */
@Command(
    name = "pki",
    mixinStandardHelpOptions = true,
    description = "Manage the module-signing PKI.",
    subcommands = { PkiInitCommand.class })
public final class PkiCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. 'pki init DIR'");
    }
}
