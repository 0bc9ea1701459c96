package org.hicsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** The hic command line run in this JVM as a test drives it: what it prints captured, its exit code returned. */
final class HicConsole
{
    private HicConsole()
    {
    }

    static int run(final StringWriter out, final StringWriter err, final String... args)
    {
        final CommandLine commandLine = Hic.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
