package org.hicsim.mm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The trusted module repository the Module Manager fetches bundles from (HIC step 1.2): bundle bytes by stem
 * ({@code netstack-1.3.0}, {@code netstack-1.3.0-slow}). Read once from a directory of {@code .hicmod} files
 * (the catalogue's {@code services/target/bundles}), or filled by {@link #add}; fetching returns the bytes as
 * stored, which the Module Manager then verifies: the repository is where bundles come from, not what makes
 * them trusted.
 */
public final class BundleRepository
{
    public static final String SUFFIX = ".hicmod";

    private final TreeMap<String, byte[]> bundles = new TreeMap<>();

    /** Every {@code .hicmod} file of {@code directory}, by its name without the suffix. */
    public static BundleRepository of(final Path directory)
    {
        final BundleRepository repository = new BundleRepository();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : files.sorted().toList())
            {
                if (file.getFileName().toString().endsWith(SUFFIX))
                {
                    repository.add(stemOf(file), Files.readAllBytes(file));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the bundle repository " + directory, ex);
        }
        return repository;
    }

    /** The stem a bundle file is held under: its name without {@value #SUFFIX}. */
    public static String stemOf(final Path bundleFile)
    {
        final String name = bundleFile.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /** Stores (or replaces) a bundle under a stem. */
    public BundleRepository add(final String stem, final byte[] bundle)
    {
        bundles.put(stem, bundle.clone());
        return this;
    }

    /** @return a copy of the bundle's bytes, or null if the repository has none of that stem. */
    public byte[] fetch(final String stem)
    {
        final byte[] bundle = bundles.get(stem);
        return bundle == null ? null : bundle.clone();
    }

    /** Every stem, in order. */
    public NavigableSet<String> stems()
    {
        return Collections.unmodifiableNavigableSet(bundles.navigableKeySet());
    }
}
