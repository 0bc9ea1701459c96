package org.hicsim.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.Fault;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.VerificationException;

/**
 * One bundle of the service catalogue as {@code hic services} lists it: what its manifest says and whether it
 * verifies. A bundle that cannot even be read is still listed, with no manifest and the reason.
 */
final class CatalogueEntry
{
    private static final String NONE = "-";

    private final Path bundle;
    private final Manifest manifest;
    private final String refusal;

    private CatalogueEntry(final Path bundle, final Manifest manifest, final String refusal)
    {
        this.bundle = bundle;
        this.manifest = manifest;
        this.refusal = refusal;
    }

    /**
     * Reads {@code bundle} and verifies its signature with {@code verifier} at {@code at}; a malformed, tampered
     * or untrusted bundle gives an entry that does not verify, with the reason.
     */
    static CatalogueEntry of(final Path bundle, final BundleVerifier verifier, final Instant at)
    {
        final byte[] bytes;
        try
        {
            bytes = HicmodFiles.read(bundle, Bundle.LENGTH_MAX);
        }
        catch (final HicmodFormatException ex)
        {
            // Its reason alone: the entry shows the file.
            return new CatalogueEntry(bundle, null, ex.reason());
        }
        Manifest manifest = null;
        try
        {
            // Read from bytes, so that a fault's reason does not repeat the file name, which the entry shows.
            final Bundle read = BundleReader.read(bytes);
            manifest = read.manifest();
            verifier.verify(read, at);
            return new CatalogueEntry(bundle, manifest, null);
        }
        catch (final HicmodFormatException | VerificationException ex)
        {
            return new CatalogueEntry(bundle, manifest, ex.getMessage());
        }
    }

    boolean verifies()
    {
        return refusal == null;
    }

    /** Name, version, fault, dependencies, bundle, and "yes" or "no: reason", for the text table. */
    List<String> columns()
    {
        final List<String> columns = new ArrayList<>();
        columns.add(manifest == null ? NONE : manifest.name());
        columns.add(manifest == null ? NONE : manifest.version().toString());
        columns.add(manifest == null ? NONE : manifest.fault().map(Fault::toString).orElse(NONE));
        final List<String> dependencies = new ArrayList<>();
        dependencies().forEach((name, constraint) -> dependencies.add(name + " " + constraint));
        columns.add(dependencies.isEmpty() ? NONE : String.join(", ", dependencies));
        columns.add(bundle.toString());
        columns.add(verifies() ? "yes" : "no: " + refusal);
        return columns;
    }

    /** The same facts for JSON; what a bundle that cannot be read does not say is {@code null}. */
    Map<String, Object> toMap()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", manifest == null ? null : manifest.name());
        map.put("version", manifest == null ? null : manifest.version().toString());
        map.put("fault", manifest == null ? null : manifest.fault().map(Fault::toString).orElse(null));
        map.put("dependencies", manifest == null ? null : dependencies());
        map.put("bundle", bundle.toString());
        map.put("verifies", verifies());
        map.put("refusal", refusal);
        return map;
    }

    private Map<String, String> dependencies()
    {
        final Map<String, String> dependencies = new LinkedHashMap<>();
        if (manifest != null)
        {
            manifest.dependencies().forEach((name, constraint) -> dependencies.put(name, constraint.toString()));
        }
        return dependencies;
    }
}
