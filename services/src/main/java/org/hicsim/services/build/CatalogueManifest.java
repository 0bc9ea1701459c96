package org.hicsim.services.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hicsim.hicmod.Fault;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.ManifestParser;

/**
 * One manifest of the catalogue directory, {@code <name>-<version>[-<fault kind>].yaml}, and the stem its bundle
 * is named after. The file name must say what the manifest says, so that a reader of the directory (or of
 * {@code target/bundles}) is never misled about which module, version or fault a file holds.
 */
final class CatalogueManifest
{
    static final String SUFFIX = ".yaml";

    private final Path file;
    private final String stem;
    private final Manifest manifest;

    private CatalogueManifest(final Path file, final String stem, final Manifest manifest)
    {
        this.file = file;
        this.stem = stem;
        this.manifest = manifest;
    }

    /**
     * Every manifest in {@code directory}, sorted by file name; none when the directory does not exist (a
     * catalogue with no services yet).
     *
     * @throws CatalogueBuildException if the directory holds anything but {@code .yaml} files, or a file name
     *                                 does not match its manifest.
     */
    static List<CatalogueManifest> readAll(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return List.of();
        }
        final List<Path> files;
        try (Stream<Path> entries = Files.list(directory))
        {
            files = entries.sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new CatalogueBuildException(directory + ": cannot list: " + ex.getMessage(), ex);
        }
        final List<CatalogueManifest> manifests = new ArrayList<>(files.size());
        for (final Path file : files)
        {
            manifests.add(read(file));
        }
        return manifests;
    }

    /**
     * The manifest in {@code file}, whose name must be {@link #expectedStem} of it plus {@value #SUFFIX}.
     */
    static CatalogueManifest read(final Path file)
    {
        final String fileName = file.getFileName().toString();
        if (!fileName.endsWith(SUFFIX) || !Files.isRegularFile(file))
        {
            throw new CatalogueBuildException(file + ": not a manifest; the catalogue directory holds only"
                + " <name>-<version>[-<fault kind>]" + SUFFIX + " files");
        }
        final Manifest manifest = ManifestParser.read(file);
        final String stem = expectedStem(manifest);
        if (!fileName.equals(stem + SUFFIX))
        {
            throw new CatalogueBuildException(file + ": the file name must be " + stem + SUFFIX
                + " (<name>-<version>[-<fault kind>] of the manifest it holds)");
        }
        return new CatalogueManifest(file, stem, manifest);
    }

    /** {@code <name>-<version>[-<fault kind>]}, e.g. {@code netstack-1.3.0-crash-on-start}. */
    static String expectedStem(final Manifest manifest)
    {
        return manifest.name() + "-" + manifest.version()
            + manifest.fault().map(Fault::kind).map(kind -> "-" + kind).orElse("");
    }

    Path file()
    {
        return file;
    }

    /** The file name without {@value #SUFFIX}, which the bundle's file name repeats. */
    String stem()
    {
        return stem;
    }

    Manifest manifest()
    {
        return manifest;
    }
}
