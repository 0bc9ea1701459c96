package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.wire.ModuleManagerWire;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration an update gives its new instance ({@link UpdatePolicy#newInstanceConfiguration()}): a faulty
 * build armed only some time after its start passes the phase-2 gates that would refuse it armed, keeps that
 * configuration when it is restarted, and the update's journal and wire request carry it.
 */
class NewInstanceConfigurationTest
{
    private static final long ARMED_AFTER_NS = 10 * Simulation.MINUTES;
    private static final Configuration LATER = Configuration.builder(0)
        .put("fault.after_ns", Long.toString(ARMED_AFTER_NS)).build();

    private final List<String> trace = new ArrayList<>();
    private final Catalogue catalogue = new Catalogue(3, trace::add,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");

    private UpdateReport update(final String stem, final Configuration configuration)
    {
        catalogue.workload("netstack", WorkloadSpec.of(2, 2, 2, 2, 2, 50), new NetstackWorkload(10)).start();
        catalogue.advance(Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", stem, UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
                .newInstanceConfiguration(configuration).build(), done -> { });
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        return report;
    }

    @Test
    void shouldPassTheGatesWhenTheFaultIsArmedAfterThem()
    {
        final UpdateReport report = update("netstack-1.3.0-inconsistent", LATER);

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        final ServiceInstance instance = catalogue.manager.instance("netstack");
        assertEquals(Long.toString(ARMED_AFTER_NS), instance.configuration().string("fault.after_ns", ""));
        assertEquals("0", instance.configuration().string("fault.after_requests", ""),
            "the manifest's defaults stay under what the update gave");
    }

    @Test
    void shouldRefuseTheSameBuildArmedFromTheStart()
    {
        final UpdateReport report = update("netstack-1.3.0-inconsistent", Configuration.EMPTY);

        assertEquals(UpdateOutcome.ABORTED, report.outcome(), report.toString());
        assertEquals(Refusal.CONSISTENCY_CHECK_FAILED, report.refusal());
    }

    @Test
    void shouldRestartACrashedNewVersionWithTheConfigurationItWasGiven()
    {
        update("netstack-1.3.0-inconsistent", LATER);
        catalogue.kernel.sandboxes().kill(catalogue.manager.instance("netstack").sandboxId(), "crash: test");

        final ServiceInstance restarted = catalogue.manager.restart("netstack");

        assertTrue(restarted.isAlive());
        assertEquals(Long.toString(ARMED_AFTER_NS), restarted.configuration().string("fault.after_ns", ""));
    }

    @Test
    void shouldJournalTheConfigurationWithTheUpdatesBeginning()
    {
        final JournalEntry begin = JournalEntry.of(JournalEntry.Kind.UPDATE_BEGIN, "service", "netstack", "from",
            "netstack-1.2.0", "to", "netstack-1.3.0-slow").withConfiguration(Configuration.builder(2)
            .put("fault.after_ns", "120000000000").put("fault.extra_cpu_percent", "35").build());

        final JournalEntry read = JournalEntry.of(begin.toRecord());

        assertEquals("netstack-1.3.0-slow", read.get("to"));
        assertEquals(Configuration.builder(2).put("fault.after_ns", "120000000000")
            .put("fault.extra_cpu_percent", "35").build(), read.configuration());
        assertEquals(Configuration.EMPTY, JournalEntry.of(JournalEntry.Kind.UPDATE_BEGIN, "service", "netstack")
            .withConfiguration(Configuration.EMPTY).configuration());
    }

    @Test
    void shouldTakeTheConfigurationFromTheWireRequest()
    {
        catalogue.advance(Simulation.SECONDS);
        final Message reply = new Message();

        final int status = catalogue.kernel.systemCalls(catalogue.operator).call(catalogue.updateCapability,
            ModuleManagerWire.request(new Message(), ModuleManagerWire.UPDATE, "netstack",
                "netstack-1.3.0-inconsistent", "rolling", "fault.after_ns=" + ARMED_AFTER_NS), reply);
        catalogue.advance(Simulation.MINUTES);

        assertEquals(Status.OK, status);
        assertEquals(Status.OK, reply.status());
        assertEquals(Long.toString(ARMED_AFTER_NS), catalogue.manager.instance("netstack").configuration()
            .string("fault.after_ns", ""));
        assertEquals(ModuleManagerWire.MALFORMED, catalogue.kernel.systemCalls(catalogue.operator).call(
            catalogue.updateCapability, ModuleManagerWire.request(new Message(), ModuleManagerWire.UPDATE,
                "netstack", "netstack-1.3.0", "rolling", "no equals sign"), reply) == Status.OK ? reply.status()
            : -1);
        assertNull(ModuleManagerProtocol.configuration(new String[] {"a", "b", "c", "Bad.Key=1"}, 3));
    }
}
