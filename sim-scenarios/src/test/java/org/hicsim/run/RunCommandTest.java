package org.hicsim.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hicsim.cli.Hic;
import org.hicsim.report.ResultSchema;
import org.hicsim.scenario.ScenarioLibrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hic run} end to end on a small scenario: a live update of netstack under a workload, its outputs, its
 * digest, and the exit codes a script relies on. Every built-in scenario runs too, and must pass its own
 * expectations.
 */
class RunCommandTest
{
    /** A short update: 50 connections, a 20-second stability period, 3 minutes of virtual time. */
    static final String SMALL = String.join("\n",
        "format_version: 1",
        "name: small-update",
        "description: netstack 1.2.0 to 1.3.0 with 50 connections, for the run command's tests.",
        "seed: 7",
        "duration: 3m",
        "install: [eth_driver-1.2.0, ipc_lib-2.0.0, netstack-1.2.0]",
        "workload:",
        "  connections: {idle: 10, low: 10, medium: 10, high: 10, persistent: 10}",
        "  requests_per_second: 40",
        "policy: {stability_period: 20s}",
        "steps:",
        "  - at: 5s",
        "    update: {service: netstack, to: netstack-1.3.0}",
        "expect:",
        "  outcome: {netstack: completed}",
        "  final_version: {netstack: 1.3.0}",
        "  lost_connections: 0",
        "");

