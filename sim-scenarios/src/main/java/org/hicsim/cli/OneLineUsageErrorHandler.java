package org.hicsim.cli;

import java.util.List;

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
            commandName + ": " + describe(ex, commandLine) + " (see '" + commandName + " --help')");
        return ExitCodes.USAGE;
    }

    private static String describe(final CommandLine.ParameterException ex, final CommandLine commandLine)
    {
        if (ex instanceof CommandLine.UnmatchedArgumentException)
        {
            final List<String> unmatched = ((CommandLine.UnmatchedArgumentException)ex).getUnmatched();
            final String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            if (!first.startsWith("-") && !commandLine.getSubcommands().isEmpty())
            {
                final List<String> suggestions = ((CommandLine.UnmatchedArgumentException)ex).getSuggestions();
                return "unknown command '" + first + "'"
                    + (suggestions.isEmpty() ? "" : ", did you mean '" + suggestions.get(0) + "'?");
            }
        }
        return ex.getMessage();
    }
}
