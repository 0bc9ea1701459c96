package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.core0.wire.ModuleManagerWire;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch of several modules, applied all or nothing: updated in dependency order, each held at its commit until
 * the last is as far, then committed together; if one is refused or fails, the ones already updated are rolled
 * back and every service is left on its old version with no connection lost.
 */
class BatchUpdateTest
{
    private static final int CONNECTIONS = 100;
    private static final UpdatePolicy QUICK = UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
        .build();

    private final List<String> trace = new ArrayList<>();
    private final Catalogue catalogue = new Catalogue(23, trace::add, "eth_driver-1.1.0", "ipc_lib-2.0.0",
        "netstack-1.2.0", "web_server-1.0.0");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(20, 20, 20, 20, 20, 100).withOpenOver(Simulation.SECONDS), new NetstackWorkload(CONNECTIONS));

    private BatchReport batch(final BatchMember... members)
    {
        workload.start();
        catalogue.advance(3 * Simulation.SECONDS);
        final List<BatchReport> done = new ArrayList<>();
        final BatchReport report = catalogue.manager.updateBatch(catalogue.operator, catalogue.updateCapability,
            List.of(members), QUICK, done::add);
        for (int i = 0; i < 3_600 && report.outcome() == UpdateOutcome.IN_PROGRESS; i++)
        {
            catalogue.advance(Simulation.SECONDS);
        }
        catalogue.advance(10 * Simulation.SECONDS);
        assertEquals(List.of(report), done, "told once");
        return report;
    }

    private void assertEveryConnectionOn(final String service)
    {
        final ServiceInstance serving = catalogue.manager.instance(service);
        final ServiceConnections table = catalogue.kernel.dispatcher().connections(serving.serviceId());
        assertEquals(table.openCount(), table.ownedBy(serving.endpointId()), service);
    }

    @Test
    void shouldUpdateInDependencyOrderAndCommitEveryMemberInOneRecord()
    {
        final BatchReport report = batch(new BatchMember("netstack", "netstack-1.3.0"),
            new BatchMember("eth_driver", "eth_driver-1.2.0"));

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertEquals(List.of("eth_driver", "netstack"), report.updates().stream().map(UpdateReport::service).toList());
        report.updates().forEach(update -> assertEquals(UpdateOutcome.COMPLETED, update.outcome()));
        assertEquals("1.2.0", catalogue.manager.versions().get("eth_driver"));
        assertEquals("1.3.0", catalogue.manager.versions().get("netstack"));
        assertEquals(1, count("mm.batch.commit"));
        assertTrue(indexOf("mm.commit.held", "service=netstack") < indexOf("mm.batch.commit", ""));
        assertTrue(indexOf("mm.batch.commit", "") < indexOf("mm.reclaim", ""),
            "no old instance goes before the batch commits");
        assertEquals(0, count("mm.dependency"), "eth_driver is a member, not an update of its own");
        assertEquals(0, workload.lost());
        assertEveryConnectionOn("netstack");
    }

    @Test
    void shouldRollBackTheUpdatedMembersWhenTheSecondIsRefusedAsTampered()
    {
        final byte[] bundle = catalogue.manager.repository().fetch("web_server-1.0.0");
        bundle[bundle.length - 10] ^= 0x01;
        catalogue.manager.repository().add("web_server-1.0.0-tampered", bundle);
        final ServiceInstance oldNetstack = catalogue.manager.instance("netstack");

        final BatchReport report = batch(new BatchMember("netstack", "netstack-1.3.0"),
            new BatchMember("web_server", "web_server-1.0.0-tampered"));

        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals("web_server", report.failedService());
        assertEquals(Refusal.BUNDLE_REJECTED, report.refusal());
        final List<String> services = report.updates().stream().map(UpdateReport::service).toList();
        assertEquals(List.of("eth_driver", "netstack", "web_server"), services,
            "eth_driver joins the batch: netstack 1.3.0 needs it updated first");
        assertEquals(UpdateOutcome.ROLLED_BACK, report.updates().get(0).outcome());
        assertEquals(UpdateOutcome.ROLLED_BACK, report.updates().get(1).outcome());
        assertTrue(report.updates().get(1).reason().contains("web_server"), report.updates().get(1).reason());
        assertTrue(report.updates().get(1).connectionsTotal() > 0, "connections had moved, and came back");
        assertEquals(0, report.updates().get(1).lost());
        assertEquals("1.1.0", catalogue.manager.versions().get("eth_driver"));
        assertEquals("1.2.0", catalogue.manager.versions().get("netstack"));
        assertEquals("1.0.0", catalogue.manager.versions().get("web_server"));
        assertEquals(oldNetstack, catalogue.manager.instance("netstack"));
        assertEquals(0, workload.lost());
        assertEquals(0, workload.errors());
        assertEveryConnectionOn("netstack");
        assertEquals(0, count("mm.batch.commit"));
        assertFalse(catalogue.manager.isUpdating("netstack"));
    }

    @Test
    void shouldRollBackTheFirstMemberWhenTheSecondCrashesOnStart()
    {
        final BatchReport report = batch(new BatchMember("eth_driver", "eth_driver-1.2.0"),
            new BatchMember("netstack", "netstack-1.3.0-crash-on-start"));

        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        assertEquals("netstack", report.failedService());
        assertEquals(Refusal.CRASHED_ON_START, report.refusal());
        assertEquals("1.1.0", catalogue.manager.versions().get("eth_driver"));
        assertEquals("1.2.0", catalogue.manager.versions().get("netstack"));
        assertEquals(0, workload.lost());
        assertEveryConnectionOn("netstack");
    }

    @Test
    void shouldAnswerBusyForAMemberOfABatchInProgressNamingTheBatch()
    {
        workload.start();
        catalogue.advance(Simulation.SECONDS);
        final BatchReport running = catalogue.manager.updateBatch(catalogue.operator, catalogue.updateCapability,
            List.of(new BatchMember("eth_driver", "eth_driver-1.2.0"), new BatchMember("netstack", "netstack-1.3.0")),
            QUICK, done -> { });

        final UpdateReport single = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", QUICK, done -> { });
        final BatchReport other = catalogue.manager.updateBatch(catalogue.operator, catalogue.updateCapability,
            List.of(new BatchMember("web_server", "web_server-1.0.0"), new BatchMember("eth_driver",
                "eth_driver-1.2.0")), QUICK, done -> { });

        assertEquals(Refusal.BUSY, single.refusal());
        assertTrue(single.reason().contains(running.name()), single.reason());
        assertEquals(UpdateOutcome.REFUSED, other.outcome());
        assertEquals(Refusal.BUSY, other.refusal());
        assertEquals("eth_driver", other.failedService());
        assertThrows(IllegalArgumentException.class, () -> catalogue.manager.updateBatch(catalogue.operator,
            catalogue.updateCapability, List.of(new BatchMember("netstack", "a"), new BatchMember("netstack", "b")),
            QUICK, done -> { }));
        for (int i = 0; i < 3_600 && running.outcome() == UpdateOutcome.IN_PROGRESS; i++)
        {
            catalogue.advance(Simulation.SECONDS);
        }
        assertEquals(UpdateOutcome.COMPLETED, running.outcome(), running.toString());
    }

    @Test
    void shouldStartABatchThroughTheEndpointAndRefuseAMalformedOne()
    {
        final Message reply = new Message();
        final int status = catalogue.kernel.systemCalls(catalogue.operator).call(catalogue.updateCapability,
            ModuleManagerWire.request(new Message(), ModuleManagerWire.BATCH, "netstack",
                "netstack-1.3.0-crash-on-start", "eth_driver", "eth_driver-1.2.0"), reply);
        assertEquals(Status.OK, status);
        assertEquals(Status.OK, reply.status());
        assertTrue(catalogue.manager.isUpdating("eth_driver"), "eth_driver first: netstack depends on it");

        catalogue.kernel.systemCalls(catalogue.operator).call(catalogue.updateCapability,
            ModuleManagerWire.request(new Message(), ModuleManagerWire.BATCH, "netstack"), reply);
        assertEquals(ModuleManagerWire.MALFORMED, reply.status());
        catalogue.kernel.systemCalls(catalogue.operator).call(catalogue.updateCapability,
            ModuleManagerWire.request(new Message(), ModuleManagerWire.BATCH, "web_server",
                "web_server-1.0.0", "netstack", "netstack-1.3.0"), reply);
        assertEquals(Refusal.BUSY, ModuleManagerProtocol.refusalOf(reply.status()), "netstack is in the first");
        catalogue.advance(3 * Simulation.HOURS);
        assertEquals("1.1.0", catalogue.manager.versions().get("eth_driver"), "the default stability period is 1 h");
    }

    private long count(final String kind)
    {
        return trace.stream().filter(line -> line.split(" ")[1].equals(kind)).count();
    }

    private int indexOf(final String kind, final String containing)
    {
        for (int i = 0; i < trace.size(); i++)
        {
            if (trace.get(i).split(" ")[1].equals(kind) && trace.get(i).contains(containing))
            {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " " + containing);
    }
}
