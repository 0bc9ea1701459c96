package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gates of HIC step 2.4, each with a faulty build that fails it: the test packets go through Core-0's request
 * path to both instances once the new one has the old one's tables, and a refusal is a clean abort before the
 * point of no return.
 */
class PhaseTwoGatesTest
{
    private static final UpdatePolicy QUICK = UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
        .build();

    private final List<String> trace = new ArrayList<>();
    private final Catalogue catalogue = new Catalogue(3, trace::add,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final ServiceInstance old = catalogue.manager.instance("netstack");

    private UpdateReport update(final String stem, final UpdatePolicy policy)
    {
        catalogue.workload("netstack", WorkloadSpec.of(2, 2, 2, 2, 2, 50), new NetstackWorkload(10)).start();
        catalogue.advance(Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", stem, policy, done -> { });
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        return report;
    }

    private void assertAbortedBeforeAnythingMoved(final UpdateReport report, final Refusal refusal)
    {
        assertEquals(UpdateOutcome.ABORTED, report.outcome(), report.toString());
        assertEquals(refusal, report.refusal(), report.toString());
        assertEquals(0, report.migrated());
        assertEquals(old, catalogue.manager.instance("netstack"));
        assertTrue(old.isAlive());
        assertTrue(trace.stream().noneMatch(line -> line.contains(" mm.point-of-no-return ")));
    }

    private long timeOf(final String kind)
    {
        final String line = trace.stream().filter(l -> l.contains(" " + kind + " ")).findFirst().orElseThrow();
        return Long.parseLong(line.substring(2, line.indexOf(' ')));
    }

    @Test
    void shouldPassTheReleaseThroughEveryGateInVirtualTime()
    {
        final UpdateReport report = update("netstack-1.3.0", QUICK);

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertTrue(report.baselineOldNs() > 0 && report.baselineNewNs() > 0, report.toString());
        assertTrue(report.baselineNewNs() <= report.baselineOldNs() * 1.05);
        assertEquals(0, report.leakGrowthBytes());
        final long gatesNs = timeOf("mm.point-of-no-return") - timeOf("mm.round-trip");
        final long packetNs = catalogue.kernel.costs().requestCpuNs() + 2 * catalogue.kernel.costs().ipcLatencyNs();
        assertTrue(gatesNs >= (2L * QUICK.gateRequests() + QUICK.leakCheckRequests()) * packetNs,
            "each test packet is a request served one after another: " + gatesNs);
    }

    @Test
    void shouldRefuseANewInstanceThatAnswersTheTestPacketsDifferently()
    {
        final UpdateReport report = update("netstack-1.3.0-inconsistent", QUICK);

        assertAbortedBeforeAnythingMoved(report, Refusal.CONSISTENCY_CHECK_FAILED);
    }

    @Test
    void shouldRefuseANewInstanceSlowerThanTheBaselineAllows()
    {
        final UpdateReport report = update("netstack-1.3.0-slow", QUICK);

        assertAbortedBeforeAnythingMoved(report, Refusal.BASELINE_REGRESSION);
        assertTrue(report.baselineNewNs() > report.baselineOldNs() * (1 + QUICK.baselineToleranceRatio()),
            report.baselineOldNs() + " " + report.baselineNewNs());
    }

    @Test
    void shouldLetTheSlowBuildPassWhenThePolicyToleratesIt()
    {
        final UpdateReport report = update("netstack-1.3.0-slow",
            QUICK.toBuilder().baselineToleranceRatio(1.0).build());

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
    }

    @Test
    void shouldRefuseANewInstanceWhoseMemoryGrowsOverTheLeakCheck()
    {
        final UpdateReport report = update("netstack-1.3.0-memory-leak", QUICK);

        assertAbortedBeforeAnythingMoved(report, Refusal.LEAK_SUSPECTED);
        assertTrue(report.leakGrowthBytes() > QUICK.leakGrowthBytesMax(), report.toString());
    }
}
