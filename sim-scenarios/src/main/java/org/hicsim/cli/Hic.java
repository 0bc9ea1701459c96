package org.hicsim.cli;

import picocli.CommandLine;

/**
 * Entry point of the {@code hic} command line. It only builds the command tree and exits with the code the
 * command returned, or the one {@link ExitCodeMapper} gives the exception it threw: 0 success, 1 refusal or failed
 * expectation, 2 usage error or malformed input, 3 internal error (a bug in HIC-Sim).
 */
public final class Hic
{
    private Hic()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(newCommandLine().execute(args));
    }

    /**
     * The configured command tree. Tests use it with {@link CommandLine#setOut} and {@link CommandLine#setErr}
     * to capture what a user would see.
     */
    public static CommandLine newCommandLine()
    {
        return configure(new CommandLine(new HicCommand()));
    }

    /**
     * {@code commandLine} (the root's, or a single command's in a test) answering as {@code hic} does: usage errors
     * and exceptions in one line, with the exit codes of {@link ExitCodeMapper}.
     */
    public static CommandLine configure(final CommandLine commandLine)
    {
        final ExitCodeMapper exitCodes = new ExitCodeMapper();
        commandLine.setParameterExceptionHandler(new OneLineUsageErrorHandler());
        commandLine.setExitCodeExceptionMapper(exitCodes);
        commandLine.setExecutionExceptionHandler(new OneLineErrorHandler(exitCodes));
        return commandLine;
    }
}
