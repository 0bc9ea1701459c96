package org.hicsim.core0.ipc;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.ipc.EndpointRecordDescriptor.CAPACITY_MIN;
import static org.hicsim.core0.ipc.EndpointRecordDescriptor.recordLength;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointTest
{
    private static final int CAPACITY = 1024;
    private static final long LATENCY_NS = 5 * Simulation.MICROS;
    private static final int MSG_TYPE = 7;
    private static final int OWNER = 3;

    private final Simulation sim = new Simulation(1);
    private final EndpointTable table = new EndpointTable(sim, (kind, sandboxId, detail) -> { });
    private final Endpoint endpoint = table.get(table.create("netstack.tcp", OWNER, EndpointType.GENERIC, CAPACITY,
        LATENCY_NS));
    private final ReceivedMessages received = new ReceivedMessages();

    EndpointTest()
    {
        table.moveTo(endpoint.id(), EndpointState.ACTIVE);
    }

    @Test
    void shouldNotDeliverBeforeLatencyHasPassed()
    {
        assertEquals(Endpoint.OK, send(1));
        sim.runUntil(LATENCY_NS - 1);
        assertEquals(0, endpoint.receive(received, Integer.MAX_VALUE));
        assertEquals(1, endpoint.pendingCount());
    }

    @Test
    void shouldDeliverExactlyWhenLatencyHasPassed()
    {
        send(1);
        sim.runUntil(LATENCY_NS);
        assertEquals(1, endpoint.receive(received, Integer.MAX_VALUE));
        assertArrayEquals(payload(1), received.messages.get(0).payload());
        assertEquals(MSG_TYPE, received.messages.get(0).msgTypeId());
    }

    @Test
    void shouldDeliverOnlyDueMessagesInSendOrder()
    {
        send(1);
        sim.runUntil(Simulation.MICROS);
        send(2);
        sim.runUntil(2 * Simulation.MICROS);
        send(3);
        sim.runUntil(Simulation.MICROS + LATENCY_NS);

        assertEquals(2, endpoint.receive(received, Integer.MAX_VALUE));
        assertArrayEquals(payload(1), received.messages.get(0).payload());
        assertArrayEquals(payload(2), received.messages.get(1).payload());
        assertEquals(1, endpoint.pendingCount());
    }

    @Test
    void shouldDeliverNoMoreThanLimit()
    {
        for (int i = 0; i < 5; i++)
        {
            send(i);
        }
        sim.runUntil(LATENCY_NS);
        assertEquals(2, endpoint.receive(received, 2));
        assertEquals(3, endpoint.receive(received, Integer.MAX_VALUE));
        assertArrayEquals(payload(4), received.messages.get(4).payload());
    }

    @Test
    void shouldRefuseWhenFullInsteadOfGrowing()
    {
        final int length = 64;
        int accepted = 0;
        while (send(length) == Endpoint.OK)
        {
            accepted++;
        }
        assertTrue(accepted * recordLength(length) <= CAPACITY, "accepted=" + accepted);
        assertEquals(Endpoint.FULL, send(length));
        assertEquals(2, endpoint.refusedFullCount());
        assertEquals(accepted, endpoint.sentCount());
        assertEquals(CAPACITY, endpoint.capacity());
    }

    @Test
    void shouldAcceptAgainOnceReceiverDrained()
    {
        while (send(64) == Endpoint.OK)
        {
            sim.runUntil(sim.nowNs() + 1);
        }
        sim.runUntil(sim.nowNs() + LATENCY_NS);
        endpoint.receive(received, Integer.MAX_VALUE);
        assertEquals(Endpoint.OK, send(64));
    }

    @Test
    void shouldRefuseMessageLongerThanThePayloadMax()
    {
        final int max = endpoint.payloadLengthMax();
        assertEquals(EndpointRecordDescriptor.payloadLengthMax(CAPACITY), max);
        assertEquals(Endpoint.TOO_LARGE, send(max + 1));
        assertEquals(Endpoint.OK, send(max));
    }

    @Test
    void shouldRefuseSendWhileInactive()
    {
        final Endpoint inactive = table.get(table.create("fresh", OWNER, EndpointType.GENERIC, CAPACITY, 0));
        final UnsafeBuffer src = new UnsafeBuffer(payload(8));
        assertEquals(Endpoint.NOT_ACCEPTING, inactive.send(MSG_TYPE, src, 0, 8));
        assertEquals(0, inactive.sentCount());
    }

    @Test
    void shouldRefuseSendWhileStoppingButLetReceiverDrain()
    {
        send(1);
        table.moveTo(endpoint.id(), EndpointState.STOPPING);
        assertEquals(Endpoint.NOT_ACCEPTING, send(2));
        sim.runUntil(LATENCY_NS);
        assertEquals(1, endpoint.receive(received, Integer.MAX_VALUE));
    }

    @Test
    void shouldKeepRingUsableAfterSourceRangeOutsideBuffer()
    {
        final UnsafeBuffer src = new UnsafeBuffer(new byte[8]);
        assertThrows(IndexOutOfBoundsException.class, () -> endpoint.send(MSG_TYPE, src, 4, 8));
        assertEquals(Endpoint.OK, send(3));
        sim.runUntil(LATENCY_NS);
        assertEquals(1, endpoint.receive(received, Integer.MAX_VALUE));
    }

    @Test
    void shouldRejectNonPositiveMessageType()
    {
        final UnsafeBuffer src = new UnsafeBuffer(new byte[8]);
        assertThrows(IllegalArgumentException.class, () -> endpoint.send(0, src, 0, 8));
    }

    @Test
    void shouldRejectReceiveFromInsideOwnHandler()
    {
        send(1);
        sim.runUntil(LATENCY_NS);
        final MessageHandler reentrant = (type, buffer, index, length) -> endpoint.receive(received, 1);
        assertThrows(IllegalStateException.class, () -> endpoint.receive(reentrant, 1));
        send(2);
        sim.runUntil(2 * LATENCY_NS);
        assertEquals(1, endpoint.receive(received, 1));
    }

    @Test
    void shouldDeliverAcrossTheRingWrap()
    {
        final int length = 40;
        for (int i = 0; i < 3 * CAPACITY / recordLength(length); i++)
        {
            final byte[] bytes = payload(length);
            bytes[0] = (byte)i;
            assertEquals(Endpoint.OK, endpoint.send(MSG_TYPE, new UnsafeBuffer(bytes), 0, length));
            sim.runUntil(sim.nowNs() + LATENCY_NS);
            assertEquals(1, endpoint.receive(received, Integer.MAX_VALUE), "message " + i);
            assertEquals((byte)i, received.messages.get(i).payload()[0]);
        }
    }

    @Test
    void shouldDeliverEveryDueMessageInOneReceiveEvenAcrossTheWrap()
    {
        final int length = 40;
        final int perRing = CAPACITY / recordLength(length);
        for (int i = 0; i < perRing - 2; i++)
        {
            send(length);
        }
        sim.runUntil(LATENCY_NS);
        endpoint.receive(received, Integer.MAX_VALUE);
        for (int i = 0; i < perRing - 2; i++)
        {
            assertEquals(Endpoint.OK, send(length), "message " + i);
        }
        sim.runUntil(sim.nowNs() + LATENCY_NS);
        assertEquals(perRing - 2, endpoint.receive(received, Integer.MAX_VALUE));
    }

    @Test
    void shouldNotifyDeliveryListenerAtDeliveryTime()
    {
        final List<Long> notifiedAt = new ArrayList<>();
        endpoint.deliveryListener(arg -> notifiedAt.add(sim.nowNs() * 10 + arg), 4);
        sim.runUntil(Simulation.MICROS);
        send(1);
        sim.runUntilIdle(10);
        assertEquals(List.of((Simulation.MICROS + LATENCY_NS) * 10 + 4), notifiedAt);
    }

    @Test
    void shouldNotAllocateOnSendAndReceive()
    {
        final UnsafeBuffer src = new UnsafeBuffer(new byte[64]);
        final MessageHandler sink = (type, buffer, index, length) -> { };
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        sendReceive(src, sink, 10_000);

        final int count = 100_000;
        final long before = threads.getThreadAllocatedBytes(threadId);
        sendReceive(src, sink, count);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        // One object per operation would be at least 16 bytes each; the slack absorbs the JIT's own allocations.
        assertTrue(allocated < count / 8, "allocated=" + allocated + " count=" + count);
    }

    @Test
    void shouldRejectCapacityThatIsNotAPowerOfTwo()
    {
        final AuditSink audit = (kind, sandboxId, detail) -> { };
        final EndpointTable other = new EndpointTable(sim, audit);
        assertThrows(IllegalArgumentException.class,
            () -> other.create("x", OWNER, EndpointType.GENERIC, CAPACITY_MIN + 8, 0));
        assertThrows(IllegalArgumentException.class,
            () -> other.create("x", OWNER, EndpointType.GENERIC, CAPACITY_MIN / 2, 0));
        assertEquals(0, other.size());
    }

    private void sendReceive(final UnsafeBuffer src, final MessageHandler sink, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            endpoint.send(MSG_TYPE, src, 0, 64);
            sim.runUntil(sim.nowNs() + LATENCY_NS);
            endpoint.receive(sink, 1);
        }
    }

    private int send(final int length)
    {
        return endpoint.send(MSG_TYPE, new UnsafeBuffer(payload(length)), 0, length);
    }

    private static byte[] payload(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(length + i);
        }
        return bytes;
    }
}
