package org.hicsim.cli.mod;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.hicsim.cli.Hic;
import picocli.CommandLine;

/**
 * Runs one command object as the {@code hic} root would ({@link Hic#configure}): captured output, and an exception
 * the command throws (a refusal, a malformed file) printed as one line {@code NAME: message} with its exit code.
 */
final class CommandRunner
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    int run(final Object command, final String... arguments)
    {
        final CommandLine commandLine = Hic.configure(new CommandLine(command));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
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
