package org.hicsim.core0.metrics;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SandboxTerminatedException;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.memory.shared.SharedRegionError;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sandbox.SandboxType;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Status;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.memory.PageTable.PAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Core-0 publishes an instance's metrics in a shared region; a Privileged-1 holder reads them directly.
 */
class MetricsRegionsTest
{
    private static final long SANDBOX_BYTES = 4 * PAGE_SIZE;
    private static final long VIEW_ADDRESS = Sandbox.MEMORY_BASE + (1L << 24);
    private static final long PERIOD_NS = MetricsRegions.PUBLISH_PERIOD_NS;

    private final Kernel kernel = new Kernel(KernelConfig.withSeed(5), TraceSink.NONE);
    private final MetricsRegions metrics = kernel.metricsRegions();
    private final int instance = started("netstack-v1.3.0", SandboxType.PRIVILEGED);
    private final int monitor = started("monitor", SandboxType.PRIVILEGED);
    private final SystemCalls monitorCalls = kernel.systemCalls(monitor);
    private final InstanceMetrics counted = kernel.sandboxes().get(instance).metrics();

    @Test
    void shouldPublishWhatCore0CountedForTheHolderToReadDirectly()
    {
        counted.served(Status.OK, 2 * Simulation.MILLIS, 0);
        counted.served(Status.OK, 4 * Simulation.MILLIS, 0);
        counted.served(Status.INTERNAL_ERROR, 6 * Simulation.MILLIS, 0);
        counted.refused(Status.BUSY, 0);

        final MetricsView view = mappedView();

        assertTrue(view.refresh());
        assertEquals(1, view.version());
        assertEquals(instance, view.sandboxId());
        assertTrue(view.isAlive());
        assertFalse(view.hasCrashed());
        assertEquals(4, view.requests());
        assertEquals(2, view.errors());
        assertEquals(0.5, view.errorRate());
        assertEquals(3, view.latencyCount());
        assertEquals(counted.latencyPercentileNs(50), view.latencyP50Ns());
        assertEquals(counted.latencyPercentileNs(99), view.latencyP99Ns());
        assertEquals(counted.latency().getMaxValue(), view.latencyMaxNs());
        assertEquals(0, view.memoryInUseBytes(), "given memory, but nothing written yet");
        assertEquals(counted.cpuConsumedNs(), view.cpuConsumedNs());
    }

    @Test
    void shouldPublishTheMemoryTheInstanceWroteAsItWritesAndReleasesIt()
    {
        final MetricsView view = mappedView();
        final SystemCalls instanceCalls = kernel.systemCalls(instance);
        final long base = instanceCalls.memoryBase();

        instanceCalls.storeLong(base, 1);
        instanceCalls.storeLong(base + 8, 2);
        instanceCalls.loadLong(base + 3 * PAGE_SIZE);
        assertEquals(PAGE_SIZE, publishedInUse(view), "a page for its first store; a second store or a load adds none");

        instanceCalls.storeBytes(base + PAGE_SIZE - 2, new byte[PAGE_SIZE + 4], 0, PAGE_SIZE + 4);
        assertEquals(3 * PAGE_SIZE, publishedInUse(view), "a store across pages writes each");
        assertEquals(SANDBOX_BYTES, counted.memoryBytes(), "what it was given stays what it was given");

        final long region = instanceCalls.createRegion(base + PAGE_SIZE, 2);
        assertTrue(instanceCalls.transfer(region, monitor) > 0);
        assertEquals(PAGE_SIZE, publishedInUse(view), "written frames moved away are no longer its");
        assertEquals(2 * PAGE_SIZE, kernel.sandboxes().get(monitor).metrics().memoryInUseBytes(),
            "they count for whoever holds them");
    }

