package org.hicsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCore0CommandTest
{
    private static String run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Hic.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        assertEquals(ExitCodes.OK, commandLine.execute(args));
        return out.toString();
    }

    private static String lastLine(final String text)
    {
        final List<String> lines = text.lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void traceFileThatCannotBeWrittenIsOneLineAndExitsTwo(@TempDir final Path directory)
    {
        final Path trace = directory.resolve("missing").resolve("trace.txt");
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        assertEquals(ExitCodes.USAGE, HicConsole.run(out, err, "demo", "core0", "--trace", trace.toString()));

        assertEquals("", out.toString());
        assertEquals(List.of("hic demo core0: " + trace + ": cannot write (no such file or directory)"),
            err.toString().lines().toList());
    }

    @Test
    void lastLineIsTheTraceDigest()
    {
        assertTrue(lastLine(run("demo", "core0")).matches("trace sha256: [0-9a-f]{64}"));
    }

    @Test
    void sameSeedGivesByteIdenticalOutput()
    {
        assertEquals(run("demo", "core0", "--seed", "42"), run("demo", "core0", "--seed", "42"));
    }

    @Test
    void differentSeedsGiveDifferentDigests()
    {
        assertNotEquals(lastLine(run("demo", "core0", "--seed", "1")), lastLine(run("demo", "core0", "--seed", "2")));
    }

    @Test
    void narratesEveryMechanismWithNothingLost()
    {
        final String out = run("demo", "core0", "--seed", "3");
        assertTrue(out.contains("was killed: sandbox"), out);
        assertTrue(out.contains("web_server calls netstack as before: OK"), out);
        assertTrue(out.contains(" 0 lost"), out);
        assertTrue(out.contains("hash chain intact"), out);
        assertTrue(out.contains("deriving WRITE back from it is refused: INSUFFICIENT_RIGHTS"), out);
    }

    @Test
    void traceFileHashesToThePrintedDigest(@TempDir final Path dir) throws Exception
    {
        final Path trace = dir.resolve("trace.txt");
        final String out = run("demo", "core0", "--seed", "9", "--trace", trace.toString());
        final byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(trace));
        assertEquals("trace sha256: " + HexFormat.of().formatHex(hash), lastLine(out));
        assertTrue(Files.readString(trace, StandardCharsets.UTF_8).startsWith("t=0 sim.start seed=9\n"));
    }
}
