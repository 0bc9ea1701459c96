package org.hicsim.cli;

import picocli.CommandLine;

/**
 * Entry point of the {@code hic} command line. It only builds the command tree and exits with the code the
 * command returned: 0 success, 1 refusal or failed expectation, 2 usage error or malformed input, 3 internal
 * error (a bug in HIC-Sim).
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
        final CommandLine commandLine = new CommandLine(new HicCommand());
        commandLine.setParameterExceptionHandler(new OneLineUsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new OneLineErrorHandler());
        return commandLine;
    }
}
