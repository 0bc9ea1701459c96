package org.hicsim.cli.mod;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hic mod repo …}: the trusted module repository, a directory of verified bundles with a signed index.
 */
@Command(
    name = "repo",
    mixinStandardHelpOptions = true,
    description = "Manage and check a trusted module repository.",
    subcommands = { RepoInitCommand.class, RepoAddCommand.class, RepoListCommand.class, RepoVerifyCommand.class })
public final class RepoCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. 'repo list DIR'");
    }
}
