package org.hicsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hicsim.host.ProbeDigests;
import picocli.CommandLine;

/**
 * The built-in runs whose trace digests must not depend on the JVM that computes them: {@code hic demo core0},
 * {@code hic services run} of each bundle of the service catalogue, and the hostile probes beside an echo
 * service ({@link ProbeDigests}). Each is run as the command line runs it, in this JVM; {@link #main} prints
 * them, for a forked JVM with other flags ({@link ForkedJvmDeterminismTest}).
 */
public final class BuiltInRunDigests
{
    /** A request every catalogue service is sent: operation 1, whatever it means to it. */
    private static final String REQUEST = "1:7,3";

    private BuiltInRunDigests()
    {
    }

    /**
     * @param probes    the directory {@link ProbeDigests#writeBundles} wrote.
     * @param catalogue the service catalogue's directory, or null to leave it out.
     * @param allProbes the issue's probes and their kin, or the issue's four only.
     */
    public static List<String> digests(final Path probes, final Path catalogue, final boolean allProbes)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("demo core0 " + digestLine("demo", "core0", "--seed", "7"));
        if (catalogue != null)
        {
            for (final Path bundle : bundles(catalogue))
            {
                lines.add(bundle.getFileName() + " " + digestLine("services", "run", bundle.toString(), "--trust",
                    catalogue.resolve(ServicesCommand.TRUST_ROOT).toString(), "--request", REQUEST));
            }
        }
        lines.addAll(ProbeDigests.digests(probes, probeList(allProbes)));
        return lines;
    }

    static List<Class<?>> probeList(final boolean allProbes)
    {
        final List<Class<?>> probes = new ArrayList<>(ProbeDigests.ISSUE_PROBES);
        if (allProbes)
        {
            probes.addAll(ProbeDigests.KIN_PROBES);
        }
        return probes;
    }

    /** The command's exit code and the digest it printed last. */
    private static String digestLine(final String... args)
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Hic.newCommandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        final int exitCode = commandLine.execute(args);
        final String[] printed = out.toString().split("\n");
        return "exit=" + exitCode + " " + printed[printed.length - 1];
    }

    private static List<Path> bundles(final Path catalogue)
    {
        try (Stream<Path> files = Files.list(catalogue))
        {
            return files.filter(file -> file.toString().endsWith(".hicmod")).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * {@code PROBE_DIRECTORY CATALOGUE_DIRECTORY|- all|issue}: prints {@link #digests}, one per line.
     */
    public static void main(final String[] args)
    {
        final Path catalogue = "-".equals(args[1]) ? null : Path.of(args[1]);
        digests(Path.of(args[0]), catalogue, "all".equals(args[2])).forEach(System.out::println);
    }
}
