package org.hicsim.hicmod.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/**
 * Runs one command object as the {@code hic} root would: captured output, and an exception that carries an exit
 * code (a refusal, a malformed file) printed as one line {@code NAME: message} with that code.
 */
final class CommandRunner
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    int run(final Object command, final String... arguments)
    {
        final CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((ex, failed, parseResult) ->
        {
            if (!(ex instanceof CommandLine.IExitCodeGenerator))
            {
                throw ex;
            }
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            return ((CommandLine.IExitCodeGenerator)ex).getExitCode();
        });
        return commandLine.execute(arguments);
    }

    String out()
    {
        return out.toString();
    }

    String err()
    {
        return err.toString();
    }
}
