package org.hicsim.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.ManifestParser;

/**
 * The catalogue's manifests ({@code services/src/main/catalogue}) as the tests check them against the code.
 */
public final class Catalogue
{
    public static final Path DIRECTORY = Path.of("src", "main", "catalogue");
    public static final String SUFFIX = ".yaml";

    private Catalogue()
    {
    }

    /** Every manifest, by file name. */
    public static List<Manifest> manifests()
    {
        try (Stream<Path> files = Files.list(DIRECTORY))
        {
            return files.filter(file -> file.toString().endsWith(SUFFIX)).sorted().map(ManifestParser::read).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The manifest of {@code stem}, e.g. {@code netstack-1.3.0-slow}. */
    public static Manifest manifest(final String stem)
    {
        return ManifestParser.read(DIRECTORY.resolve(stem + SUFFIX));
    }
}
