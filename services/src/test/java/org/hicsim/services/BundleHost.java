package org.hicsim.services;

import java.nio.file.Path;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Configuration;
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

    public final Kernel kernel;
    public final ServiceHost host;
    private final BundleVerifier verifier = new BundleVerifier(
        Pem.readCertificates(BUNDLES.resolve(CatalogueBuilder.TRUST_ROOT)));

    public BundleHost()
    {
        this(1);
    }

    /** A kernel whose run is seeded with {@code seed}. */
    public BundleHost(final long seed)
    {
        kernel = new Kernel(KernelConfig.withSeed(seed), TraceSink.NONE);
        host = new ServiceHost(kernel);
    }

    /**
     * Loads the bundle {@code stem} ({@code netstack-1.3.0-slow}) into a sandbox of that name, granting its
     * dependencies that are loaded already and none of its capability requests.
     */
    public ServiceInstance load(final String stem)
    {
        return load(stem, Configuration.EMPTY);
    }

    /** {@link #load(String)}, the service started with {@code configuration} over its manifest's defaults. */
    public ServiceInstance load(final String stem, final Configuration configuration)
    {
        return host.load(
            verifier.verifyBundle(BundleReader.read(BUNDLES.resolve(stem + CatalogueBuilder.BUNDLE_SUFFIX)),
                SimulatedEpoch.DEFAULT.now(kernel.simulation())),
            stem, Grants.none(), configuration);
    }

    /** Lets virtual time pass, running what falls due. */
    public void advance(final long ns)
    {
        kernel.simulation().runUntil(kernel.simulation().nowNs() + ns);
    }
}
