package org.hicsim.core0;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.MessageHandler;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemCallsIpcTest
{
    private static final long MIB = 1 << 20;
    private static final long LATENCY_NS = 5 * Simulation.MICROS;
    private static final int REQUEST = 1;

    private final Kernel kernel = new Kernel(KernelConfig.withSeed(5), TraceSink.NONE);
    private final CapabilitySystem caps = kernel.capabilities();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);

    private int sandbox(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, MIB, 10));
        kernel.sandboxes().start(id);
        return id;
    }

    private int activeEndpoint(final String name, final int owner)
    {
        final int id = kernel.endpoints().create(name, owner, EndpointType.GENERIC, 4096, LATENCY_NS);
        kernel.endpoints().moveTo(id, EndpointState.ACTIVE);
        return id;
    }

    private static MessageHandler collectInto(final List<Integer> payloads)
    {
        return (msgTypeId, buffer, index, length) -> payloads.add(buffer.getInt(index));
    }

    @Test
    void shouldDeliverThroughEndpointCapabilitiesAfterTheLatency()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final int endpoint = activeEndpoint("server-rx", server);
        final long sendHandle = caps.issue(CapabilitySystem.CORE0, client, ObjectKind.IPC_ENDPOINT, endpoint, Rights.WRITE, 0);
        final long receiveHandle = caps.issue(CapabilitySystem.CORE0, server, ObjectKind.IPC_ENDPOINT, endpoint, Rights.READ, 0);
        final List<Integer> received = new ArrayList<>();

        message.putInt(0, 7);
        assertEquals(SystemCalls.OK, kernel.systemCalls(client).send(sendHandle, REQUEST, message, 0, 4));
        assertEquals(0, kernel.systemCalls(server).receive(receiveHandle, collectInto(received), 10));
        kernel.simulation().runUntil(LATENCY_NS);
        assertEquals(1, kernel.systemCalls(server).receive(receiveHandle, collectInto(received), 10));
        assertEquals(List.of(7), received);
    }

    @Test
    void shouldRefuseSendWithoutWriteRightOrWithAForgedHandle()
    {
        final int client = sandbox("client");
        final int endpoint = activeEndpoint("rx", sandbox("server"));
        final long readOnly = caps.issue(CapabilitySystem.CORE0, client, ObjectKind.IPC_ENDPOINT, endpoint, Rights.READ, 0);
        final SystemCalls calls = kernel.systemCalls(client);

        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), calls.send(readOnly, REQUEST, message, 0, 4));
        assertTrue(calls.send(readOnly ^ 0x1_0000_0000L, REQUEST, message, 0, 4) < 0);
        assertEquals(0, kernel.endpoints().get(endpoint).sentCount());
    }

    @Test
    void shouldRouteServiceCallsToTheDefaultEndpointAtCallTime()
    {
        final int client = sandbox("web_server");
        final int oldInstance = sandbox("netstack-v1.2.0");
        final int newInstance = sandbox("netstack-v1.3.0");
        final int oldEndpoint = activeEndpoint("netstack-v1.2.0-tcp", oldInstance);
        final int newEndpoint = activeEndpoint("netstack-v1.3.0-tcp", newInstance);
        final int serviceId = kernel.registry().register(ServiceName.parse("cap://netstack/v1.2.0/tcp"), oldEndpoint);
        kernel.registry().register(ServiceName.parse("cap://netstack/v1.3.0/tcp"), newEndpoint);
        final long service = caps.issue(CapabilitySystem.CORE0, client, ObjectKind.SERVICE_ENDPOINT, serviceId, Rights.CALL, 0);
        final SystemCalls calls = kernel.systemCalls(client);

        message.putInt(0, 1);
        calls.call(service, REQUEST, message, 0, 4);
        kernel.registry().switchDefault("netstack", "tcp", new SemanticVersion(1, 3, 0));
        message.putInt(0, 2);
        calls.call(service, REQUEST, message, 0, 4);
        kernel.simulation().runUntil(LATENCY_NS);

        final List<Integer> servedByOld = new ArrayList<>();
        final List<Integer> servedByNew = new ArrayList<>();
        kernel.endpoints().get(oldEndpoint).receive(collectInto(servedByOld), 10);
        kernel.endpoints().get(newEndpoint).receive(collectInto(servedByNew), 10);
        assertEquals(List.of(1), servedByOld);
        assertEquals(List.of(2), servedByNew);
    }

    @Test
    void shouldRemoveADeadSandboxsEndpointsAndRefuseCallsToThem()
    {
        final int client = sandbox("client");
        final int server = sandbox("server");
        final int endpoint = activeEndpoint("rx", server);
        final long sendHandle = caps.issue(CapabilitySystem.CORE0, client, ObjectKind.IPC_ENDPOINT, endpoint, Rights.WRITE, 0);

        kernel.sandboxes().kill(server, "crash");

        assertFalse(kernel.endpoints().contains(endpoint));
        assertTrue(kernel.systemCalls(client).send(sendHandle, REQUEST, message, 0, 4) < 0);
    }

    @Test
    void shouldThrottleComputeToTheSandboxsCpuQuota()
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged("busy", MIB, 20));
        final long doneAt = kernel.systemCalls(id).compute(100 * Simulation.MILLIS);
        assertTrue(doneAt >= 480 * Simulation.MILLIS, "doneAt=" + doneAt);
    }

    @Test
    void shouldStopADeadSandboxsComputeAsItStopsItsMemoryAccess()
    {
        final int id = sandbox("doomed");
        final SystemCalls calls = kernel.systemCalls(id);
        kernel.sandboxes().kill(id, "crash");

        assertThrows(SandboxTerminatedException.class, () -> calls.compute(Simulation.MILLIS));
        assertThrows(SandboxTerminatedException.class, () -> calls.loadLong(Sandbox.MEMORY_BASE));
    }
}
