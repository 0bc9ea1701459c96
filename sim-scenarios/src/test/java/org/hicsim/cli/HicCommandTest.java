package org.hicsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HicCommandTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return HicConsole.run(out, err, args);
    }

    @Test
    void versionPrintsTheBuildVersionAndExitsZero()
    {
        assertEquals(ExitCodes.OK, run("--version"));
        assertTrue(out.toString().matches("(?s)hic \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*"), out.toString());
    }

    @Test
    void helpListsTheCommandsAndExitCodes()
    {
        assertEquals(ExitCodes.OK, run("--help"));
        assertTrue(out.toString().contains("demo"), out.toString());
        assertTrue(out.toString().contains("Exit codes"), out.toString());
    }

    @Test
    void unknownCommandPrintsOneLineAndExitsTwo()
    {
        assertEquals(ExitCodes.USAGE, run("frobnicate"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("frobnicate"), err.toString());
    }

    @Test
    void unknownOptionPrintsOneLineAndExitsTwo()
    {
        assertEquals(ExitCodes.USAGE, run("--frobnicate"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("--frobnicate"), err.toString());
    }

    @Test
    void missingCommandExitsTwo()
    {
        assertEquals(ExitCodes.USAGE, run());
        assertTrue(err.toString().startsWith("hic: "), err.toString());
    }

    @Test
    void aCommandLineNamingACommandBuildsThatCommandAlone()
    {
        assertEquals(List.of("run"), List.copyOf(Hic.newCommandLine(new String[] { "run", "x" }).getSubcommands()
            .keySet()));
        assertEquals(Hic.COMMANDS.size(), Hic.newCommandLine(new String[] { "help", "run" }).getSubcommands().size());
        assertEquals(Hic.COMMANDS.size(), Hic.newCommandLine(new String[] { "--version" }).getSubcommands().size());
    }

    @Test
    void aCommandBuiltAloneAnswersAsInTheWholeTree()
    {
        for (final String[] args : List.of(new String[] { "run", "--help" }, new String[] { "run", "--frobnicate" },
            new String[] { "run" }, new String[] { "mod", "repo", "--help" }, new String[] { "services", "--help" }))
        {
            assertEquals(answer(Hic.newCommandLine(), args), answer(Hic.newCommandLine(args), args),
                String.join(" ", args));
        }
    }

    private static String answer(final CommandLine commandLine, final String... args)
    {
        final StringWriter written = new StringWriter();
        commandLine.setOut(new PrintWriter(written, true));
        commandLine.setErr(new PrintWriter(written, true));
        return commandLine.execute(args) + "\n" + written;
    }
}
