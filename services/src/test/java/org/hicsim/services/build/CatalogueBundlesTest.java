package org.hicsim.services.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.Pem;
import org.junit.jupiter.api.Test;

/**
 * What this module's build wrote (the {@code process-classes} step, before the tests): the real catalogue's
 * bundles, one per manifest, each verifying against the published trust root.
 */
class CatalogueBundlesTest
{
    private static final Path CATALOGUE = Path.of("src", "main", "catalogue");
    private static final Path BUNDLES = Path.of("target", "bundles");

    @Test
    void shouldHaveABundleThatVerifiesForEveryManifest()
    {
        final BundleVerifier verifier =
            new BundleVerifier(Pem.readCertificates(BUNDLES.resolve(CatalogueBuilder.TRUST_ROOT)));
        for (final CatalogueManifest manifest : CatalogueManifest.readAll(CATALOGUE))
        {
            final Bundle bundle = BundleReader.read(BUNDLES.resolve(manifest.stem() + CatalogueBuilder.BUNDLE_SUFFIX));

            assertEquals(CatalogueBuilder.SIGNED_AT, verifier.verify(bundle, SimulatedEpoch.DEFAULT_EPOCH).signingTime());
            assertEquals(manifest.manifest(), bundle.manifest());
        }
    }

    @Test
    void shouldHoldNoBundleWithoutAManifest() throws IOException
    {
        final List<String> expected = CatalogueManifest.readAll(CATALOGUE).stream()
            .map(manifest -> manifest.stem() + CatalogueBuilder.BUNDLE_SUFFIX)
            .toList();

        try (Stream<Path> files = Files.list(BUNDLES))
        {
            assertEquals(expected, files.map(file -> file.getFileName().toString())
                .filter(name -> name.endsWith(CatalogueBuilder.BUNDLE_SUFFIX))
                .sorted()
                .toList());
        }
    }
}
