package org.hicsim.services.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.pki.BundleSigner;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.VerificationException;

/**
 * Builds the service catalogue: for every manifest {@code <name>-<version>[-<fault kind>].yaml} of the catalogue
 * directory, the jar of its entry class and the service classes it reaches ({@link BundleClasses}, written by
 * {@link DeterministicJar}), packed and signed into {@code <bundles>/<name>-<version>[-<fault kind>].hicmod},
 * beside {@value #TRUST_ROOT}, the root CA certificate that verifies them.
 * <p>
 * Maven runs {@link #main} in the {@code process-classes} phase of module {@code services}, so that its tests,
 * and later modules, find the bundles. A bundle whose content has not changed and whose signature still verifies
 * is left as it is, so a rebuild rewrites only what changed, and bundles of deleted manifests are removed, so the
 * directory lists exactly the catalogue.
 */
public final class CatalogueBuilder
{
    /** The catalogue's trust root in the bundles directory: PEM, the root CA certificate. */
    public static final String TRUST_ROOT = "trust-root.pem";
    public static final String BUNDLE_SUFFIX = ".hicmod";
    /**
     * The signing time of every catalogue bundle: a constant, not the build's time, so that a bundle's signed
     * content is the same on every clone and every day, and a month before virtual time 0
     * ({@link SimulatedEpoch#DEFAULT_EPOCH}), at which simulations verify the catalogue.
     */
    public static final Instant SIGNED_AT = Instant.parse("2025-12-01T00:00:00Z");

    private final Path classes;
    private final Path bundles;
    private final BuildPki pki;
    private final BundleSigner signer;
    private final BundleVerifier verifier;

    /**
     * @param classes      the compiled classes the bundles' code is taken from.
     * @param bundles      where the bundles and the trust root are written (created if missing).
     * @param pkiDirectory the build's PKI, generated there if missing ({@link BuildPki}).
     */
    CatalogueBuilder(final Path classes, final Path bundles, final Path pkiDirectory)
    {
        this.classes = classes;
        this.bundles = bundles;
        this.pki = BuildPki.loadOrGenerate(pkiDirectory);
        this.signer = new BundleSigner(pki.credentials(), Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        this.verifier = new BundleVerifier(List.of(pki.root()));
    }

    /**
     * {@code CatalogueBuilder CATALOGUE_DIR CLASSES_DIR BUNDLES_DIR PKI_DIR}; a fault ends the build with its
     * one-line message.
     */
    public static void main(final String[] args)
    {
        if (args.length != 4)
        {
            throw new IllegalArgumentException(
                "usage: CatalogueBuilder CATALOGUE_DIR CLASSES_DIR BUNDLES_DIR PKI_DIR (got " + args.length + ")");
        }
        final Path bundles = Path.of(args[2]);
        final CatalogueBuilder builder = new CatalogueBuilder(Path.of(args[1]), bundles, Path.of(args[3]));
        final List<Path> written = builder.build(Path.of(args[0]));
        System.out.println("catalogue: " + written.size() + " signed bundle(s) in " + bundles + ", trust root "
            + bundles.resolve(TRUST_ROOT));
    }

    /**
     * Builds every manifest of {@code catalogue} (none when it does not exist) and writes the trust root.
     *
     * @return the bundle files, in the order of their manifests' file names.
     * @throws CatalogueBuildException if a manifest's file name or code is wrong.
     * @throws HicmodFormatException   if a manifest is malformed (with its file, line and column).
     */
    List<Path> build(final Path catalogue)
    {
        createDirectory(bundles);
        HicmodFiles.writeAtomically(bundles.resolve(TRUST_ROOT), pki.rootPem());
        final List<Path> written = new ArrayList<>();
        for (final CatalogueManifest manifest : CatalogueManifest.readAll(catalogue))
        {
            written.add(build(manifest));
        }
        removeBundlesOtherThan(written);
        return written;
    }

    private Path build(final CatalogueManifest catalogueManifest)
    {
        final byte[] jar;
        try
        {
            jar = DeterministicJar.of(BundleClasses.reachableFrom(classes, catalogueManifest.manifest().entry()));
        }
        catch (final CatalogueBuildException ex)
        {
            throw new CatalogueBuildException(catalogueManifest.file() + ": " + ex.getMessage(), ex);
        }
        final byte[] unsigned = BundleWriter.pack(catalogueManifest.manifest(), jar);
        final Path file = bundles.resolve(catalogueManifest.stem() + BUNDLE_SUFFIX);
        if (!isSignedAlready(file, unsigned))
        {
            HicmodFiles.writeAtomically(file, signer.sign(BundleReader.read(unsigned)));
        }
        return file;
    }

    /**
     * Whether {@code file} is a bundle of exactly these unsigned bytes, signed at {@link #SIGNED_AT}, whose
     * signature verifies at virtual time 0, where simulations verify it.
     */
    private boolean isSignedAlready(final Path file, final byte[] unsigned)
    {
        if (!Files.isRegularFile(file))
        {
            return false;
        }
        try
        {
            final Bundle existing = BundleReader.read(file);
            if (!Arrays.equals(existing.signedBytes(), unsigned))
            {
                return false;
            }
            return verifier.verify(existing, SimulatedEpoch.DEFAULT_EPOCH).signingTime().equals(SIGNED_AT);
        }
        catch (final HicmodFormatException | VerificationException ex)
        {
            return false; // a damaged bundle, or one signed by a PKI since replaced: signing anew replaces it
        }
    }

    private void removeBundlesOtherThan(final List<Path> current)
    {
        final Set<Path> keep = new TreeSet<>(current);
        try (Stream<Path> entries = Files.list(bundles))
        {
            for (final Path file : entries.sorted().toList())
            {
                if (file.getFileName().toString().endsWith(BUNDLE_SUFFIX) && !keep.contains(file))
                {
                    Files.delete(file);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new CatalogueBuildException(bundles + ": cannot remove old bundles: " + ex.getMessage(), ex);
        }
    }

    private static void createDirectory(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new CatalogueBuildException(directory + ": cannot create: " + ex.getMessage(), ex);
        }
    }
}
