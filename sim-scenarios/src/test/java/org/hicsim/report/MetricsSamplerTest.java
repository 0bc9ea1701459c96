package org.hicsim.report;

import java.lang.management.ManagementFactory;

import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.metrics.InstanceMetrics;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.report.MetricSeries.Metric;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sampler against a real Core-0: two instances of one service with connections in the dispatch table, requests
 * recorded in their kernel-kept metrics, CPU charged to their quotas; the figures it samples are those.
 */
class MetricsSamplerTest
{
    private static final long MEMORY_BYTES = 4L * 1024 * 1024;
    private static final long SECOND = Simulation.SECONDS;

    private final Kernel kernel = new Kernel(KernelConfig.withSeed(7), TraceSink.NONE);
    private final Simulation simulation = kernel.simulation();
    private final int oldSandbox = sandbox("net-v1.0.0");
    private final int newSandbox = sandbox("net-v1.1.0");
    private final int managerSandbox = sandbox("module-manager");
    private final int oldEndpoint = endpoint("net-old", oldSandbox);
    private final int newEndpoint = endpoint("net-new", newSandbox);
    private final int serviceId = kernel.registry().register(ServiceName.of("net", new SemanticVersion(1, 0, 0), "tcp"),
        oldEndpoint);
    private final MetricsSampler sampler = new MetricsSampler(kernel);
    private final int oldIndex = sampler.track("net-1.0.0#" + oldSandbox, "net", "1.0.0", oldSandbox, serviceId,
        oldEndpoint);
    private final int newIndex = sampler.track("net-1.1.0#" + newSandbox, "net", "1.1.0", newSandbox, serviceId,
        newEndpoint);
    private final int managerIndex = sampler.trackSandbox("module-manager#" + managerSandbox, managerSandbox);

