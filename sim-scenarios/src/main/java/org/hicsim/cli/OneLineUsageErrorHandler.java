package org.hicsim.cli;

import picocli.CommandLine;

/**
 * Reports a bad command line as one line on standard error and exits {@link ExitCodes#USAGE}: picocli's default
 * prints the whole usage help, which buries the one sentence that matters.
 */
final class OneLineUsageErrorHandler implements CommandLine.IParameterExceptionHandler
{
    @Override
    public int handleParseException(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final String commandName = commandLine.getCommandSpec().qualifiedName();
        commandLine.getErr().println(
            commandName + ": " + ex.getMessage() + " (see '" + commandName + " --help')");
        return ExitCodes.USAGE;
    }
}