    private static final long FORK_TIMEOUT_SECONDS = 600;

    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        System.setProperty("hicsim.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    record Ran(int exitCode, String out, String err)
    {
        List<String> lines()
        {
            return out.lines().toList();
        }

        String digest()
        {
            final List<String> lines = lines();
            return lines.get(lines.size() - 1).replace("trace sha256: ", "");
        }
    }

    static Ran hic(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Hic.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new Ran(exitCode, out.toString(), err.toString());
    }

    private Path write(final String name, final String text) throws IOException
    {
        final Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void shouldRunAnUpdateWriteEveryOutputAndEndWithTheTracesDigest() throws IOException
    {
        final Path out = directory.resolve("out");

        final Ran ran = hic("run", write("small.yaml", SMALL).toString(), "--quiet", "--out", out.toString());

        assertEquals(0, ran.exitCode(), ran.out() + ran.err());
        for (final String file : List.of("result.json", "trace.txt", "metrics.csv", "trace.json", "report.html"))
        {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        assertEquals(sha256(out.resolve("trace.txt")), ran.digest());
        final JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertTrue(result.get("passed").asBoolean());
        assertEquals(ran.digest(), result.get("trace_sha256").asText());
        assertEquals("1.3.0", result.get("final_versions").get("netstack").asText());
        final JsonNode update = result.get("updates").get(0);
        assertEquals("completed", update.get("outcome").asText());
        assertEquals(50, update.get("connections").get("migrated").asLong());
        assertTrue(update.get("switchover_ns").asLong() > 0);
    }

    /**
     * eth_driver 1.1.0 is replaced (netstack 1.3.0 needs 1.2.0) before the first sample, yet lives on through its
     * update's stability period: it has its rows in metrics.csv and its track in trace.json like every sandbox.
     */
    @Test
    void shouldSampleAnInstanceAnUpdateReplacedBeforeTheFirstSample() throws IOException
    {
        final Path out = directory.resolve("out");
        final String file = write("dependency.yaml", SMALL
            .replace("install: [eth_driver-1.2.0,", "install: [eth_driver-1.1.0,")
            .replace("  - at: 5s", "  - at: 100ms")).toString();

        final Ran ran = hic("run", file, "--quiet", "--out", out.toString());

        assertEquals(0, ran.exitCode(), ran.out() + ran.err());
        final List<String> rows = Files.readAllLines(out.resolve("metrics.csv")).stream()
            .filter(row -> row.split(",")[1].startsWith("eth_driver-1.1.0#")).toList();
        assertTrue(rows.stream().anyMatch(row -> row.endsWith(",memory_bytes,524288")), rows.toString());
        final JsonNode events = new ObjectMapper().readTree(out.resolve("trace.json").toFile()).get("traceEvents");
        boolean track = false;
        for (final JsonNode event : events)
        {
            track |= event.path("name").asText().equals("thread_name")
                && event.path("args").path("name").asText().matches("sandbox \\d+ eth_driver-1\\.1\\.0#\\d+");
        }
        assertTrue(track, "no trace.json track for eth_driver 1.1.0");
    }

    /** Not on a terminal, the progress lines name the phase the update is in as the trace opens it. */
    @Test
    void shouldNameThePhaseAnUpdateIsInOnTheProgressLines() throws IOException
    {
        final Ran ran = hic("run", write("small.yaml", SMALL).toString(), "--out", directory.resolve("out").toString());

        assertEquals(0, ran.exitCode(), ran.out() + ran.err());
        final List<String> phases = ran.err().lines().filter(line -> line.endsWith(")"))
            .map(line -> line.substring(line.lastIndexOf('(') + 1, line.length() - 1)).distinct().toList();
        assertEquals(List.of("running", "netstack preparation", "netstack migration", "netstack validation",
            "netstack completed"), phases,
            ran.err());
    }

    @Test
    void shouldGiveTheSameDigestForTheSameSeedAndAnotherForAnother() throws IOException
    {
        final String file = write("small.yaml", SMALL).toString();

        final Ran first = hic("run", file, "--quiet", "--out", directory.resolve("a").toString());
        final Ran again = hic("run", file, "--quiet", "--out", directory.resolve("b").toString());
        final Ran other = hic("run", file, "--quiet", "--seed", "8", "--out", directory.resolve("c").toString());

        assertEquals(first.digest(), again.digest());
        assertNotEquals(first.digest(), other.digest());
    }

    /**
     * The digest is a function of the scenario and the seed alone: an interpreted JVM with another collector,
     * stack and heap prints the same one.
     */
    @Test
    void shouldGiveTheSameDigestInAnInterpretedJvmWithOtherFlags() throws IOException, InterruptedException
    {
        final String file = write("small.yaml", SMALL).toString();
        final Ran here = hic("run", file, "--quiet", "--out", directory.resolve("here").toString());
        final Path output = directory.resolve("fork.out");
        final List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xint", "-XX:+UseParallelGC", "-Xss1m", "-Xmx768m",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dhicsim.home=" + System.getProperty("hicsim.home"),
            "-cp", System.getProperty("java.class.path"), Hic.class.getName(),
            "run", file, "--quiet", "--out", directory.resolve("fork").toString());
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
            .start();
        assertTrue(process.waitFor(FORK_TIMEOUT_SECONDS, TimeUnit.SECONDS), "the forked JVM did not end");
        final List<String> lines = Files.readAllLines(output);
        assertEquals(0, process.exitValue(), String.join("\n", lines));
        assertEquals("trace sha256: " + here.digest(), lines.get(lines.size() - 1));
    }

    @Test
    void shouldExitOneNamingAFailedExpectationAndTheReplayCommand() throws IOException
    {
        final String file = write("wrong.yaml", SMALL.replace("final_version: {netstack: 1.3.0}",
            "final_version: {netstack: 1.2.0}")).toString();

        final Ran ran = hic("run", file, "--quiet", "--out", directory.resolve("out").toString());

        assertEquals(1, ran.exitCode());
        assertTrue(ran.out().contains("final_version.netstack"), ran.out());
        assertTrue(ran.out().contains("hic run " + file), ran.out());
    }

    /**
     * The replay line is one command a shell runs as printed: the seed once (the run's, given or not), a path with a
     * space quoted; run, it gives the same digest.
     */
    @Test
    void shouldPrintAReplayCommandThatAShellRunsToTheSameDigest() throws IOException, InterruptedException
    {
        Files.createDirectories(directory.resolve("my runs"));
        final String file = write("my runs/wrong.yaml", SMALL.replace("final_version: {netstack: 1.3.0}",
            "final_version: {netstack: 1.2.0}")).toString();

        final Ran ran = hic("run", file, "--seed", "8", "--quiet", "--out", directory.resolve("out").toString());

        assertEquals(1, ran.exitCode());
        final String replay = ran.lines().stream().filter(line -> line.startsWith("replay: ")).findFirst()
            .orElseThrow(() -> new AssertionError(ran.out())).substring("replay: ".length());
        final List<String> words = shellWords(replay);
        assertEquals(List.of("hic", "run", file, "--seed", "8"), words, replay);
        final List<String> again = new java.util.ArrayList<>(words.subList(1, words.size()));
        again.addAll(List.of("--quiet", "--out", directory.resolve("again").toString()));
        final Ran replayed = hic(again.toArray(String[]::new));
        assertEquals(1, replayed.exitCode(), replayed.err());
        assertEquals(ran.digest(), replayed.digest());
    }

    /** The words bash makes of a command line (without running it). */
    private static List<String> shellWords(final String commandLine) throws IOException, InterruptedException
    {
        final Process bash = new ProcessBuilder("bash", "-c", "printf '%s\\n' " + commandLine)
            .redirectErrorStream(true).start();
        final String words = new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(FORK_TIMEOUT_SECONDS, TimeUnit.SECONDS), "bash did not end");
        assertEquals(0, bash.exitValue(), words);
        return words.lines().toList();
    }

    /** An output directory that cannot be written is the user's to mend, not a bug: exit 2 and one line. */
    @Test
    void shouldExitTwoWithOneLineWhenTheOutputDirectoryIsAFileOrCannotBeMade() throws IOException
    {
        final String file = write("small.yaml", SMALL).toString();
        final Path inTheWay = write("in-the-way", "");

        for (final Path out : List.of(inTheWay, inTheWay.resolve("below")))
        {
            final Ran ran = hic("run", file, "--quiet", "--out", out.toString());

            assertEquals(2, ran.exitCode(), ran.err());
            assertEquals(List.of("hic run: --out " + out + ": cannot write the run's outputs there: "
                + (out.equals(inTheWay) ? "a file of that name is in the way" : "")),
                ran.err().lines().map(line -> line.replaceFirst("there: (?!a file).*", "there: ")).toList());
            assertEquals("", ran.out());
        }
    }

    @Test
    void shouldExitTwoWithLineAndColumnForABadFile() throws IOException
    {
        final String file = write("bad.yaml", SMALL.replace("requests_per_second: 40", "requests_per_second: lots"))
            .toString();

        final Ran ran = hic("run", file, "--quiet", "--out", directory.resolve("out").toString());

        assertEquals(2, ran.exitCode());
        assertTrue(ran.err().contains(file + ":9:"), ran.err());
        assertTrue(ran.err().contains("requests_per_second"), ran.err());
    }

    @Test
    void shouldExitTwoNamingTheKeyWhenTheWorkloadAddressesAServiceNoBundleProvides() throws IOException
    {
        final String bundle = Path.of(System.getProperty("hicsim.home"), "services", "target", "bundles",
            "netstack-1.2.0.hicmod").toString();
        final String file = write("unknown-target.yaml", SMALL
            .replace("install: [eth_driver-1.2.0, ipc_lib-2.0.0, netstack-1.2.0]",
                "install: [eth_driver-1.2.0, ipc_lib-2.0.0, " + bundle + "]")
            .replace("  requests_per_second: 40", "  requests_per_second: 40\n  services: [dns_resolver]"))
            .toString();

        final Ran ran = hic("run", file, "--quiet", "--out", directory.resolve("out").toString());

        assertEquals(2, ran.exitCode(), ran.err());
        assertTrue(ran.err().contains(file + ": workload.services: "), ran.err());
        assertTrue(ran.err().contains("dns_resolver"), ran.err());
    }

    /** Every built-in passes its own expectations, and writes a result.json its schema in docs accepts. */
    @Test
    void shouldPassEveryBuiltInScenariosOwnExpectations() throws IOException
    {
        for (final String name : ScenarioLibrary.builtInNames())
        {
            final Ran ran = hic("run", name, "--quiet", "--out", directory.resolve(name).toString());

            assertEquals(0, ran.exitCode(), name + ":\n" + ran.out() + ran.err());
            assertEquals(List.of(), ResultSchema.get().validate(new ObjectMapper().readTree(
                directory.resolve(name).resolve("result.json").toFile())), name);
        }
    }

    private static String sha256(final Path file) throws IOException
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
