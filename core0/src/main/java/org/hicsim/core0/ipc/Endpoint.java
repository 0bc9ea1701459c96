package org.hicsim.core0.ipc;

import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.fault.Faults;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.hicsim.core0.ipc.EndpointRecordDescriptor.DELIVERY_HEADER_LENGTH;
import static org.hicsim.core0.ipc.EndpointRecordDescriptor.deliveryTimeOffset;
import static org.hicsim.core0.ipc.EndpointRecordDescriptor.payloadOffset;

/**
 * An IPC endpoint: a bounded queue of real bytes (an Agrona {@link OneToOneRingBuffer} over off-heap memory)
 * whose messages arrive after a simulated latency.
 * <p>
 * Each message carries its delivery time ({@link EndpointRecordDescriptor}); {@link #receive} hands over only
 * messages whose time has come, in the order they were sent, so a message never overtakes an earlier one (unless
 * the run switched on the IPC fault points: {@link FaultPoint#IPC_DROP} loses a message, {@link FaultPoint#IPC_DELAY}
 * makes it late, {@link FaultPoint#IPC_REORDER} queues it behind the next).
 * A full endpoint refuses a message ({@link #FULL}) rather than grow: the sender sees the backpressure.
 * <p>
 * The system-call layer checks the caller's capability and then calls this class, so nothing here checks rights.
 * Sending and receiving allocate nothing and write no trace line (the data plane of HIC involves the kernel only
 * at setup); the lifecycle is changed, traced and audited by {@link EndpointTable}. Synchronous calls do not use
 * the queue: they meet the endpoint's server through its {@link Rendezvous}, which goes with the endpoint.
 */
public final class Endpoint
{
    /** The message was queued. The refusals are in ResultRange.IPC, so the system calls pass them on as they are. */
    public static final int OK = 0;
    /**
     * The ring has no room for the message: backpressure, try again after the receiver drained some. As in
     * Agrona, a message that fits neither before the ring's end nor after its start is refused even when the
     * free space adds up.
     */
    public static final int FULL = -201;
    /** The payload is longer than {@link #payloadLengthMax()}; it could never fit. */
    public static final int TOO_LARGE = -202;
    /** The endpoint is not STARTING or ACTIVE, so it takes no new message (see {@link EndpointState}). */
    public static final int NOT_ACCEPTING = -203;

    private static final int NOTHING_HELD = -1;

    /** Latency bound: keeps delivery times far from overflow and catches a unit slip (seconds given as ns). */
    public static final long LATENCY_NS_MAX = Simulation.HOURS;

    private final int id;
    private final String name;
    private final int ownerSandboxId;
    private final EndpointType type;
    private final long latencyNs;
    private final Simulation simulation;
    private final UnsafeBuffer buffer;
    private final OneToOneRingBuffer ring;
    private final int capacityMask;
    private final int payloadLengthMax;
    private final DueMessageFilter dueMessageFilter = new DueMessageFilter();

    private EndpointState state = EndpointState.INACTIVE;
    private Rendezvous rendezvous;
    private EventHandler deliveryListener;
    private long deliveryListenerArg;
    private long sentCount;
    private long receivedCount;
    private long refusedFullCount;
    private Faults faults;
    private long droppedCount;
    /** A message the reorder fault holds back, to queue it after the next one: {@link #NOTHING_HELD} if none. */
    private UnsafeBuffer held;
    private int heldLength = NOTHING_HELD;
    private int heldTypeId;
    private long heldDeliveryTimeNs;
    private final EventHandler releaseHeld = arg -> releaseHeld();