    private int sandbox(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, MEMORY_BYTES, 50));
        assertTrue(id > 0, name + ": " + id);
        return id;
    }

    private int endpoint(final String name, final int owner)
    {
        return kernel.endpoints().create(name, owner, EndpointType.GENERIC, 4096, 1000);
    }

    private InstanceMetrics metrics(final int sandboxId)
    {
        return kernel.sandboxes().get(sandboxId).metrics();
    }

    private void runTo(final long nowNs)
    {
        simulation.runUntil(nowNs);
    }

    @Test
    void shouldSampleTheConnectionsEachInstanceOwnsInTheDispatchTable()
    {
        for (int i = 0; i < 7; i++)
        {
            kernel.dispatcher().open(serviceId, oldEndpoint, i, i);
        }
        for (int i = 0; i < 3; i++)
        {
            kernel.dispatcher().open(serviceId, newEndpoint, i, i);
        }
        runTo(SECOND);
        sampler.sample();

        final MetricSeries series = sampler.series();
        assertEquals(7, series.value(oldIndex, Metric.CONNECTIONS, 0));
        assertEquals(3, series.value(newIndex, Metric.CONNECTIONS, 0));
        assertTrue(Double.isNaN(series.value(managerIndex, Metric.CONNECTIONS, 0)), "a plain sandbox has none");
    }

    @Test
    void shouldSampleTheIntervalsRequestsErrorRateLatencyAndTrafficShare()
    {
        runTo(SECOND);
        sampler.sample();
        for (int i = 0; i < 90; i++)
        {
            metrics(oldSandbox).served(0, 2 * Simulation.MILLIS, simulation.nowNs());
        }
        for (int i = 0; i < 10; i++)
        {
            metrics(oldSandbox).served(i < 5 ? 0 : 7, 4 * Simulation.MILLIS, simulation.nowNs());
        }
        for (int i = 0; i < 300; i++)
        {
            metrics(newSandbox).served(0, 1 * Simulation.MILLIS, simulation.nowNs());
        }
        runTo(2 * SECOND);
        sampler.sample();

        final MetricSeries series = sampler.series();
        assertEquals(100, series.value(oldIndex, Metric.REQUESTS, 1));
        assertEquals(5, series.value(oldIndex, Metric.ERRORS, 1));
        assertEquals(0.05, series.value(oldIndex, Metric.ERROR_RATE, 1), 1e-12);
        assertEquals(0.25, series.value(oldIndex, Metric.TRAFFIC_SHARE, 1), 1e-12);
        assertEquals(0.75, series.value(newIndex, Metric.TRAFFIC_SHARE, 1), 1e-12);
        assertEquals(2 * Simulation.MILLIS, series.value(oldIndex, Metric.LATENCY_P50_NS, 1), 0.01 * 2e6);
        assertEquals(4 * Simulation.MILLIS, series.value(oldIndex, Metric.LATENCY_P99_NS, 1), 0.01 * 4e6);
        assertTrue(Double.isNaN(series.value(oldIndex, Metric.ERROR_RATE, 0)), "no request in the first interval");
    }

    @Test
    void shouldMeasureLatencyPerIntervalNotSinceTheStart()
    {
        for (int i = 0; i < 1000; i++)
        {
            metrics(oldSandbox).served(0, 50 * Simulation.MILLIS, simulation.nowNs());
        }
        runTo(SECOND);
        sampler.sample();
        for (int i = 0; i < 10; i++)
        {
            metrics(oldSandbox).served(0, Simulation.MILLIS, simulation.nowNs());
        }
        runTo(2 * SECOND);
        sampler.sample();

        final double p99 = sampler.series().value(oldIndex, Metric.LATENCY_P99_NS, 1);
        assertEquals(Simulation.MILLIS, p99, 0.01 * 1e6, "the slow requests were an interval before");
    }

    @Test
    void shouldSampleMemoryAndTheIntervalsCpuShare()
    {
        runTo(SECOND);
        sampler.sample();
        kernel.cpu().submit(managerSandbox, 100 * Simulation.MILLIS, arg -> { }, 0);
        runTo(2 * SECOND);
        sampler.sample();

        final MetricSeries series = sampler.series();
        assertEquals(MEMORY_BYTES, series.value(managerIndex, Metric.MEMORY_BYTES, 1));
        assertEquals(0.1, series.value(managerIndex, Metric.CPU_SHARE, 1), 1e-9);
        assertEquals(0, series.value(oldIndex, Metric.CPU_SHARE, 1));
    }

    @Test
    void shouldGiveADeadInstanceOneLastSampleThenNone()
    {
        runTo(SECOND);
        sampler.sample();
        kernel.sandboxes().kill(oldSandbox, "test");
        runTo(2 * SECOND);
        sampler.sample();
        runTo(3 * SECOND);
        sampler.sample();

        final MetricSeries series = sampler.series();
        assertEquals(0, series.value(oldIndex, Metric.MEMORY_BYTES, 1));
        assertEquals(2 * SECOND, series.diedAtNs(oldIndex));
        assertEquals(2, series.endSample(oldIndex));
        assertTrue(Double.isNaN(series.value(oldIndex, Metric.MEMORY_BYTES, 2)));
        assertEquals(MEMORY_BYTES, series.value(newIndex, Metric.MEMORY_BYTES, 2));
        assertEquals(-1, series.diedAtNs(newIndex));
    }

    @Test
    void shouldGiveAnInstanceTrackedLateValuesFromTheNextSampleOn()
    {
        runTo(SECOND);
        sampler.sample();
        final int late = sandbox("late");
        final int lateIndex = sampler.trackSandbox("late#" + late, late);
        runTo(2 * SECOND);
        sampler.sample();

        final MetricSeries series = sampler.series();
        assertEquals(1, series.firstSample(lateIndex));
        assertTrue(Double.isNaN(series.value(lateIndex, Metric.MEMORY_BYTES, 0)));
        assertEquals(MEMORY_BYTES, series.value(lateIndex, Metric.MEMORY_BYTES, 1));
        assertEquals(SECOND, series.instances().get(lateIndex).createdAtNs());
    }

    @Test
    void shouldAnswerTheSameIndexWhenAnInstanceIsTrackedAgain()
    {
        assertEquals(oldIndex, sampler.track("net-1.0.0#" + oldSandbox, "net", "1.0.0", oldSandbox, serviceId,
            oldEndpoint));
        assertEquals(3, sampler.series().instances().size());
    }

    @Test
    void shouldRefuseALabelAnotherInstanceHas()
    {
        final int other = sandbox("other");
        assertThrows(IllegalArgumentException.class, () -> sampler.trackSandbox("module-manager#" + managerSandbox,
            other));
    }

    @Test
    void shouldTakeOneSampleAtOneInstant()
    {
        runTo(SECOND);
        sampler.sample();
        sampler.sample();
        assertEquals(1, sampler.series().sampleCount());
    }

    @Test
    void shouldSuggestRoundIntervalsOfAboutSixHundredSamplesPerRun()
    {
        assertEquals(Simulation.MILLIS, MetricsSampler.intervalFor(100 * Simulation.MILLIS));
        assertEquals(200 * Simulation.MILLIS, MetricsSampler.intervalFor(2 * Simulation.MINUTES));
        assertEquals(10 * SECOND, MetricsSampler.intervalFor(Simulation.HOURS));
        assertEquals(20 * SECOND, MetricsSampler.intervalFor(2 * Simulation.HOURS));
    }

    @Test
    void shouldNotAllocateWhileSampling()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        kernel.dispatcher().open(serviceId, oldEndpoint, 1, 1);
        // 2,100 samples grow the series' arrays to 4,096 samples, so the measured ones below fit without growing.
        final int warmUp = 2_100;
        final int rounds = 1_500;
        sampleRounds(0, warmUp);
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        sampleRounds(warmUp, rounds);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        // A few bytes may come from the runtime during the window; an allocation per sample would cost at least
        // 16 bytes a round.
        assertTrue(allocated < rounds, "bytes allocated by " + rounds + " samples: " + allocated);
        assertEquals(warmUp + rounds, sampler.series().sampleCount());
    }

    private void sampleRounds(final int first, final int rounds)
    {
        for (int round = first; round < first + rounds; round++)
        {
            metrics(oldSandbox).served(0, Simulation.MILLIS + round, simulation.nowNs());
            metrics(newSandbox).served(round % 2, Simulation.MILLIS, simulation.nowNs());
            runTo((round + 1) * Simulation.MILLIS);
            sampler.sample();
        }
    }

    @Test
    void shouldRecordMemoryInWholeFrames()
    {
        runTo(SECOND);
        sampler.sample();
        assertEquals(0, (long)sampler.series().value(managerIndex, Metric.MEMORY_BYTES, 0) % PhysicalMemory.FRAME_SIZE);
    }
}
