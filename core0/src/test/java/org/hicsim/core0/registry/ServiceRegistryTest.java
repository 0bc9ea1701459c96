package org.hicsim.core0.registry;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.ipc.EndpointRecordDescriptor;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceRegistryTest
{
    private static final ServiceName TCP_120 = ServiceName.parse("cap://netstack/v1.2.0/tcp");
    private static final ServiceName TCP_130 = ServiceName.parse("cap://netstack/v1.3.0/tcp");
    private static final ServiceName UDP_120 = ServiceName.parse("cap://netstack/v1.2.0/udp");
    private static final ServiceInterface TCP = TCP_120.serviceInterface();

    private final List<String> traceLines = new ArrayList<>();
    private final List<String> auditRecords = new ArrayList<>();
    private final Simulation sim = new Simulation(1, traceLines::add);
    private final EndpointTable endpoints = new EndpointTable(
        sim, (kind, sandboxId, detail) -> auditRecords.add(kind + " sandbox=" + sandboxId + " " + detail));
    private final ServiceRegistry registry = new ServiceRegistry(endpoints, sim.trace(), (kind, sandboxId, detail) ->
        auditRecords.add(kind + " sandbox=" + sandboxId + " " + detail));
    private final int oldEndpoint = activeEndpoint(2);
    private final int newEndpoint = activeEndpoint(3);

    @Test
    void shouldMakeTheFirstRegisteredVersionTheDefault()
    {
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        assertEquals(oldEndpoint, registry.resolve("netstack/tcp"));
        assertEquals(TCP_120.version(), registry.defaultVersion(TCP));
    }

    @Test
    void shouldGiveEveryVersionOfAnInterfaceTheSameServiceId()
    {
        final int serviceId = registry.register(TCP_120, oldEndpoint);
        assertEquals(serviceId, registry.register(TCP_130, newEndpoint));
        assertEquals(serviceId, registry.serviceId(TCP));
        assertTrue(registry.register(UDP_120, oldEndpoint) != serviceId);
    }

    @Test
    void shouldSwitchDefaultAndReturnThePreviousEndpoint()
    {
        final int serviceId = registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        assertEquals(oldEndpoint, registry.switchDefault("netstack", "tcp", TCP_130.version()));
        assertEquals(newEndpoint, registry.resolve("netstack/tcp"));
        assertEquals(newEndpoint, registry.defaultEndpoint(serviceId));
    }

    @Test
    void shouldKeepTheOldVersionAddressableAfterASwitch()
    {
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        registry.switchDefault("netstack", "tcp", TCP_130.version());
        assertEquals(oldEndpoint, registry.resolve(TCP_120));
    }

    @Test
    void shouldSwitchBackToAnOlderVersionForRollback()
    {
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        registry.switchDefault("netstack", "tcp", TCP_130.version());
        assertFalse(ServiceRegistry.isCompatible(TCP_130.version(), TCP_120.version()));
        assertEquals(newEndpoint, registry.switchDefault("netstack", "tcp", TCP_120.version()));
        assertEquals(oldEndpoint, registry.resolve("netstack/tcp"));
    }

    @Test
    void shouldRefuseSwitchToAnUnregisteredVersion()
    {
        registry.register(TCP_120, oldEndpoint);
        assertEquals(ServiceRegistry.UNKNOWN_NAME, registry.switchDefault("netstack", "tcp", TCP_130.version()));
        assertEquals(oldEndpoint, registry.resolve("netstack/tcp"));
        assertEquals("registry.refused sandbox=0 op=switch name=" + TCP_130 + " reason=unknown-name",
            auditRecords.get(auditRecords.size() - 1));
    }

    @Test
    void shouldRefuseSwitchToAnEndpointThatIsNotActive()
    {
        final int warming =
            endpoints.create("warming", 4, EndpointType.GENERIC, EndpointRecordDescriptor.MIN_CAPACITY, 0);
        endpoints.moveTo(warming, EndpointState.STARTING);
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, warming);
        assertEquals(ServiceRegistry.ENDPOINT_NOT_ACTIVE, registry.switchDefault("netstack", "tcp", TCP_130.version()));
        assertEquals(oldEndpoint, registry.resolve("netstack/tcp"));
    }

    @Test
    void shouldRefuseSwitchToARemovedEndpoint()
    {
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        endpoints.remove(newEndpoint);
        assertEquals(ServiceRegistry.ENDPOINT_NOT_ACTIVE, registry.switchDefault("netstack", "tcp", TCP_130.version()));
    }

    @Test
    void shouldRefuseRegisteringANameTwice()
    {
        registry.register(TCP_120, oldEndpoint);
        assertEquals(ServiceRegistry.NAME_TAKEN, registry.register(TCP_120, newEndpoint));
        assertEquals(oldEndpoint, registry.resolve(TCP_120));
    }

    @Test
    void shouldRefuseRegisteringAnUnknownEndpoint()
    {
        assertEquals(ServiceRegistry.UNKNOWN_ENDPOINT, registry.register(TCP_120, 999));
        assertEquals(ServiceRegistry.NO_ENDPOINT, registry.resolve(TCP_120));
    }

    @Test
    void shouldRefuseRemovingTheDefaultWhileOtherVersionsExist()
    {
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        assertEquals(ServiceRegistry.IS_DEFAULT, registry.remove(TCP_120));
        assertEquals(oldEndpoint, registry.resolve("netstack/tcp"));
    }

    @Test
    void shouldRemoveAnOldVersionAfterTheSwitch()
    {
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        registry.switchDefault("netstack", "tcp", TCP_130.version());
        assertEquals(ServiceRegistry.OK, registry.remove(TCP_120));
        assertEquals(ServiceRegistry.NO_ENDPOINT, registry.resolve(TCP_120));
        assertEquals(newEndpoint, registry.resolve("netstack/tcp"));
    }

    @Test
    void shouldRetireTheServiceIdWhenItsLastVersionIsRemoved()
    {
        final int serviceId = registry.register(TCP_120, oldEndpoint);
        assertEquals(ServiceRegistry.OK, registry.remove(TCP_120));
        assertEquals(ServiceRegistry.NO_ENDPOINT, registry.defaultEndpoint(serviceId));
        assertEquals(ServiceRegistry.NO_SERVICE, registry.serviceId(TCP));
        assertTrue(registry.register(TCP_120, oldEndpoint) != serviceId, "service ids are never reused");
    }

    @Test
    void shouldAnswerNoEndpointForAnUnknownInterface()
    {
        assertEquals(ServiceRegistry.NO_ENDPOINT, registry.resolve("dns_resolver/query"));
        assertEquals(ServiceRegistry.NO_ENDPOINT, registry.defaultEndpoint(42));
    }

    @Test
    void shouldApplyHicCompatibilityRule()
    {
        final SemanticVersion v120 = new SemanticVersion(1, 2, 0);
        assertTrue(ServiceRegistry.isCompatible(v120, new SemanticVersion(1, 3, 0)));
        assertTrue(ServiceRegistry.isCompatible(v120, new SemanticVersion(1, 2, 0)));
        assertTrue(ServiceRegistry.isCompatible(new SemanticVersion(1, 2, 5), new SemanticVersion(1, 2, 1)));
        assertFalse(ServiceRegistry.isCompatible(v120, new SemanticVersion(1, 1, 9)));
        assertFalse(ServiceRegistry.isCompatible(v120, new SemanticVersion(2, 2, 0)));
    }

    @Test
    void shouldTraceAndAuditRegistrationSwitchAndRemoval()
    {
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        registry.switchDefault("netstack", "tcp", TCP_130.version());
        registry.remove(TCP_120);
        final List<String> registryTrace = traceLines.stream().filter(line -> line.contains(" registry.")).toList();
        assertEquals(List.of(
            "t=0 registry.register name=cap://netstack/v1.2.0/tcp endpoint=1 service=1 default=true",
            "t=0 registry.register name=cap://netstack/v1.3.0/tcp endpoint=2 service=1 default=false",
            "t=0 registry.switch service=netstack/tcp from=1.2.0 to=1.3.0 fromEndpoint=1 toEndpoint=2",
            "t=0 registry.remove name=cap://netstack/v1.2.0/tcp endpoint=1 service=1 retired=false"), registryTrace);
        assertEquals("registry.switch sandbox=3 service=netstack/tcp from=1.2.0 to=1.3.0 fromEndpoint=1 toEndpoint=2",
            auditRecords.get(auditRecords.size() - 2));
    }

    @Test
    void shouldListBindingsInNameOrder()
    {
        registry.register(UDP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        registry.register(TCP_120, oldEndpoint);
        assertEquals(List.of(TCP_120, TCP_130, UDP_120), List.copyOf(registry.bindings().keySet()));
    }

    private int activeEndpoint(final int owner)
    {
        final int id = endpoints.create("netstack-" + owner, owner, EndpointType.GENERIC,
            EndpointRecordDescriptor.MIN_CAPACITY, Simulation.MICROS);
        endpoints.moveTo(id, EndpointState.ACTIVE);
        return id;
    }
}
