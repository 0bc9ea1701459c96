package org.hicsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.hicsim.cli.sample.Echo;
import org.hicsim.cli.sample.Quits;
import org.hicsim.core0.spi.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hic services run} as a user runs it: what it prints, its one-line errors and its exit codes.
 */
class ServicesRunCommandTest
{
    private static final String MANIFEST = manifest(Echo.MEMORY_BYTES_MIN);

    @TempDir
    Path directory;

    private Path bundle;
    private Path trustRoot;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void writeBundleAndTrustRoot() throws IOException
    {
        bundle = Files.write(directory.resolve("echo.hicmod"), TestBundles.signed(MANIFEST, TestBundles.jarOf(Echo.class)));
        trustRoot = TestBundles.writeTrustRoot(directory.resolve("root-ca.pem"));
    }

    @Test
    void printsEachRequestAndReplyThenHealthShutdownAndDigest()
    {
        assertEquals(ExitCodes.OK, run("--request", "7:1,2:hello", "--request", "8"));

        assertEquals(List.of(
            "loaded echo 1.0.0 into sandbox 1 (echo-v1.0.0), signed by CN=HIC-Sim Module Signer,O=HIC-Sim",
            "request 1: operation 7, arguments [1, 2, 0, 0], payload \"hello\"",
            "reply 1: OK, arguments [1, 2, 0, 0], payload \"hello\"",
            "request 2: operation 8, arguments [0, 0, 0, 0], payload \"\"",
            "reply 2: OK, arguments [0, 0, 0, 0], payload \"\"",
            "health: HEALTHY, memory in use 2 bytes, connections 0, JVM heap held 2104 of 1056768 bytes",
            "shut down"), lines().subList(0, 7));
        assertTrue(lines().get(7).matches("trace sha256: [0-9a-f]{64}"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void printsAPayloadThatIsNotPrintableAsHex()
    {
        assertEquals(ExitCodes.OK, run("--request", "1::caf\u00e9"));

        assertTrue(lines().contains("reply 1: OK, arguments [0, 0, 0, 0], payload 0x636166c3a9"), out.toString());
    }

    @Test
    void sameSeedAndRequestsGiveTheSameOutput()
    {
        run("--seed", "5", "--request", "1:3:x");
        final String first = out.toString();

        run("--seed", "5", "--request", "1:3:x");

        assertEquals(first, out.toString());
    }

    @Test
    void differentRepliesGiveDifferentDigests()
    {
        run("--request", "1:3:x");
        final String first = digestLine();

        run("--request", "1:4:x");

        assertNotEquals(first, digestLine());
    }

    @Test
    void traceFileHasTheDigestAsItsSha256() throws Exception
    {
        final Path trace = directory.resolve("trace.txt");

        assertEquals(ExitCodes.OK, run("--request", "1:3:x", "--trace", trace.toString()));

        final String sha256 = HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(trace)));
        assertEquals("trace sha256: " + sha256, digestLine());
        assertTrue(Files.readString(trace).contains("run.reply n=1 operation=1 status=OK arguments=3,0,0,0"));
    }

    @Test
    void traceFileThatCannotBeWrittenIsOneLineAndExitsTwoBeforeTheServiceRuns()
    {
        final Path trace = directory.resolve("missing").resolve("trace.txt");

        assertEquals(ExitCodes.USAGE, run("--request", "1", "--trace", trace.toString()));

        assertEquals("", out.toString());
        assertEquals(List.of("hic services run: " + trace + ": cannot write (no such file or directory)"),
            err.toString().lines().toList());
    }

    @Test
    void crashIsOneLineAndExitsOneAfterTheRepliesBeforeIt()
    {
        assertEquals(ExitCodes.REFUSED, run("--request", "1", "--request", Echo.CRASH + "", "--request", "1"));

        assertTrue(lines().contains("reply 1: " + Status.name(Status.OK) + ", arguments [0, 0, 0, 0], payload \"\""));
        assertTrue(lines().stream().noneMatch(line -> line.startsWith("reply 2") || line.startsWith("request 3")));
        assertTrue(digestLine().startsWith("trace sha256: "), out.toString());
        assertEquals(List.of("hic services run: echo 1.0.0 crashed serving request 2: crash: handle threw "
            + IllegalStateException.class.getName()), err.toString().lines().toList());
    }

    @Test
    void moduleNamingSystemExitIsRefusedBeforeAnyOfItRuns() throws IOException
    {
        Files.write(bundle, TestBundles.signed(MANIFEST, TestBundles.jarOf(Echo.class, Quits.class)));

        assertEquals(ExitCodes.REFUSED, run("--request", "1"));

        assertEquals("", out.toString());
        assertEquals(List.of("hic services run: echo 1.0.0: org.hicsim.cli.sample.Quits.now()V uses"
            + " java/lang/System.exit(I)V, which a module may not use"), err.toString().lines().toList());
    }

    @Test
    void bundleSignedUnderAnotherRootIsRefused() throws IOException
    {
        Files.write(bundle, TestBundles.signed(MANIFEST, TestBundles.jarOf(Echo.class), TestBundles.generatePki()));

        assertEquals(ExitCodes.REFUSED, run());

        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("hic services run: " + bundle + ": untrusted root"), err.toString());
    }

    @Test
    void fileThatIsNotABundleIsMalformedInput() throws IOException
    {
        Files.write(bundle, TestBundles.jarOf(Echo.class));

        assertEquals(ExitCodes.USAGE, run());

        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void requestThatIsNotANumberIsAUsageError()
    {
        assertEquals(ExitCodes.USAGE, run("--request", "add:1"));

        assertTrue(err.toString().contains("'add:1': operation 'add' is not a number"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void crashOnStartIsOneLineAndNoRequestIsSent() throws IOException
    {
        Files.write(bundle, TestBundles.signed(manifest(Echo.MEMORY_BYTES_MIN / 2), TestBundles.jarOf(Echo.class)));

        assertEquals(ExitCodes.REFUSED, run("--request", "1"));

        assertTrue(lines().stream().noneMatch(line -> line.startsWith("request")), out.toString());
        assertEquals(List.of("hic services run: echo 1.0.0 crashed on start: crash: init threw "
            + IllegalStateException.class.getName()), err.toString().lines().toList());
    }

    private static String manifest(final long memoryBytes)
    {
        return String.join("\n",
            "name: echo",
            "version: 1.0.0",
            "uuid: 0b5d7c1e-2f3a-4b6c-8d9e-1a2b3c4d5e6f",
            "entry: " + Echo.class.getName(),
            "resources:",
            "  memory: " + memoryBytes,
            "  cpu_quota: 5%",
            "");
    }

    private int run(final String... options)
    {
        out = new StringWriter();
        err = new StringWriter();
        final CommandLine commandLine = Hic.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final String[] args = new String[options.length + 5];
        args[0] = "services";
        args[1] = "run";
        args[2] = bundle.toString();
        args[3] = "--trust";
        args[4] = trustRoot.toString();
        System.arraycopy(options, 0, args, 5, options.length);
        return commandLine.execute(args);
    }

    private List<String> lines()
    {
        return out.toString().lines().toList();
    }

    private String digestLine()
    {
        final List<String> lines = lines();
        return lines.get(lines.size() - 1);
    }
}
