package org.hicsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.Pem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hic services [--json] [--dir DIR]}: lists the service catalogue the build wrote, every
 * {@code .hicmod} bundle of the directory verified against the directory's {@value #TRUST_ROOT} at virtual time 0
 * ({@link SimulatedEpoch#DEFAULT}), where a simulation loads it, never at the host's time. It reads the directory
 * only, so the CLI needs no dependency on the services' code.
 */
@Command(
    name = "services",
    mixinStandardHelpOptions = true,
    subcommands = { ServicesRunCommand.class },
    description = "List the service catalogue: each bundle's name, version, fault, dependencies and file, and"
        + " whether it verifies against the directory's " + ServicesCommand.TRUST_ROOT + ".",
    footer = { "", "Exit codes: 0 every bundle verifies, 1 a bundle does not (all are still listed),"
        + " 2 no such directory or no trust root." })
final class ServicesCommand implements Callable<Integer>
{
    /** The project root, which {@code ./hic} passes; the default directory is under it. */
    static final String HOME_PROPERTY = "hicsim.home";
    /** Where the build of module {@code services} writes the catalogue, under the project root. */
    static final Path DEFAULT_DIRECTORY = Path.of("services", "target", "bundles");
    /** The catalogue's trust root, as the build writes it beside the bundles. */
    static final String TRUST_ROOT = "trust-root.pem";

    private static final String BUNDLE_SUFFIX = ".hicmod";
    private static final String[] HEADINGS = { "NAME", "VERSION", "FAULT", "DEPENDENCIES", "BUNDLE", "VERIFIES" };

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "The catalogue directory (default: services/target/bundles of the project).")
    Path directory;

    @Option(names = "--json", description = "Write a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException
    {
        final Path catalogue = directory != null ? directory
            : fromWorkingDirectory(Path.of(System.getProperty(HOME_PROPERTY, "")).resolve(DEFAULT_DIRECTORY));
        final Path trustRoot = catalogue.resolve(TRUST_ROOT);
        if (!Files.isDirectory(catalogue))
        {
            return usageError(catalogue + ": no such directory (the build writes the catalogue: mvn package)");
        }
        if (!Files.isRegularFile(trustRoot))
        {
            return usageError(trustRoot + ": no trust root (the build writes it beside the bundles: mvn package)");
        }
        final BundleVerifier verifier = new BundleVerifier(Pem.readCertificates(trustRoot));
        final List<CatalogueEntry> entries = new ArrayList<>();
        for (final Path bundle : bundles(catalogue))
        {
            entries.add(CatalogueEntry.of(bundle, verifier, SimulatedEpoch.DEFAULT_EPOCH));
        }
        if (json)
        {
            final List<Map<String, Object>> array = new ArrayList<>();
            entries.forEach(entry -> array.add(entry.toMap()));
            // Made here, not in a static field: hic run reads this class's constants and needs no mapper so early.
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(array));
        }
        else
        {
            printTable(spec.commandLine().getOut(), entries);
        }
        final long refused = entries.stream().filter(entry -> !entry.verifies()).count();
        if (refused > 0)
        {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + refused + " of " + entries.size()
                + " bundle(s) do not verify against " + trustRoot);
            return ExitCodes.REFUSED;
        }
        return ExitCodes.OK;
    }

    /**
     * The launcher names the project home by its absolute path; shown from the directory the user is in, the
     * bundle column reads {@code services/target/bundles/...} instead of a line-long absolute path.
     */
    private static Path fromWorkingDirectory(final Path path)
    {
        final Path workingDirectory = Path.of("").toAbsolutePath();
        final Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : path;
    }

    private int usageError(final String message)
    {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        return ExitCodes.USAGE;
    }

    private static List<Path> bundles(final Path catalogue) throws IOException
    {
        try (Stream<Path> files = Files.list(catalogue))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(BUNDLE_SUFFIX)).sorted().toList();
        }
    }

    /** One row per bundle, columns padded to their widest cell; the last column, the verdict, is not padded. */
    private static void printTable(final PrintWriter out, final List<CatalogueEntry> entries)
    {
        final List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(HEADINGS));
        entries.forEach(entry -> rows.add(entry.columns()));
        final int[] widths = new int[HEADINGS.length];
        for (final List<String> row : rows)
        {
            for (int column = 0; column < widths.length; column++)
            {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (final List<String> row : rows)
        {
            final StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length - 1; column++)
            {
                line.append(String.format("%-" + widths[column] + "s  ", row.get(column)));
            }
            out.println(line.append(row.get(widths.length - 1)));
        }
        out.flush();
    }
}
