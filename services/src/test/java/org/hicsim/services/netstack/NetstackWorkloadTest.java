package org.hicsim.services.netstack;

import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.metrics.InstanceMetrics;
import org.hicsim.core0.registry.ServiceInterface;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.BundleHost;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netstack 1.2.0 from its signed bundle, under eth_driver and ipc_lib, serving a seeded client population through
 * the request path: connections of every class open, and the HTTP-like cycle of send, peer response and read
 * runs on each without a protocol error.
 */
class NetstackWorkloadTest
{
    private static final int PER_CLASS = 20;
    private static final int CONNECTIONS = 5 * PER_CLASS;
    private static final double RATE = 600;

    private final BundleHost host = new BundleHost();
    private final ServiceInstance eth = host.load("eth_driver-1.2.0");
    private final ServiceInstance ipc = host.load("ipc_lib-2.0.0");
    private final ServiceInstance netstack = host.load("netstack-1.2.0");
    private final Workload workload;

    NetstackWorkloadTest()
    {
        final int client = host.kernel.sandboxes().create(SandboxSpec.privileged("clients", 4096, 100));
        host.kernel.sandboxes().start(client);
        final int serviceId = host.kernel.registry().serviceId(new ServiceInterface("netstack", ServiceHost.INTERFACE));
        final long capability = host.kernel.capabilities().issue(CapabilitySystem.CORE0, client,
            ObjectKind.SERVICE_ENDPOINT, serviceId, Rights.CALL, 0);
        workload = new Workload(host.kernel.simulation(), host.kernel.requests(), client, capability,
            WorkloadSpec.of(PER_CLASS, PER_CLASS, PER_CLASS, PER_CLASS, PER_CLASS, RATE)
                .withOpenOver(Simulation.SECONDS),
            new NetstackWorkload(CONNECTIONS), host.kernel.simulation().splitRandom());
    }

    @Test
    void shouldOpenEveryConnectionAndServeTheCycleWithoutAnError()
    {
        workload.start();
        host.advance(10 * Simulation.SECONDS);
        workload.stop();
        host.advance(Simulation.SECONDS);

        assertEquals(CONNECTIONS, workload.opened());
        assertEquals(workload.sent(), workload.answered());
        assertEquals(0, workload.errors(), "errors by status: " + errorsByStatus());
        final Message reply = new Message();
        assertEquals(Status.OK, netstack.handle(new Message().operation(NetstackProtocol.STATS), reply));
        assertEquals(CONNECTIONS, reply.argument(0));
        assertTrue(reply.argument(3) > 0, "data delivered: " + reply.argument(3));
    }

    @Test
    void shouldCountWhatNetstackServedInItsInstanceMetrics()
    {
        workload.start();
        host.advance(10 * Simulation.SECONDS);

        final InstanceMetrics metrics = netstack.metrics();
        assertTrue(metrics.requests() > 0.9 * 10 * RATE, "requests=" + metrics.requests());
        assertTrue(metrics.latencyPercentileNs(50) > 2 * host.kernel.costs().ipcLatencyNs());
        assertTrue(metrics.cpuConsumedNs() > metrics.requests() * host.kernel.costs().requestCpuNs());
        assertTrue(metrics.throughputPerSecond(host.kernel.simulation().nowNs(), 5) > 0.8 * RATE);
        assertTrue(metrics.memoryBytes() > 0);
    }

    private String errorsByStatus()
    {
        final StringBuilder text = new StringBuilder();
        for (final int status : new int[] {Status.BUSY, Status.UNKNOWN_CONNECTION, NetstackProtocol.WINDOW_FULL,
            NetstackProtocol.OUT_OF_ORDER, NetstackProtocol.NOT_ESTABLISHED, NetstackProtocol.NO_ROUTE,
            NetstackProtocol.HOST_UNREACHABLE, NetstackProtocol.TRANSFER_REFUSED, Status.INVALID_ARGUMENT})
        {
            text.append(status).append('=').append(workload.errors(status)).append(' ');
        }
        return text.toString();
    }
}
