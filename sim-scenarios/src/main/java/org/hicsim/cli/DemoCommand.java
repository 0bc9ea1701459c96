package org.hicsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hic demo …}: short narrated runs that show one part of the simulator at work.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run a short narrated demonstration of one part of the simulator.",
    subcommands = { DemoCore0Command.class })
final class DemoCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a demo, e.g. 'hic demo core0'");
    }
}
