package org.hicsim.services;

import java.nio.file.Path;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.host.Grants;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.build.CatalogueBuilder;

/**
 * A kernel whose services come from the signed bundles this module's build wrote to {@code target/bundles}, each
 * verified against the build's trust root at the kernel's simulated time and loaded by the real host: reference
 * check, isolated class loader, its own sandbox of the manifest's size, and crash containment.
 */
public final class BundleHost
{
    public static final Path BUNDLES = Path.of("target", "bundles");

    public final Kernel kernel = new Kernel(KernelConfig.withSeed(1), TraceSink.NONE);
    public final ServiceHost host = new ServiceHost(kernel);
    private final BundleVerifier verifier = new BundleVerifier(
        Pem.readCertificates(BUNDLES.resolve(CatalogueBuilder.TRUST_ROOT)));

    /**
     * Loads the bundle {@code stem} ({@code netstack-1.3.0-slow}) into a sandbox of that name, granting its
     * dependencies that are loaded already and none of its capability requests.
     */
    public ServiceInstance load(final String stem)
    {
        return host.load(
            verifier.verifyBundle(BundleReader.read(BUNDLES.resolve(stem + CatalogueBuilder.BUNDLE_SUFFIX)),
                SimulatedEpoch.DEFAULT.now(kernel.simulation())),
            stem, Grants.none());
    }

    /** Lets virtual time pass, running what falls due. */
    public void advance(final long ns)
    {
        kernel.simulation().runUntil(kernel.simulation().nowNs() + ns);
    }
}
