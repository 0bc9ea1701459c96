package org.hicsim.core0.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.ipc.EndpointRecordDescriptor;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        assertTrue(registry.register(UDP_120, activeEndpoint(4)) != serviceId);
    }

    @Test
    void shouldSwitchDefaultAndReturnThePreviousEndpoint()
    {
        final int serviceId = registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        assertEquals(oldEndpoint, registry.switchDefault("netstack", "tcp", TCP_130.version()));
        assertEquals(newEndpoint, registry.resolve("netstack/tcp"));
        assertEquals(newEndpoint, registry.nextEndpoint(serviceId));
    }

    @Test
    void shouldKeepTheOldVersionAddressableAfterASwitch()
    {
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        registry.switchDefault("netstack", "tcp", TCP_130.version());
        assertArrayEquals(new int[] {oldEndpoint}, registry.replicas(TCP_120));
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
            endpoints.create("warming", 4, EndpointType.GENERIC, EndpointRecordDescriptor.CAPACITY_MIN, 0);
        endpoints.moveTo(warming, EndpointState.STARTING);
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, warming);
        assertEquals(ServiceRegistry.ENDPOINT_NOT_ACTIVE, registry.switchDefault("netstack", "tcp", TCP_130.version()));
        assertEquals(oldEndpoint, registry.resolve("netstack/tcp"));
    }

    @Test
    void shouldRefuseSwitchToAVersionWhoseEndpointWasRemoved()
    {
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        endpoints.remove(newEndpoint);
        assertEquals(ServiceRegistry.UNKNOWN_NAME, registry.switchDefault("netstack", "tcp", TCP_130.version()));
        assertEquals(oldEndpoint, registry.resolve("netstack/tcp"));
    }

    @Test
    void shouldRefuseRegisteringAnEndpointTwice()
    {
        registry.register(TCP_120, oldEndpoint);
        assertEquals(ServiceRegistry.ENDPOINT_REGISTERED, registry.register(TCP_130, oldEndpoint));
        assertEquals(ServiceRegistry.ENDPOINT_REGISTERED, registry.register(TCP_120, oldEndpoint));
        assertArrayEquals(new int[] {oldEndpoint}, registry.replicas(TCP_120));
        assertArrayEquals(new int[0], registry.replicas(TCP_130));
    }

    @Test
    void shouldRefuseRegisteringAnUnknownEndpoint()
    {
        assertEquals(ServiceRegistry.UNKNOWN_ENDPOINT, registry.register(TCP_120, 999));
        assertArrayEquals(new int[0], registry.replicas(TCP_120));
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
        assertArrayEquals(new int[0], registry.replicas(TCP_120));
        assertEquals(newEndpoint, registry.resolve("netstack/tcp"));
    }

    @Test
    void shouldKeepTheServiceIdWhenItsLastVersionIsRemoved()
    {
        final int serviceId = registry.register(TCP_120, oldEndpoint);
        assertEquals(ServiceRegistry.OK, registry.remove(TCP_120));
        assertEquals(ServiceRegistry.NO_ENDPOINT, registry.nextEndpoint(serviceId));
        assertNull(registry.defaultVersion(TCP));
        assertEquals(serviceId, registry.serviceId(TCP));

        assertEquals(serviceId, registry.register(TCP_130, newEndpoint));
        assertEquals(TCP_130.version(), registry.defaultVersion(TCP), "the next version registered is the default");
        assertEquals(newEndpoint, registry.nextEndpoint(serviceId));
    }

    @Test
    void shouldFreeTheNameOfAVersionWhoseLastReplicaDied()
    {
        final int serviceId = registry.register(TCP_120, oldEndpoint);
        endpoints.remove(oldEndpoint);
        assertTrue(registry.bindings().isEmpty());
        assertNull(registry.nameOf(oldEndpoint));
        assertEquals(ServiceRegistry.NO_ENDPOINT, registry.nextEndpoint(serviceId));

        final int restarted = activeEndpoint(4);
        assertEquals(serviceId, registry.register(TCP_120, restarted), "a restart keeps the clients' service id");
        assertEquals(restarted, registry.nextEndpoint(serviceId));
        assertEquals(TCP_120, registry.nameOf(restarted));
    }

    @Test
    void shouldKeepACrashedDefaultVersionTheDefaultRatherThanFallBack()
    {
        final int serviceId = registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        registry.switchDefault("netstack", "tcp", TCP_130.version());
        endpoints.remove(newEndpoint);

        assertEquals(TCP_130.version(), registry.defaultVersion(TCP));
        assertEquals(ServiceRegistry.NO_ENDPOINT, registry.nextEndpoint(serviceId));
        final int restarted = activeEndpoint(4);
        registry.register(TCP_130, restarted);
        assertEquals(restarted, registry.nextEndpoint(serviceId));
        assertArrayEquals(new int[] {oldEndpoint}, registry.replicas(TCP_120));
    }

    @Test
    void shouldServeOneVersionFromSeveralReplicasInTurn()
    {
        final int third = activeEndpoint(4);
        final int serviceId = registry.register(TCP_120, oldEndpoint);
        assertEquals(serviceId, registry.register(TCP_120, newEndpoint));
        assertEquals(serviceId, registry.register(TCP_120, third));

        assertArrayEquals(new int[] {oldEndpoint, newEndpoint, third}, registry.replicas(TCP_120));
        final int[] served = new int[7];
        for (int call = 0; call < served.length; call++)
        {
            served[call] = registry.nextEndpoint(serviceId);
        }
        assertArrayEquals(new int[] {oldEndpoint, newEndpoint, third, oldEndpoint, newEndpoint, third, oldEndpoint},
            served);
    }

    @Test
    void shouldPassOverAReplicaThatIsNotActive()
    {
        final int serviceId = registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_120, newEndpoint);
        endpoints.moveTo(oldEndpoint, EndpointState.STOPPING);
        assertEquals(newEndpoint, registry.nextEndpoint(serviceId));
        assertEquals(newEndpoint, registry.nextEndpoint(serviceId));
        endpoints.moveTo(oldEndpoint, EndpointState.ACTIVE);
        assertEquals(oldEndpoint, registry.nextEndpoint(serviceId));
    }

    @Test
    void shouldKeepTheTurnWhenAReplicaDies()
    {
        final int third = activeEndpoint(4);
        final int serviceId = registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_120, newEndpoint);
        registry.register(TCP_120, third);
        assertEquals(oldEndpoint, registry.nextEndpoint(serviceId));
        endpoints.remove(oldEndpoint);
        assertEquals(newEndpoint, registry.nextEndpoint(serviceId));
        assertEquals(third, registry.nextEndpoint(serviceId));
        assertEquals(newEndpoint, registry.nextEndpoint(serviceId));
        assertArrayEquals(new int[] {newEndpoint, third}, registry.replicas(TCP_120));
    }

    @Test
    void shouldRemoveEveryReplicaOfARemovedVersion()
    {
        registry.register(TCP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        final int third = activeEndpoint(4);
        registry.register(TCP_130, third);
        registry.switchDefault("netstack", "tcp", TCP_130.version());
        registry.switchDefault("netstack", "tcp", TCP_120.version());
        assertEquals(ServiceRegistry.OK, registry.remove(TCP_130));
        assertNull(registry.nameOf(newEndpoint));
        assertNull(registry.nameOf(third));
        assertTrue(registry.register(TCP_130, third) > 0, "a removed version's endpoints may be registered again");
    }

    @Property(tries = 200)
    void shouldShareCallsEvenlyAmongTheActiveReplicasOnly(
        @ForAll @IntRange(min = 1, max = 8) final int replicaCount,
        @ForAll @IntRange(min = 0, max = 255) final int stoppedMask,
        @ForAll @IntRange(min = 0, max = 100) final int calls)
    {
        final Simulation ownSim = new Simulation(1);
        final EndpointTable table = new EndpointTable(ownSim, (kind, sandboxId, detail) -> { });
        final ServiceRegistry replicated = new ServiceRegistry(table, ownSim.trace(), (kind, sandboxId, detail) -> { });
        final int[] replicaIds = new int[replicaCount];
        int serviceId = ServiceRegistry.NO_SERVICE;
        for (int i = 0; i < replicaCount; i++)
        {
            replicaIds[i] = activeEndpoint(table, 10 + i);
            serviceId = replicated.register(UDP_120, replicaIds[i]);
        }
        int activeCount = 0;
        for (int i = 0; i < replicaCount; i++)
        {
            if ((stoppedMask & (1 << i)) != 0)
            {
                table.moveTo(replicaIds[i], EndpointState.STOPPING);
            }
            else
            {
                activeCount++;
            }
        }
        final int[] servedCount = new int[replicaCount];
        for (int call = 0; call < calls; call++)
        {
            final int endpointId = replicated.nextEndpoint(serviceId);
            servedCount[Arrays.binarySearch(replicaIds, endpointId)]++;
        }
        for (int i = 0; i < replicaCount; i++)
        {
            final boolean stopped = (stoppedMask & (1 << i)) != 0;
            if (activeCount == 0)
            {
                assertEquals(i == 0 ? calls : 0, servedCount[i], "no replica ACTIVE: the first is named, i=" + i);
            }
            else if (stopped)
            {
                assertEquals(0, servedCount[i], "a replica not ACTIVE takes no call, i=" + i);
            }
            else
            {
                assertTrue(Math.abs(servedCount[i] - calls / activeCount) <= 1, "uneven share, i=" + i);
            }
        }
    }

    @Test
    void shouldTraceAndAuditTheDepartureOfADeadReplica()
    {
        registry.register(TCP_120, oldEndpoint);
        endpoints.remove(oldEndpoint);
        assertEquals("t=0 registry.depart name=cap://netstack/v1.2.0/tcp endpoint=1 service=1 replicas=0 default=true",
            traceLines.get(traceLines.size() - 1));
        assertEquals("registry.depart sandbox=2 name=cap://netstack/v1.2.0/tcp endpoint=1 service=1 replicas=0"
            + " default=true", auditRecords.get(auditRecords.size() - 1));
    }

    @Test
    void shouldAnswerNoEndpointForAnUnknownInterface()
    {
        assertEquals(ServiceRegistry.NO_ENDPOINT, registry.resolve("dns_resolver/query"));
        assertEquals(ServiceRegistry.NO_ENDPOINT, registry.nextEndpoint(42));
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
            "t=0 registry.register name=cap://netstack/v1.2.0/tcp endpoint=1 service=1 replicas=1 default=true",
            "t=0 registry.register name=cap://netstack/v1.3.0/tcp endpoint=2 service=1 replicas=1 default=false",
            "t=0 registry.switch service=netstack/tcp from=1.2.0 to=1.3.0 fromEndpoint=1 toEndpoint=2 replicas=1",
            "t=0 registry.remove name=cap://netstack/v1.2.0/tcp endpoints=1 service=1 defaultCleared=false"),
            registryTrace);
        assertEquals("registry.switch sandbox=3 service=netstack/tcp from=1.2.0 to=1.3.0 fromEndpoint=1 toEndpoint=2"
            + " replicas=1", auditRecords.get(auditRecords.size() - 2));
    }

    @Test
    void shouldListBindingsInNameOrder()
    {
        registry.register(UDP_120, oldEndpoint);
        registry.register(TCP_130, newEndpoint);
        registry.register(TCP_120, activeEndpoint(4));
        assertEquals(List.of(TCP_120, TCP_130, UDP_120), List.copyOf(registry.bindings().keySet()));
    }

    private int activeEndpoint(final int owner)
    {
        return activeEndpoint(endpoints, owner);
    }

    private static int activeEndpoint(final EndpointTable endpoints, final int owner)
    {
        final int id = endpoints.create("netstack-" + owner, owner, EndpointType.GENERIC,
            EndpointRecordDescriptor.CAPACITY_MIN, Simulation.MICROS);
        endpoints.moveTo(id, EndpointState.ACTIVE);
        return id;
    }
}
