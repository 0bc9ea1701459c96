package org.hicsim.bench;

import java.util.concurrent.TimeUnit;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.sim.Simulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one IPC round through an {@link Endpoint}: send a 64-byte message, then receive it, against a raw
 * Agrona {@link OneToOneRingBuffer} write and read of the same 64 bytes on a ring of the same capacity.
 * Target: within 2x of raw Agrona.
 * <p>
 * The endpoint's latency is zero, so each message is due as soon as it is sent and the receive delivers it
 * without the benchmark having to move virtual time; the delivery-time stamp and the due check still run.
 * Both receivers read the first word of the payload, so neither read can be optimised away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class IpcBenchmark
{
    private static final int MESSAGE_LENGTH = 64;
    private static final int RING_CAPACITY = 64 * 1024;
    private static final int MSG_TYPE_ID = 1;

    private final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
    private final org.hicsim.core0.ipc.MessageHandler endpointReceiver = this::onEndpointMessage;
    private final MessageHandler ringReceiver = this::onRingMessage;
    private Endpoint endpoint;
    private OneToOneRingBuffer ring;
    private long received;

    @Setup(Level.Trial)
    public void setUp()
    {
        final Simulation simulation = new Simulation(42);
        final EndpointTable endpoints = new EndpointTable(simulation, (kind, sandbox, detail) -> { });
        final int id = endpoints.create("bench", 1, EndpointType.GENERIC, RING_CAPACITY, 0);
        endpoints.moveTo(id, EndpointState.ACTIVE);
        endpoint = endpoints.get(id);
        ring = new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH, BitUtil.CACHE_LINE_LENGTH)));
        for (int i = 0; i < MESSAGE_LENGTH; i += Long.BYTES)
        {
            message.putLong(i, i);
        }
    }

    @Benchmark
    public long endpointSendReceive()
    {
        if (endpoint.send(MSG_TYPE_ID, message, 0, MESSAGE_LENGTH) != Endpoint.OK ||
            endpoint.receive(endpointReceiver, 1) != 1)
        {
            throw new IllegalStateException("endpoint round failed");
        }
        return received;
    }

    /**
     * A read stops at the end of the ring, so when the message went to the start, behind a padding record, it
     * takes a second read; the endpoint's receive does the same.
     */
    @Benchmark
    public long baselineRingWriteRead()
    {
        final OneToOneRingBuffer ring = this.ring;
        if (!ring.write(MSG_TYPE_ID, message, 0, MESSAGE_LENGTH) ||
            (ring.read(ringReceiver, 1) == 0 && ring.read(ringReceiver, 1) == 0))
        {
            throw new IllegalStateException("ring round failed");
        }
        return received;
    }

    private void onEndpointMessage(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
    {
        received += buffer.getLong(index);
    }

    private void onRingMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        received += buffer.getLong(index);
    }
}
