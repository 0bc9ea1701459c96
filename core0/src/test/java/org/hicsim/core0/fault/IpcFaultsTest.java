package org.hicsim.core0.fault;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.sim.Simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The IPC fault points at an endpoint: a dropped message never arrives, a delayed one arrives late, a reordered
 * one arrives behind the next.
 */
class IpcFaultsTest
{
    private static final long LATENCY_NS = Simulation.MICROS;
    private static final long MAGNITUDE_NS = Simulation.MILLIS;

    private final Simulation simulation = new Simulation(1);
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
    private final List<Long> received = new ArrayList<>();

    private Endpoint endpoint(final FaultPoint point)
    {
        final EndpointTable table = new EndpointTable(simulation, (kind, sandboxId, detail) -> { });
        table.useFaults(new Faults(FaultPlan.none().with(point, new FaultSetting(1.0, Simulation.SECONDS,
            MAGNITUDE_NS)), 1, simulation, simulation.trace()));
        final int id = table.create("e", 1, EndpointType.GENERIC, 1024, LATENCY_NS);
        table.moveTo(id, EndpointState.ACTIVE);
        return table.get(id);
    }

    private void send(final Endpoint endpoint, final long value)
    {
        message.putLong(0, value);
        assertEquals(Endpoint.OK, endpoint.send(1, message, 0, Long.BYTES));
    }

    private void receiveAt(final Endpoint endpoint, final long timeNs)
    {
        simulation.runUntil(timeNs);
        endpoint.receive((type, buffer, index, length) -> received.add(buffer.getLong(index)), 16);
    }

    @Test
    void shouldLoseADroppedMessageWhileTellingTheSenderItWasSent()
    {
        final Endpoint endpoint = endpoint(FaultPoint.IPC_DROP);

        send(endpoint, 1);
        send(endpoint, 2);
        receiveAt(endpoint, Simulation.MILLIS);

        assertEquals(List.of(2L), received);
        assertEquals(1, endpoint.droppedCount());
    }

    @Test
    void shouldDeliverADelayedMessageOnlyAfterTheMagnitude()
    {
        final Endpoint endpoint = endpoint(FaultPoint.IPC_DELAY);

        send(endpoint, 1);
        receiveAt(endpoint, LATENCY_NS + MAGNITUDE_NS - 1);
        assertEquals(List.of(), received);

        receiveAt(endpoint, LATENCY_NS + MAGNITUDE_NS);
        assertEquals(List.of(1L), received);
    }

    @Test
    void shouldQueueAReorderedMessageBehindTheNext()
    {
        final Endpoint endpoint = endpoint(FaultPoint.IPC_REORDER);

        send(endpoint, 1);
        send(endpoint, 2);
        receiveAt(endpoint, Simulation.MILLIS / 2);

        assertEquals(List.of(2L, 1L), received);
    }

    @Test
    void shouldReleaseAReorderedMessageAfterTheMagnitudeWhenNoOtherComes()
    {
        final Endpoint endpoint = endpoint(FaultPoint.IPC_REORDER);

        send(endpoint, 1);
        receiveAt(endpoint, MAGNITUDE_NS - 1);
        assertEquals(List.of(), received);

        receiveAt(endpoint, MAGNITUDE_NS + LATENCY_NS);
        assertEquals(List.of(1L), received);
    }
}
