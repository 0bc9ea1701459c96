package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Erlang/OTP's make_permanent: an update's new version is permanent only once the journal's COMMITTED record is
 * durable. The whole system restarted (the power goes; a new Core-0 boots with the same persistent store, and
 * the Module Manager installs again what its journal made permanent) boots the old version before the commit,
 * and the new one after it.
 */
class SystemRestartTest
{
    private static final UpdatePolicy POLICY = UpdatePolicy.DEFAULT.toBuilder()
        .stabilityPeriodNs(Simulation.MINUTES).build();

    private final Catalogue catalogue = new Catalogue(29, TraceSink.NONE, "eth_driver-1.2.0", "ipc_lib-2.0.0",
        "netstack-1.2.0");

    private UpdateReport update()
    {
        catalogue.workload("netstack", WorkloadSpec.of(10, 10, 10, 10, 10, 50).withOpenOver(Simulation.SECONDS),
            new NetstackWorkload(50)).start();
        catalogue.advance(3 * Simulation.SECONDS);
        return catalogue.manager.update(catalogue.operator, catalogue.updateCapability, "netstack", "netstack-1.3.0",
            POLICY, report -> { });
    }

    /** Restarts the system and checks that netstack boots at {@code version} and serves a new workload. */
    private Catalogue restartServing(final String version)
    {
        final List<String> trace = new ArrayList<>();
        final Catalogue restarted = catalogue.restarted(trace::add);
        restarted.advance(Simulation.SECONDS);

        assertEquals(version, restarted.manager.versions().get("netstack"), String.join("\n", trace.stream()
            .filter(line -> line.contains(" mm.")).toList()));
        assertEquals("1.2.0", restarted.manager.versions().get("eth_driver"));
        assertEquals("2.0.0", restarted.manager.versions().get("ipc_lib"));
        final Workload clients = restarted.workload("netstack", WorkloadSpec.of(5, 5, 5, 5, 5, 50)
            .withOpenOver(Simulation.SECONDS), new NetstackWorkload(25));
        clients.start();
        restarted.advance(5 * Simulation.SECONDS);
        final ServiceInstance serving = restarted.manager.instance("netstack");
        assertEquals(version, serving.version().toString());
        assertTrue(serving.metrics().requests() > 0, "it serves");
        assertEquals(0, clients.lost());
        assertEquals(0, clients.errors());
        return restarted;
    }

    @Test
    void shouldBootTheOldVersionWhenTheSystemRestartsBeforeTheUpdateCommits()
    {
        final UpdateReport report = update();
        while (report.waves().size() < 4)
        {
            catalogue.advance(100 * Simulation.MILLIS);
        }
        assertEquals(UpdateOutcome.IN_PROGRESS, report.outcome(), "in its stability period, not committed");
        assertEquals("1.3.0", catalogue.manager.versions().get("netstack"), "1.3.0 serves every connection");

        final Catalogue restarted = restartServing("1.2.0");

        assertEquals(List.of(), restarted.kernel.checkInvariants());
    }

    @Test
    void shouldBootTheNewVersionWhenTheSystemRestartsAfterTheUpdateCommitted()
    {
        final UpdateReport report = update();
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());

        restartServing("1.3.0");
    }

    @Test
    void shouldBootTheOldVersionsOfABatchThatHadNotCommitted()
    {
        final Catalogue before = new Catalogue(31, TraceSink.NONE, "eth_driver-1.1.0", "ipc_lib-2.0.0",
            "netstack-1.2.0");
        final BatchReport batch = before.manager.updateBatch(before.operator, before.updateCapability,
            List.of(new BatchMember("eth_driver", "eth_driver-1.2.0")), POLICY, done -> { });
        before.advanceUntilDone(batch.updates().get(0), Simulation.HOURS);
        assertEquals(UpdateOutcome.COMPLETED, batch.outcome(), batch.toString());
        final UpdateReport second = before.manager.update(before.operator, before.updateCapability, "netstack",
            "netstack-1.3.0", POLICY, done -> { });
        before.advance(20 * Simulation.SECONDS);
        assertEquals(UpdateOutcome.IN_PROGRESS, second.outcome());

        final Catalogue restarted = before.restarted(TraceSink.NONE);
        restarted.advance(Simulation.SECONDS);

        assertEquals("1.2.0", restarted.manager.versions().get("eth_driver"), "committed by the batch's record");
        assertEquals("1.2.0", restarted.manager.versions().get("netstack"), "not committed");
    }
}
