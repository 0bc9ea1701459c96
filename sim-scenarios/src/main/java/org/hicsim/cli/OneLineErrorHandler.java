package org.hicsim.cli;

import picocli.CommandLine;

/**
 * Turns an exception that escapes a command into one line on standard error and the exit code the root's
 * {@link ExitCodeMapper} gives it.
 * <p>
 * An exception the mapper knows is a user-facing error (a malformed file, a refused verification): its message is
 * written for the user. Anything else is a bug in HIC-Sim and exits {@link ExitCodes#INTERNAL_ERROR}. The stack
 * trace is printed only with {@code --verbose}.
 */
final class OneLineErrorHandler implements CommandLine.IExecutionExceptionHandler
{
    private final ExitCodeMapper exitCodes;

    OneLineErrorHandler(final ExitCodeMapper exitCodes)
    {
        this.exitCodes = exitCodes;
    }

    @Override
    public int handleExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final String commandName = commandLine.getCommandSpec().qualifiedName();
        final boolean userError = exitCodes.isUserError(ex);
        final String message = userError ? ex.getMessage() : "internal error: " + ex;
        commandLine.getErr().println(commandName + ": " + message);
        if (VerboseOption.isSet(parseResult))
        {
            ex.printStackTrace(commandLine.getErr());
        }
        else if (!userError)
        {
            commandLine.getErr().println(commandName + ": run again with --verbose for the stack trace");
        }
        return exitCodes.getExitCode(ex);
    }
}
