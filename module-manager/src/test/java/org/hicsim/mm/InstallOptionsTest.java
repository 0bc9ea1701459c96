package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hicsim.core0.registry.ServiceInterface;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An install's options: one module run as several services under names of their own, each with its own
 * configuration and memory, updated alone; and the options kept by every new instance, by a restarted Module
 * Manager and by a restarted system.
 */
class InstallOptionsTest
{
    private static final long MEMORY_BYTES = 2L << 20;
    private static final UpdatePolicy POLICY = UpdatePolicy.DEFAULT.toBuilder()
        .stabilityPeriodNs(10 * Simulation.SECONDS).build();
    private static final InstallOptions COUNTER_A = InstallOptions.DEFAULT.withServiceName("counter-a")
        .withMemoryBytes(MEMORY_BYTES).withConfiguration(new TreeMap<>(Map.of("label", "alpha")));

    private final List<String> trace = new ArrayList<>();
    private final Catalogue catalogue = new Catalogue(43, trace::add);

    private void installCounters()
    {
        catalogue.manager.install("counter-1.0.0", COUNTER_A);
        catalogue.manager.install("counter-1.0.0", InstallOptions.DEFAULT.withServiceName("counter-b"));
        catalogue.manager.install("counter-1.0.0", InstallOptions.DEFAULT.withServiceName("counter-c"));
    }

    private static void assertInstalledAsCounterA(final Catalogue system, final ServiceInstance instance)
    {
        assertEquals("counter-a", instance.name());
        assertEquals(MEMORY_BYTES, system.kernel.sandboxes().get(instance.sandboxId()).spec().memoryBytes());
        assertEquals("alpha", instance.configuration().string("label", ""));
        assertEquals(instance.serviceId(), system.kernel.registry().serviceId(
            new ServiceInterface("counter-a", ServiceHost.INTERFACE)), "registered under its own name");
    }

    @Test
    void shouldRunOneModuleAsSeveralServicesUnderTheirOwnNames()
    {
        installCounters();

        assertEquals("1.0.0", catalogue.manager.versions().get("counter-b"));
        assertInstalledAsCounterA(catalogue, catalogue.manager.instance("counter-a"));
        final ServiceInstance b = catalogue.manager.instance("counter-b");
        assertEquals(b.serviceId(), catalogue.kernel.registry().serviceId(
            new ServiceInterface("counter-b", ServiceHost.INTERFACE)));
        assertNotEquals(catalogue.manager.instance("counter-a").serviceId(), b.serviceId());
    }

    @Test
    void shouldUpdateOneNamedServiceAndTouchNoOther()
    {
        installCounters();
        final ServiceInstance b = catalogue.manager.instance("counter-b");
        final ServiceInstance c = catalogue.manager.instance("counter-c");
        final int tracedBefore = trace.size();

        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "counter-a", "counter-2.0.0", POLICY, done -> { });
        catalogue.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        final ServiceInstance a = catalogue.manager.instance("counter-a");
        assertEquals("2.0.0", a.version().toString());
        assertInstalledAsCounterA(catalogue, a);
        assertEquals(b, catalogue.manager.instance("counter-b"), "the same instance serves counter-b");
        assertEquals(c, catalogue.manager.instance("counter-c"));
        assertTrue(b.isAlive() && c.isAlive());
        assertEquals("1.0.0", catalogue.manager.versions().get("counter-b"));
        final List<String> touched = trace.subList(tracedBefore, trace.size()).stream()
            .filter(line -> line.contains("counter-b") || line.contains("counter-c")
                || line.contains("sandbox=" + b.sandboxId() + " ") || line.contains("sandbox=" + c.sandboxId() + " "))
            .toList();
        assertEquals(List.of(), touched, "the update traced nothing of the other services");
    }

    @Test
    void shouldRefuseASecondServiceOfTheSameName()
    {
        installCounters();

        final InstallException refused = assertThrows(InstallException.class, () -> catalogue.manager.install(
            "counter-2.0.0", InstallOptions.DEFAULT.withServiceName("counter-b")));

        assertTrue(refused.getMessage().contains("counter-b is installed already"), refused.getMessage());
    }

    @Test
    void shouldRefuseTheModuleManagersOwnName()
    {
        assertThrows(IllegalArgumentException.class,
            () -> InstallOptions.DEFAULT.withServiceName(ModuleManager.SERVICE));
    }

    @Test
    void shouldKeepTheOptionsWhenTheModuleManagerIsRestarted()
    {
        installCounters();
        catalogue.advance(Simulation.SECONDS);
        final ModuleManager[] manager = {catalogue.manager};
        catalogue.manager.onRestart(restarted -> manager[0] = restarted);
        catalogue.kernel.sandboxes().kill(catalogue.manager.sandboxId(), "killed by the test");
        catalogue.advance(Simulation.MINUTES);
        assertNotEquals(catalogue.manager, manager[0], "restarted");

        final UpdateReport report = manager[0].update(catalogue.operator, manager[0].grantUpdateCapability(
            catalogue.operator), "counter-a", "counter-2.0.0", POLICY, done -> { });
        catalogue.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());
        assertInstalledAsCounterA(catalogue, manager[0].instance("counter-a"));
    }

    @Test
    void shouldRebuildTheSameServicesWhenTheSystemRestarts()
    {
        installCounters();
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "counter-a", "counter-2.0.0", POLICY, done -> { });
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.COMPLETED, report.outcome(), report.toString());

        final Catalogue restarted = catalogue.restarted(line -> { });
        restarted.advance(Simulation.SECONDS);

        assertEquals(Map.of("counter-a", "2.0.0", "counter-b", "1.0.0", "counter-c", "1.0.0"),
            restarted.manager.versions());
        assertInstalledAsCounterA(restarted, restarted.manager.instance("counter-a"));
    }
}
