package org.hicsim.services.netstack;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Service;

/**
 * A real kernel and netstack instances started in their own sandboxes, each driven through its SPI with the
 * sandbox's {@link org.hicsim.core0.SystemCalls} as its context: what the host does, without the bundle.
 */
final class NetstackHarness
{
    static final long SANDBOX_BYTES = 64L << 20;
    static final int CPU_PERCENT = 20;
    static final int GATEWAY = ip(10, 0, 0, 1);
    static final long GATEWAY_MAC = 0x02_00_00_00_00_FEL;
    /** The layout of an instance configured with nothing: 4,096 connections of 8 KiB. */
    static final MemoryMap DEFAULT_MAP = MemoryMap.of(Configuration.EMPTY);

    final Kernel kernel;

    NetstackHarness(final long seed)
    {
        this(KernelConfig.withSeed(seed));
    }

    NetstackHarness(final KernelConfig config)
    {
        kernel = new Kernel(config, TraceSink.NONE);
    }

    int sandbox(final String name)
    {
        return sandbox(name, SANDBOX_BYTES);
    }

    int sandbox(final String name, final long bytes)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, bytes, CPU_PERCENT));
        kernel.sandboxes().start(id);
        return id;
    }

    /**
     * Starts {@code service} configured with {@code configuration} in a sandbox just large enough for the
     * capacity it asks for, with the default route and its ARP entry.
     */
    NetstackClient startConfigured(final String name, final Service service, final Configuration configuration)
    {
        final int sandboxId = sandbox(name, MemoryMap.of(configuration).requiredLength());
        final SystemCalls context = kernel.systemCalls(sandboxId);
        context.configuration(configuration);
        final NetstackClient client = new NetstackClient(service, sandboxId, context);
        service.init(context);
        client.routeAdd(0, 0, GATEWAY, 1);
        client.arpAdd(GATEWAY, GATEWAY_MAC);
        return client;
    }

    /** Starts {@code service} in a new sandbox, with a default route through {@link #GATEWAY} and its ARP entry. */
    NetstackClient start(final String name, final Service service)
    {
        final NetstackClient client = startBare(sandbox(name), service);
        client.routeAdd(0, 0, GATEWAY, 1);
        client.arpAdd(GATEWAY, GATEWAY_MAC);
        return client;
    }

    /** Starts {@code service} in an existing sandbox, with empty tables. */
    NetstackClient startBare(final int sandboxId, final Service service)
    {
        final NetstackClient client = new NetstackClient(service, sandboxId, kernel.systemCalls(sandboxId));
        service.init(client.context);
        return client;
    }

    static Service netstack120()
    {
        return new org.hicsim.services.netstack.v1_2_0.Netstack();
    }

    static Service netstack130()
    {
        return new org.hicsim.services.netstack.v1_3_0.Netstack();
    }

    long nowNs()
    {
        return kernel.simulation().nowNs();
    }

    void advance(final long ns)
    {
        kernel.simulation().runUntil(nowNs() + ns);
    }

    static int ip(final int a, final int b, final int c, final int d)
    {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }
}