    Endpoint(
        final int id,
        final String name,
        final int ownerSandboxId,
        final EndpointType type,
        final int capacity,
        final long latencyNs,
        final Simulation simulation)
    {
        EndpointRecordDescriptor.checkCapacity(capacity);
        if (latencyNs < 0 || latencyNs > LATENCY_NS_MAX)
        {
            throw new IllegalArgumentException("latencyNs=" + latencyNs + " must be in [0, " + LATENCY_NS_MAX + "]");
        }
        this.id = id;
        this.name = name;
        this.ownerSandboxId = ownerSandboxId;
        this.type = type;
        this.latencyNs = latencyNs;
        this.simulation = simulation;
        this.buffer = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(capacity + RingBufferDescriptor.TRAILER_LENGTH, CACHE_LINE_LENGTH));
        this.ring = new OneToOneRingBuffer(buffer);
        this.capacityMask = capacity - 1;
        this.payloadLengthMax = EndpointRecordDescriptor.payloadLengthMax(capacity);
    }

    /**
     * Queues a copy of {@code src[offset, offset + length)} for delivery at now + {@link #latencyNs()}.
     *
     * @param msgTypeId greater than zero (Agrona reserves the rest).
     * @return {@link #OK}, {@link #FULL}, {@link #TOO_LARGE} or {@link #NOT_ACCEPTING}.
     * @throws IndexOutOfBoundsException if the range is not inside {@code src}.
     * @throws IllegalArgumentException  if {@code msgTypeId} is not positive.
     */
    public int send(final int msgTypeId, final DirectBuffer src, final int offset, final int length)
    {
        src.boundsCheck(offset, length);
        if (!state.acceptsMessages())
        {
            return NOT_ACCEPTING;
        }
        if (length > payloadLengthMax)
        {
            return TOO_LARGE;
        }

        long deliveryTimeNs = simulation.nowNs() + latencyNs;
        final Faults faults = this.faults;
        if (faults != null)
        {
            if (faults.fires(FaultPoint.IPC_DROP))
            {
                droppedCount++;
                return OK;
            }
            if (faults.fires(FaultPoint.IPC_DELAY))
            {
                deliveryTimeNs += faults.magnitudeNs(FaultPoint.IPC_DELAY);
            }
            if (heldLength == NOTHING_HELD && faults.fires(FaultPoint.IPC_REORDER))
            {
                hold(msgTypeId, src, offset, length, deliveryTimeNs);
                return OK;
            }
        }
        final int status = enqueue(msgTypeId, src, offset, length, deliveryTimeNs);
        if (heldLength != NOTHING_HELD && status == OK)
        {
            releaseHeld();
        }
        return status;
    }

    /**
     * The reorder fault: the message waits aside and is queued behind the next one sent, or when the fault's
     * magnitude has passed, whichever comes first.
     */
    private void hold(
        final int msgTypeId, final DirectBuffer src, final int offset, final int length, final long deliveryTimeNs)
    {
        if (held == null)
        {
            held = new UnsafeBuffer(new byte[payloadLengthMax]);
        }
        held.putBytes(0, src, offset, length);
        heldTypeId = msgTypeId;
        heldLength = length;
        heldDeliveryTimeNs = deliveryTimeNs;
        simulation.schedule(faults.magnitudeNs(FaultPoint.IPC_REORDER), releaseHeld, 0);
    }

    private void releaseHeld()
    {
        final int length = heldLength;
        if (length == NOTHING_HELD)
        {
            return;
        }
        heldLength = NOTHING_HELD;
        if (!state.acceptsMessages() || enqueue(heldTypeId, held, 0, length,
            Math.max(heldDeliveryTimeNs, simulation.nowNs())) != OK)
        {
            droppedCount++;
        }
    }

    private int enqueue(
        final int msgTypeId, final DirectBuffer src, final int offset, final int length, final long deliveryTimeNs)
    {
        final OneToOneRingBuffer ring = this.ring;
        final int index = ring.tryClaim(msgTypeId, DELIVERY_HEADER_LENGTH + length);
        if (RingBuffer.INSUFFICIENT_CAPACITY == index)
        {
            refusedFullCount++;
            return FULL;
        }

        final UnsafeBuffer buffer = this.buffer;
        buffer.putLong(deliveryTimeOffset(index), deliveryTimeNs);
        buffer.putBytes(payloadOffset(index), src, offset, length);
        ring.commit(index);
        sentCount++;

        final EventHandler listener = deliveryListener;
        if (null != listener)
        {
            simulation.scheduleAt(deliveryTimeNs, listener, deliveryListenerArg);
        }
        return OK;
    }

    /**
     * Hands up to {@code limit} messages whose delivery time has come to {@code handler}, oldest first.
     * A message not yet due stops the read, and stays queued with everything behind it.
     *
     * @return the number of messages delivered.
     */
    public int receive(final MessageHandler handler, final int limit)
    {
        if (limit < 0)
        {
            throw new IllegalArgumentException("limit=" + limit + " must not be negative");
        }
        final DueMessageFilter filter = dueMessageFilter;
        filter.begin(handler, simulation.nowNs());
        try
        {
            final OneToOneRingBuffer ring = this.ring;
            int delivered = 0;
            while (delivered < limit)
            {
                final long headBefore = ring.consumerPosition();
                delivered += ring.controlledRead(filter, limit - delivered);
                final long head = ring.consumerPosition();
                // Agrona reads one contiguous block per call: read again only if this one ended at the wrap.
                if (filter.notDue || head == headBefore || (head & capacityMask) != 0)
                {
                    break;
                }
            }
            return delivered;
        }
        finally
        {
            filter.end();
        }
    }

    /**
     * Schedules {@code listener.onEvent(arg)} at the delivery time of every message queued from now on, so a
     * receiver can sleep until there is something to receive. A null listener stops the notifications.
     */
    public void deliveryListener(final EventHandler listener, final long arg)
    {
        this.deliveryListener = listener;
        this.deliveryListenerArg = arg;
    }

    public int id()
    {
        return id;
    }

    public String name()
    {
        return name;
    }

    public int ownerSandboxId()
    {
        return ownerSandboxId;
    }

    public EndpointType type()
    {
        return type;
    }

    public EndpointState state()
    {
        return state;
    }

    public long latencyNs()
    {
        return latencyNs;
    }

    /** Ring capacity in bytes, trailer excluded. */
    public int capacity()
    {
        return ring.capacity();
    }

    public int payloadLengthMax()
    {
        return payloadLengthMax;
    }

    public long sentCount()
    {
        return sentCount;
    }

    public long receivedCount()
    {
        return receivedCount;
    }

    /** Messages lost to the IPC drop fault (or to a reorder that found the endpoint closed or full). */
    public long droppedCount()
    {
        return droppedCount;
    }

    void useFaults(final Faults faults)
    {
        this.faults = faults;
    }

    public long refusedFullCount()
    {
        return refusedFullCount;
    }

    /** Messages queued and not yet received, due or not. */
    public long pendingCount()
    {
        return sentCount - receivedCount;
    }

    /**
     * @return the server side of synchronous calls on this endpoint, or null while nobody serves them.
     */
    public Rendezvous rendezvous()
    {
        return rendezvous;
    }

    void state(final EndpointState state)
    {
        this.state = state;
    }

    void rendezvous(final Rendezvous rendezvous)
    {
        this.rendezvous = rendezvous;
    }

    /**
     * Passes due messages on and stops Agrona's read at the first one that is not due, leaving it queued.
     * One per endpoint, armed for the length of a {@link #receive} call, so receiving allocates nothing.
     */
    private final class DueMessageFilter implements ControlledMessageHandler
    {
        private MessageHandler handler;
        private long nowNs;
        private boolean notDue;

        void begin(final MessageHandler handler, final long nowNs)
        {
            if (null != this.handler)
            {
                throw new IllegalStateException("receive called from a message handler of the same endpoint, id=" + id);
            }
            if (null == handler)
            {
                throw new NullPointerException("handler");
            }
            this.handler = handler;
            this.nowNs = nowNs;
            this.notDue = false;
        }

        void end()
        {
            handler = null;
        }

        @Override
        public Action onMessage(
            final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            if (buffer.getLong(deliveryTimeOffset(index)) > nowNs)
            {
                notDue = true;
                return Action.ABORT;
            }
            receivedCount++;
            handler.onMessage(msgTypeId, buffer, payloadOffset(index), length - DELIVERY_HEADER_LENGTH);
            return Action.CONTINUE;
        }
    }
}
