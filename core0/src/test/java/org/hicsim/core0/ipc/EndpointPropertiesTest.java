package org.hicsim.core0.ipc;

import java.util.ArrayDeque;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.hicsim.core0.sim.Simulation;

import static org.hicsim.core0.ipc.EndpointRecordDescriptor.recordLength;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointPropertiesTest
{
    private static final int CAPACITY = 1024;
    private static final long LATENCY_NS = 3 * Simulation.MICROS;
    private static final int MSG_TYPE = 1;
    private static final int PAYLOAD_MAX = EndpointRecordDescriptor.payloadLengthMax(CAPACITY);

    /** A send of {@code value} bytes, a clock advance of {@code value} ns, or a receive of at most {@code value}. */
    record Op(int kind, int value)
    {
        static final int SEND = 0;
        static final int ADVANCE = 1;
        static final int RECEIVE = 2;
    }

    private record Pending(long deliveryTimeNs, byte[] payload)
    {
    }

    @Property(tries = 300)
    void shouldDeliverEveryAcceptedMessageOnceInOrderAndNeverEarly(@ForAll("operations") final List<Op> ops)
    {
        final Simulation sim = new Simulation(1);
        final EndpointTable table = new EndpointTable(sim, (kind, sandboxId, detail) -> { });
        final Endpoint endpoint = table.get(table.create("prop", 1, EndpointType.GENERIC, CAPACITY, LATENCY_NS));
        table.moveTo(endpoint.id(), EndpointState.ACTIVE);
        final ArrayDeque<Pending> model = new ArrayDeque<>();
        final ReceivedMessages received = new ReceivedMessages();
        int sequence = 0;

        for (final Op op : ops)
        {
            if (op.kind() == Op.SEND)
            {
                final byte[] payload = new byte[op.value()];
                for (int i = 0; i < payload.length; i++)
                {
                    payload[i] = (byte)(sequence * 31 + i);
                }
                sequence++;
                final int code = endpoint.send(MSG_TYPE, new UnsafeBuffer(payload), 0, payload.length);
                if (code == Endpoint.OK)
                {
                    model.addLast(new Pending(sim.nowNs() + LATENCY_NS, payload));
                }
                else
                {
                    assertEquals(Endpoint.FULL, code);
                    // Agrona refuses a record that fits neither before the wrap nor after it, and pads the ring's
                    // end even then: besides the queued records, up to one largest record may be unusable.
                    assertTrue(usedBytes(model) + required(payload.length) + required(PAYLOAD_MAX) > CAPACITY,
                        "refused while mostly empty");
                }
            }
            else if (op.kind() == Op.ADVANCE)
            {
                sim.runUntil(sim.nowNs() + op.value());
            }
            else
            {
                received.messages.clear();
                final int delivered = endpoint.receive(received, op.value());
                assertEquals(received.messages.size(), delivered);
                for (final ReceivedMessages.Message message : received.messages)
                {
                    final Pending expected = model.pollFirst();
                    assertTrue(expected.deliveryTimeNs() <= sim.nowNs(), "delivered early");
                    assertArrayEquals(expected.payload(), message.payload());
                }
                final boolean limitReached = delivered == op.value();
                final boolean headNotDue = model.isEmpty() || model.peekFirst().deliveryTimeNs() > sim.nowNs();
                assertTrue(limitReached || headNotDue, "a due message was left behind");
            }
            assertEquals(model.size(), endpoint.pendingCount());
        }
    }

    @Provide
    Arbitrary<List<Op>> operations()
    {
        final Arbitrary<Op> send = Arbitraries.integers().between(0, PAYLOAD_MAX)
            .map(length -> new Op(Op.SEND, length));
        final Arbitrary<Op> advance = Arbitraries.integers().between(0, (int)(2 * LATENCY_NS))
            .map(ns -> new Op(Op.ADVANCE, ns));
        final Arbitrary<Op> receive = Arbitraries.integers().between(1, 8).map(limit -> new Op(Op.RECEIVE, limit));
        return Arbitraries.frequencyOf(Tuple.of(5, send), Tuple.of(3, advance), Tuple.of(2, receive))
            .list().ofMaxSize(200);
    }

    private static int required(final int payloadLength)
    {
        return recordLength(payloadLength) + RecordDescriptor.HEADER_LENGTH;
    }

    private static int usedBytes(final ArrayDeque<Pending> model)
    {
        int used = 0;
        for (final Pending pending : model)
        {
            used += recordLength(pending.payload().length);
        }
        return used;
    }
}
