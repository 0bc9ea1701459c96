package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.dispatch.Dispatcher;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.fault.FaultPlan;
import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.fault.FaultSetting;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state an update moves crosses the migration channel, and each connection is checked after its move: a
 * tampered record is refused, counted and its state moved again, and a connection whose sequence does not continue
 * on the new instance is tried again, then handed back to the old one alone.
 */
class MigrationPathTest
{
    private static final int CONNECTIONS = 40;
    private static final UpdatePolicy QUICK = UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
        .build();

    private final List<String> trace = new ArrayList<>();
    private Catalogue catalogue;
    private Workload workload;

    private UpdateReport update(final KernelConfig config, final String stem)
    {
        return update(config, stem, QUICK);
    }

    private UpdateReport update(final KernelConfig config, final String stem, final UpdatePolicy policy)
    {
        catalogue = new Catalogue(config, trace::add, "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
        workload = catalogue.workload("netstack", WorkloadSpec.of(5, 5, 10, 10, 10, 100), new NetstackWorkload(
            CONNECTIONS));
        workload.start();
        catalogue.advance(2 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", stem, policy, done -> { });
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        return report;
    }

    private List<String> lines(final String kind)
    {
        return trace.stream().filter(line -> line.contains(" " + kind + " ")).toList();
    }

    private static long field(final String line, final String name)
    {
        final int start = line.indexOf(" " + name + "=") + name.length() + 2;
        final int end = line.indexOf(' ', start);
        return Long.parseLong(line.substring(start, end < 0 ? line.length() : end));
    }

    @Test
    void shouldCarryTheSnapshotAndEachConnectionOverOneChannelBetweenTheTwoInstancesOnly()
    {
        final UpdateReport report = update(KernelConfig.withSeed(5), "netstack-1.3.0");

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertEquals(CONNECTIONS, report.migrated());
        assertEquals(1, report.channelsOpened());
        assertEquals(0, report.channelRefused());
        final String open = lines("mm.channel.open").get(0);
        final String create = lines("channel.create").get(0);
        final ServiceInstance now = catalogue.manager.instance("netstack");
        assertTrue(create.contains(" responder=" + now.sandboxId() + " "), create);
        assertTrue(field(lines("channel.established").get(0), "t") > field(open, "t"), "the handshake takes time");
        final String close = lines("channel.close").get(0);
        assertTrue(close.contains("reason=requested"), close);
        assertTrue(lines("mm.channel.close").get(0).contains("reason=migration_done"));
        assertTrue(field(close, "initiatorSent") >= CONNECTIONS + 1, "the snapshot and every connection: " + close);
        assertEquals(field(close, "initiatorSent"), field(close, "responderDelivered"), close);
        assertEquals(0, catalogue.manager.channels().openCount(), "torn down in phase 4");
        assertEquals(0, workload.lost());
        assertTrue(catalogue.kernel.audit().exportText().contains("mm.channel.open"));
    }

    @Test
    void shouldRefuseCountAndRetryTamperedRecordsAndLoseNoConnection()
    {
        final KernelConfig config = KernelConfig.withSeed(5).withFaults(FaultPlan.none().with(
            FaultPoint.MIGRATION_CHANNEL_TAMPER, new FaultSetting(0.1, 0, 0)));

        final UpdateReport report = update(config, "netstack-1.3.0");

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertTrue(report.channelRefused() > 0, report.toString());
        assertEquals(report.channelRefused() + 1, report.channelsOpened(), "a new channel after each refusal");
        assertTrue(report.retried() > 0);
        assertEquals(CONNECTIONS, report.migrated());
        assertEquals(0, report.failed());
        assertEquals(0, report.lost());
        assertEquals(0, workload.lost());
        assertEquals(report.channelRefused(), lines("channel.refused").size());
        assertFalse(lines("mm.connection.retry").isEmpty());
        assertTrue(catalogue.kernel.audit().exportText().contains("channel.refused"));
    }

    @Test
    void shouldRetryThenHandBackEachConnectionWhoseSequenceDoesNotContinue()
    {
        final UpdateReport report = update(KernelConfig.withSeed(5), "netstack-1.3.0-sequence-skew");

        final int tries = QUICK.connectionRetries() + 1;
        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertEquals(CONNECTIONS * tries, report.verificationFailed());
        assertEquals(CONNECTIONS * (tries - 1), report.retried());
        assertEquals(0, report.migrated());
        assertEquals(CONNECTIONS, report.failed());
        assertEquals(CONNECTIONS, report.rebuilt(), "left on the old instance, they reconnect to the new one");
        assertEquals(0, report.lost());
        final String unverified = lines("mm.connection.unverified").get(0);
        assertTrue(unverified.contains("reason=sequence_discontinuity"), unverified);
        assertEquals(CONNECTIONS, lines("mm.connection.failed").size());
        assertTrue(lines("mm.connection.failed").get(0).contains("handedBackTo=old"));
    }

    @Test
    void shouldHaveTheClientsOfConnectionsLeftOnTheOldInstanceReconnectToTheNewOne()
    {
        final UpdateReport report = update(KernelConfig.withSeed(5), "netstack-1.3.0-sequence-skew");
        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertEquals(CONNECTIONS, report.rebuilt(), report.toString());
        catalogue.advance(5 * Simulation.SECONDS);
        final long failuresSettled = workload.errors() - workload.errors(Dispatcher.UNKNOWN_CONNECTION);

        catalogue.advance(30 * Simulation.SECONDS);

        final ServiceInstance now = catalogue.manager.instance("netstack");
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(now.serviceId());
        assertEquals(table.openCount(), table.ownedBy(now.endpointId()), "every connection on the new instance");
        assertTrue(table.openCount() >= CONNECTIONS - 5, "all but the idle ones reopened: " + table.openCount());
        assertEquals(0, workload.errors(SystemCalls.IPC_NO_ENDPOINT), "no request sent to the instance reclaimed");
        assertTrue(workload.lost() <= CONNECTIONS, "each client found its connection gone once");
        assertEquals(workload.lost(), workload.errors(Dispatcher.UNKNOWN_CONNECTION));
        assertEquals(failuresSettled, workload.errors() - workload.errors(Dispatcher.UNKNOWN_CONNECTION),
            "no request fails but the one that tells a client to reconnect");
    }

    /**
     * The slow build answers each probe a few microseconds later than the old instance: under a limit smaller than
     * that increase every connection fails its check and goes back, under the default 10 ms every one stays moved.
     */
    @Test
    void shouldHandBackEachConnectionWhoseFirstRequestIsSlowerThanThePolicyAllows()
    {
        final UpdatePolicy tolerant = QUICK.toBuilder().baselineToleranceRatio(1.0).build();
        final UpdateReport strict = update(KernelConfig.withSeed(5), "netstack-1.3.0-slow",
            tolerant.toBuilder().firstRequestLatencyIncreaseMaxNs(1).build());

        assertEquals(UpdateOutcome.COMPLETED, strict.outcome(), strict.toString());
        assertEquals(0, strict.migrated());
        assertEquals(CONNECTIONS, strict.failed());
        assertEquals(0, strict.lost());
        final String unverified = lines("mm.connection.unverified").get(0);
        final long increaseNs = field(unverified.replace("reason=latency_increase_ns=", "increase="), "increase");
        assertTrue(increaseNs >= 1 && increaseNs < tolerant.firstRequestLatencyIncreaseMaxNs(), unverified);

        trace.clear();
        final UpdateReport lenient = update(KernelConfig.withSeed(5), "netstack-1.3.0-slow", tolerant);

        assertEquals(CONNECTIONS, lenient.migrated(), lenient.toString());
        assertEquals(0, lenient.verificationFailed());
    }

    @Test
    void shouldGiveTheSameTraceForTheSameSeedWithTamperingOn()
    {
        final KernelConfig config = KernelConfig.withSeed(9).withFaults(FaultPlan.none().with(
            FaultPoint.MIGRATION_CHANNEL_TAMPER, new FaultSetting(0.1, 0, 0)));
        update(config, "netstack-1.3.0");
        final List<String> first = List.copyOf(trace);
        trace.clear();

        update(config, "netstack-1.3.0");

        assertEquals(first, trace);
    }
}
