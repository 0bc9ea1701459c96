package org.hicsim.core0.workload;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.metrics.InstanceMetrics;
import org.hicsim.core0.request.RequestFixture;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadTest
{
    private static final long WORK_NS = 95 * Simulation.MICROS;
    private static final int OP = 3;

    /** A server at {@code quotaPercent} of a core under a connectionless workload for {@code seconds}. */
    private static Run run(final long seed, final int quotaPercent, final double rate, final TraceSink trace)
    {
        final RequestFixture fixture = new RequestFixture(KernelConfig.withSeed(seed), trace);
        final int server = fixture.sandbox("server", quotaPercent);
        fixture.serve(server, "echo", "1.0.0", fixture.working(server, WORK_NS));
        final int client = fixture.sandbox("client", 100);
        final Workload workload = new Workload(fixture.kernel.simulation(), fixture.kernel.requests(), client,
            fixture.callCapability(client, "echo"), WorkloadSpec.connectionless(rate), OperationMix.of(OP, 64),
            fixture.kernel.simulation().splitRandom());
        workload.start();
        fixture.runFor(10 * Simulation.SECONDS);
        workload.stop();
        fixture.runFor(Simulation.SECONDS);
        return new Run(workload, fixture.kernel.sandboxes().get(server).metrics(), fixture.kernel.simulation().trace()
            .sha256Hex());
    }

    private record Run(Workload workload, InstanceMetrics server, String digest)
    {
    }

    @Test
    void shouldSendRequestsAtTheRateAsked()
    {
        final Run run = run(1, 100, 1000, TraceSink.NONE);

        final long expected = 10_000;
        assertTrue(Math.abs(run.workload.sent() - expected) < 4 * Math.sqrt(expected), "sent=" + run.workload.sent());
        assertEquals(run.workload.sent(), run.workload.answered());
        assertEquals(0, run.workload.errors());
    }

    /**
     * CFS-style quotas throttle only once a period's share is spent, so at 75% of the smaller quota most requests
     * still pass untouched and the cost shows in the tail: the bursts that outrun a period wait for the next.
     */
    @Test
    void shouldRaiseLatencyUnderLoadWhenTheServersQuotaIsHalved()
    {
        final Run full = run(2, 40, 1500, TraceSink.NONE);
        final Run half = run(2, 20, 1500, TraceSink.NONE);

        assertTrue(half.server.latencyPercentileNs(99) > 2 * full.server.latencyPercentileNs(99),
            "p99 at 40%=" + full.server.latencyPercentileNs(99) + " at 20%=" + half.server.latencyPercentileNs(99));
        assertTrue(half.server.latency().getMean() > full.server.latency().getMean());
    }

    /**
     * A request costs the server about 100 µs of CPU, so at 20% of a core it serves at most about 2,000 a second:
     * offered 4,000, it serves that many and refuses the rest once its queue is full.
     */
    @Test
    void shouldSaturateAServerAtTwentyPercentWhereItsQuotaEnds()
    {
        final Run run = run(3, 20, 4000, TraceSink.NONE);

        final double served = run.server.requests() - run.server.errors();
        final double capacity = 10 * 0.2 * Simulation.SECONDS / (WORK_NS + 5 * Simulation.MICROS);
        assertTrue(Math.abs(served - capacity) < 0.05 * capacity, "served=" + served + " capacity=" + capacity);
        assertTrue(run.server.errors() > 0);
    }

    @Test
    void shouldReportTheSameMetricsWithTheTraceOff()
    {
        final List<String> lines = new ArrayList<>();
        final Run traced = run(4, 30, 2500, lines::add);
        final Run silent = run(4, 30, 2500, TraceSink.NONE);

        assertTrue(lines.size() > 0);
        assertEquals(traced.server.requests(), silent.server.requests());
        assertEquals(traced.server.errors(), silent.server.errors());
        assertEquals(traced.server.latency(), silent.server.latency());
        assertEquals(traced.server.cpuConsumedNs(), silent.server.cpuConsumedNs());
    }

    @Test
    void shouldGiveTheSameRunForTheSameSeedAndAnotherForAnother()
    {
        final Run first = run(5, 50, 800, TraceSink.NONE);
        final Run again = run(5, 50, 800, TraceSink.NONE);
        final Run other = run(6, 50, 800, TraceSink.NONE);

        assertEquals(first.digest, again.digest);
        assertEquals(first.workload.sent(), again.workload.sent());
        assertEquals(first.workload.latency(), again.workload.latency());
        assertNotEquals(first.workload.sent(), other.workload.sent());
    }
}
