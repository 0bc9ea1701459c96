package org.hicsim.services.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.host.Grants;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every clone of the project builds its catalogue under a PKI of its own: fresh keys, serial numbers and so
 * signatures. A run must not tell two clones apart: nothing clone-specific may reach a trace line or an audit
 * record, and the certificates must be checked against the simulated clock, not the day of the build.
 */
class IndependentPkisTest
{
    private static final Path CATALOGUE = Path.of("src", "main", "catalogue");
    private static final Path CLASSES = Path.of("target", "classes");
    private static final String STEM = "netstack-1.3.0";
    private static final long SEED = 7;

    @TempDir
    Path directory;

    @Test
    void sameSeedGivesSameTraceDigestAndAuditUnderTwoIndependentlyGeneratedPkis() throws IOException
    {
        final Path catalogue = Files.createDirectory(directory.resolve("catalogue"));
        Files.copy(CATALOGUE.resolve(STEM + ".yaml"), catalogue.resolve(STEM + ".yaml"));

        final Run first = run(build(catalogue, "first"));
        final Run second = run(build(catalogue, "second"));

        assertNotEquals(first.trustRoot, second.trustRoot, "two PKIs, two roots");
        assertFalse(Arrays.equals(first.signature, second.signature), "two PKIs, two signatures");
        assertTrue(first.traceLines.size() > 1, first.traceLines.toString());
        assertEquals(first.traceLines, second.traceLines);
        assertEquals(first.traceDigest, second.traceDigest);
        assertEquals(first.auditLines, second.auditLines);
        assertEquals(first.auditHead, second.auditHead);
    }

    /** The catalogue built into {@code name}/bundles under a PKI generated in {@code name}/pki. */
    private Path build(final Path catalogue, final String name)
    {
        final Path bundles = directory.resolve(name).resolve("bundles");
        new CatalogueBuilder(CLASSES, bundles, directory.resolve(name).resolve("pki")).build(catalogue);
        return bundles;
    }

    /** The bundle verified at the kernel's simulated time, loaded through the host, probed and shut down. */
    private static Run run(final Path bundles)
    {
        final List<String> traceLines = new ArrayList<>();
        final Kernel kernel = new Kernel(KernelConfig.withSeed(SEED), traceLines::add);
        final Bundle bundle = BundleReader.read(bundles.resolve(STEM + CatalogueBuilder.BUNDLE_SUFFIX));
        final String trustRoot = String.valueOf(Pem.readCertificates(bundles.resolve(CatalogueBuilder.TRUST_ROOT)));
        final ServiceInstance instance = new ServiceHost(kernel).load(
            new BundleVerifier(Pem.readCertificates(bundles.resolve(CatalogueBuilder.TRUST_ROOT)))
                .verifyBundle(bundle, SimulatedEpoch.DEFAULT.now(kernel.simulation())),
            STEM, Grants.none());
        assertTrue(instance.isAlive());
        kernel.simulation().runUntil(kernel.simulation().nowNs() + 1_000_000);
        instance.probe(new HealthReport());
        instance.shutdown();
        return new Run(trustRoot, bundle.signature(), traceLines, kernel.simulation().trace().sha256Hex(),
            kernel.audit().exportLines(), kernel.audit().headHash());
    }

    private record Run(
        String trustRoot, byte[] signature, List<String> traceLines, String traceDigest, List<String> auditLines,
        String auditHead)
    {
    }
}