    @Test
    void shouldRepublishOncePerPeriodOfVirtualTime()
    {
        final MetricsView view = mappedView();
        schedule(PERIOD_NS / 2, () -> counted.served(Status.OK, Simulation.MILLIS, PERIOD_NS / 2));
        schedule(PERIOD_NS, () -> counted.served(Status.OK, Simulation.MILLIS, PERIOD_NS));
        schedule(PERIOD_NS + 1, () -> counted.served(Status.OK, Simulation.MILLIS, PERIOD_NS + 1));

        kernel.simulation().runUntil(PERIOD_NS / 2);
        view.refresh();
        assertEquals(0, view.requests(), "half a period on, the figures of the grant are still the published ones");

        kernel.simulation().runUntil(PERIOD_NS);
        view.refresh();
        assertEquals(2, view.requests(), "the first event at the boundary republishes, after it ran");
        assertEquals(PERIOD_NS, view.sampledAtNs());

        kernel.simulation().runUntil(2 * PERIOD_NS);
        view.refresh();
        assertEquals(2, view.requests(), "no event at or past the next boundary yet");
    }

    @Test
    void shouldPublishTheFinalFiguresOfACrashedInstance()
    {
        final MetricsView view = mappedView();
        counted.served(Status.OK, Simulation.MILLIS, 0);
        kernel.sandboxes().kill(instance, "page fault");
        schedule(PERIOD_NS, () -> { });

        kernel.simulation().runUntil(PERIOD_NS);

        assertTrue(view.refresh());
        assertFalse(view.isAlive());
        assertTrue(view.hasCrashed());
        assertEquals(1, view.requests());
        assertEquals(0, view.memoryInUseBytes());
    }

    @Test
    void shouldGrantOnlyPrivilegedOneSandboxes()
    {
        final int application = started("app", SandboxType.APPLICATION);

        assertEquals(SharedRegionError.READER_NOT_PRIVILEGED.code(), metrics.grantReader(instance, application));
        assertEquals(CapError.NO_SUCH_SANDBOX.code(), metrics.grantReader(instance, 999));
        assertEquals(MetricsRegions.NO_REGION, metrics.regionOf(instance), "a refused grant makes no region");
    }

    @Test
    void shouldNotLetANonHolderMapTheRegion()
    {
        final long handle = metrics.grantReader(instance, monitor);
        final int other = started("other", SandboxType.PRIVILEGED);

        assertEquals(CapError.WRONG_SANDBOX.code(), kernel.systemCalls(other).mapSharedRegion(handle, VIEW_ADDRESS));
        final MetricsView stolen = new MetricsView(kernel.systemCalls(other), VIEW_ADDRESS);
        assertThrows(SandboxTerminatedException.class, stolen::refresh, "nothing is mapped there for it");
    }

    @Test
    void shouldShareOneRegionAmongReadersOfOneInstance()
    {
        final int second = started("second-monitor", SandboxType.PRIVILEGED);
        metrics.grantReader(instance, monitor);
        final int region = metrics.regionOf(instance);

        metrics.grantReader(instance, second);

        assertEquals(region, metrics.regionOf(instance));
        assertEquals(1, kernel.sharedRegions().count());
    }

    private long publishedInUse(final MetricsView view)
    {
        metrics.publishAll(kernel.simulation().nowNs());
        assertTrue(view.refresh());
        return view.memoryInUseBytes();
    }

    private MetricsView mappedView()
    {
        final long handle = metrics.grantReader(instance, monitor);
        assertTrue(handle > 0, () -> "handle=" + handle);
        assertEquals(Status.OK, monitorCalls.mapSharedRegion(handle, VIEW_ADDRESS));
        return new MetricsView(monitorCalls, VIEW_ADDRESS);
    }

    private void schedule(final long atNs, final Runnable action)
    {
        kernel.simulation().scheduleAt(atNs, arg -> action.run(), 0);
    }

    private int started(final String name, final SandboxType type)
    {
        final int id = kernel.sandboxes().create(new SandboxSpec(name, type, SANDBOX_BYTES, 10,
            SandboxSpec.DEFAULT_CAPABILITY_SLOTS));
        kernel.sandboxes().start(id);
        return id;
    }
}
