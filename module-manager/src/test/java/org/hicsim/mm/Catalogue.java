package org.hicsim.mm;

import java.nio.file.Path;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.registry.ServiceInterface;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.store.PersistentStore;
import org.hicsim.core0.workload.RequestShaper;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.host.ServiceHost;

/**
 * A kernel with the Module Manager booted on the catalogue's signed bundles (built by the services module into
 * {@code services/target/bundles}), an operator sandbox holding the update capability, and a client sandbox for
 * workloads.
 */
final class Catalogue
{
    static final Path BUNDLES = Path.of("..", "services", "target", "bundles");

    final KernelConfig config;
    final Kernel kernel;
    final ServiceHost host;
    final ModuleManager manager;
    final int operator;
    final long updateCapability;
    final int clients;

    Catalogue(final long seed, final TraceSink trace, final String... stems)
    {
        this(KernelConfig.withSeed(seed), trace, stems);
    }

    Catalogue(final KernelConfig config, final TraceSink trace, final String... stems)
    {
        this(config, trace, null, stems);
    }

    private Catalogue(final KernelConfig config, final TraceSink trace, final PersistentStore previous,
        final String... stems)
    {
        this.config = config;
        kernel = new Kernel(config, trace);
        if (previous != null)
        {
            previous.moveInto(kernel.store());
        }
        host = new ServiceHost(kernel);
        manager = ModuleManager.boot(kernel, host, BundleRepository.of(BUNDLES),
            Pem.readCertificates(BUNDLES.resolve("trust-root.pem")));
        for (final String stem : stems)
        {
            manager.install(stem);
        }
        operator = sandbox("operator");
        updateCapability = manager.grantUpdateCapability(operator);
        clients = sandbox("clients");
    }

    /**
     * The whole system restarted: the power goes, and a new Core-0 boots with this one's persistent store; the
     * Module Manager, booted with it, installs again what its journal made permanent. Nothing of this system's
     * sandboxes, instances or events goes along.
     */
    Catalogue restarted(final TraceSink trace)
    {
        return new Catalogue(config, trace, kernel.store());
    }

    int sandbox(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, 4096, 100));
        kernel.sandboxes().start(id);
        return id;
    }

    /** A workload on {@code service} from the client sandbox, with a call capability of its own. */
    Workload workload(final String service, final WorkloadSpec spec, final RequestShaper shaper)
    {
        final int serviceId = kernel.registry().serviceId(new ServiceInterface(service, ServiceHost.INTERFACE));
        final long capability = kernel.capabilities().issue(CapabilitySystem.CORE0, clients,
            ObjectKind.SERVICE_ENDPOINT, serviceId, Rights.CALL, 0);
        return new Workload(kernel.simulation(), kernel.requests(), clients, capability, spec, shaper,
            kernel.simulation().splitRandom());
    }

    void advance(final long ns)
    {
        kernel.simulation().runUntil(kernel.simulation().nowNs() + ns);
    }

    void advanceUntilDone(final UpdateReport report, final long limitNs)
    {
        final long endNs = kernel.simulation().nowNs() + limitNs;
        while (report.outcome() == UpdateOutcome.IN_PROGRESS && kernel.simulation().nowNs() < endNs)
        {
            advance(Simulation.SECONDS);
        }
    }
}
