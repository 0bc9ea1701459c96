package org.hicsim.core0.workload;

import java.util.Objects;
import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.agrona.collections.Long2LongHashMap;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.dispatch.Dispatcher;
import org.hicsim.core0.metrics.InstanceMetrics;
import org.hicsim.core0.request.ReplyListener;
import org.hicsim.core0.request.RequestPath;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/**
 * A seeded client population: it sends a service's setup requests, opens the spec's connections, sends requests
 * on them at the spec's rate with Poisson arrivals, and closes and reopens connections over time, all through
 * {@link RequestPath} from one client sandbox, so every request takes virtual time and reaches whichever
 * instance owns its connection at that moment.
 * <p>
 * It counts what it sees from the client's side: requests sent and answered, errors by status, connections
 * opened, closed and lost (a request on an open connection answered "unknown connection"), and the latency of
 * every reply. Everything it draws comes from the random source it is given, so a run is a function of the seed.
 */
public final class Workload implements ReplyListener
{
    /** How long a client waits before it tries again to open a connection whose open failed. */
    public static final long REOPEN_BACKOFF_NS = Simulation.SECONDS;

    private static final int KIND_SHIFT = 56;
    private static final int OPERATION_SHIFT = 48;
    private static final long OPERATION_MASK = 0xFF;
    private static final long POSITION_MASK = (1L << OPERATION_SHIFT) - 1;
    private static final long SETUP = 1;
    private static final long OPEN = 2;
    private static final long REQUEST = 3;
    private static final long CLOSE = 4;

    private static final byte CLOSED = 0;
    private static final byte OPENING = 1;
    private static final byte ACTIVE = 2;
    private static final byte CLOSING = 3;
    private static final byte SETTLING = 4;

    private final Simulation simulation;
    private final RequestPath requests;
    private final RequestPath.Client client;
    private final long serviceHandle;
    private final WorkloadSpec spec;
    private final RequestShaper shaper;
    private final SplittableRandom random;
    private final ConnectionClass[] classes = ConnectionClass.values();
    private final int[] classStart;
    private final long[] classDrawWeight;
    private final KeyDistribution.Sampler[] samplers;
    private final long[] connectionAt;
    private final byte[] positionState;
    private final Message request = new Message();
    private final Histogram latency = new Histogram(InstanceMetrics.LATENCY_LOWEST_DISCERNIBLE_NS,
        InstanceMetrics.LATENCY_HIGHEST_NS, InstanceMetrics.LATENCY_SIGNIFICANT_DIGITS);
    private final Long2LongHashMap errorsByStatus = new Long2LongHashMap(0);
    private final EventHandler onArrival = arg -> arrive();
    private final EventHandler onOpen = arg -> open((int)arg);
    private final EventHandler onClose = arg -> close((int)arg);
    private final EventHandler onSettled = arg -> settled((int)arg);

    private boolean stopped;
    private int setupsAnswered;
    private long sent;
    private long answered;
    private long errors;
    private long refusedAtSend;
    private long skipped;
    private long opened;
    private long closed;
    private long lost;
    private long openFailures;

    /**
     * @param clientSandboxId a live sandbox holding {@code serviceHandle}, a call capability to the service.
     * @param random          the workload's own source, split from the run's.
     */
    public Workload(
        final Simulation simulation,
        final RequestPath requests,
        final int clientSandboxId,
        final long serviceHandle,
        final WorkloadSpec spec,
        final RequestShaper shaper,
        final SplittableRandom random)
    {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.shaper = Objects.requireNonNull(shaper, "shaper");
        this.random = Objects.requireNonNull(random, "random");
        this.serviceHandle = serviceHandle;
        if (!shaper.opensConnections() && spec.totalConnections() > 0)
        {
            throw new IllegalArgumentException("spec asks for " + spec.totalConnections()
                + " connections but the shaper opens none");
        }
        this.client = requests.client(clientSandboxId, this);
        final int total = spec.totalConnections();
        this.connectionAt = new long[total];
        this.positionState = new byte[total];
        this.classStart = new int[classes.length];
        this.classDrawWeight = new long[classes.length];
        this.samplers = new KeyDistribution.Sampler[classes.length];
        final int[] weights = spec.classWeights();
        int start = 0;
        long cumulative = 0;
        for (final ConnectionClass connectionClass : classes)
        {
            final int i = connectionClass.ordinal();
            final int count = spec.connections(connectionClass);
            classStart[i] = start;
            start += count;
            cumulative += (long)weights[i] * count;
            classDrawWeight[i] = cumulative;
            samplers[i] = count == 0 ? null : spec.keys().sampler(count);
        }
    }

    /** Sends the setup requests now; connections open and requests flow once they are all answered. */
    public void start()
    {
        simulation.trace().record("workload.start", "client=" + client.sandboxId() + " " + spec);
        if (shaper.setupCount() == 0)
        {
            begin();
            return;
        }
        for (int i = 0; i < shaper.setupCount(); i++)
        {
            shaper.setup(i, request.clear());
            counted(requests.call(client, serviceHandle, Message.NO_CONNECTION, request, tag(SETUP, 0, i)));
        }
    }

    /** No new requests, opens or reopens from now on; replies still in flight are counted as they come. */
    public void stop()
    {
        if (!stopped)
        {
            stopped = true;
            simulation.trace().record("workload.stop", "sent=" + sent + " answered=" + answered + " errors=" + errors
                + " opened=" + opened + " closed=" + closed + " lost=" + lost);
        }
    }

    @Override
    public void onReply(final long tag, final Message reply, final long latencyNs)
    {
        answered++;
        latency.recordValue(Math.min(Math.max(latencyNs, 0), InstanceMetrics.LATENCY_HIGHEST_NS));
        final int status = reply.status();
        if (status != Status.OK)
        {
            errors++;
            errorsByStatus.put(status, errorsByStatus.get(status) + 1);
        }
        final int position = (int)(tag & POSITION_MASK);
        switch ((int)(tag >>> KIND_SHIFT))
        {
            case (int)SETUP:
                if (++setupsAnswered == shaper.setupCount())
                {
                    begin();
                }
                break;
            case (int)OPEN:
                opened(position, reply, status);
                break;
            case (int)REQUEST:
                if (status == Dispatcher.UNKNOWN_CONNECTION && positionState[position] == ACTIVE)
                {
                    lost++;
                    positionState[position] = CLOSED;
                    reopenLater(position, 0);
                }
                shaper.replied(position, (int)((tag >>> OPERATION_SHIFT) & OPERATION_MASK), reply);
                break;
            default:
                closed++;
                positionState[position] = CLOSED;
                reopenLater(position, 0);
                break;
        }
    }

    /** Requests sent (the capability check passed), setups and opens and closes included. */
    public long sent()
    {
        return sent;
    }

    public long answered()
    {
        return answered;
    }

    /** Replies whose status was not 0. */
    public long errors()
    {
        return errors;
    }

    public long errors(final int status)
    {
        return errorsByStatus.get(status);
    }

    /** Requests the kernel refused at once (the client's capability was missing or revoked). */
    public long refusedAtSend()
    {
        return refusedAtSend;
    }

    /** Arrivals that fell on a connection that was not open at that moment (closing or reopening). */
    public long skipped()
    {
        return skipped;
    }

    public long opened()
    {
        return opened;
    }

    public long closed()
    {
        return closed;
    }

    /** Connections that were open and then unknown to the kernel without the client closing them. */
    public long lost()
    {
        return lost;
    }

    public long openFailures()
    {
        return openFailures;
    }

    /** Connections open now. */
    public int openConnections()
    {
        int open = 0;
        for (final byte state : positionState)
        {
            open += state == ACTIVE ? 1 : 0;
        }
        return open;
    }

    /** The client's id of connection number {@code key}, or {@link Message#NO_CONNECTION} while it is not open. */
    public long connectionId(final int key)
    {
        return positionState[key] == ACTIVE ? connectionAt[key] : Message.NO_CONNECTION;
    }

    /** Latency of every reply the client received, in virtual ns. */
    public Histogram latency()
    {
        return latency;
    }

    private void begin()
    {
        final int total = connectionAt.length;
        for (int position = 0; position < total; position++)
        {
            final long delayNs = total == 0 ? 0 : spec.openOverNs() * position / total;
            simulation.schedule(delayNs, onOpen, position);
        }
        scheduleArrival();
    }

    private void arrive()
    {
        if (stopped)
        {
            return;
        }
        scheduleArrival();
        if (!shaper.opensConnections())
        {
            shaper.request(request.clear(), ConnectionClass.MEDIUM, 0, random);
            counted(requests.call(client, serviceHandle, Message.NO_CONNECTION, request,
                tag(REQUEST, request.operation(), 0)));
            return;
        }
        final long totalWeight = classDrawWeight[classDrawWeight.length - 1];
        if (totalWeight == 0)
        {
            return;
        }
        final long draw = random.nextLong(totalWeight);
        int classIndex = 0;
        while (draw >= classDrawWeight[classIndex])
        {
            classIndex++;
        }
        final int position = classStart[classIndex] + samplers[classIndex].next(random);
        if (positionState[position] != ACTIVE)
        {
            skipped++;
            return;
        }
        shaper.request(request.clear(), classes[classIndex], position, random);
        counted(requests.call(client, serviceHandle, connectionAt[position], request,
            tag(REQUEST, request.operation(), position)));
    }

    private void open(final int position)
    {
        if (stopped || positionState[position] != CLOSED)
        {
            return;
        }
        positionState[position] = OPENING;
        shaper.open(request.clear(), classOf(position), position);
        final int sentStatus = requests.open(client, serviceHandle, request, position, position % spec.devices(),
            tag(OPEN, 0, position));
        counted(sentStatus);
        if (sentStatus != SystemCalls.OK)
        {
            positionState[position] = CLOSED;
        }
    }

    private void opened(final int position, final Message reply, final int status)
    {
        if (status != Status.OK)
        {
            openFailures++;
            positionState[position] = CLOSED;
            reopenLater(position, REOPEN_BACKOFF_NS);
            return;
        }
        opened++;
        connectionAt[position] = reply.connectionId();
        positionState[position] = SETTLING;
        shaper.opened(position, reply);
        simulation.schedule(shaper.settleNs(), onSettled, position);
    }

    /** The connection can carry requests now. */
    private void settled(final int position)
    {
        if (positionState[position] != SETTLING)
        {
            return;
        }
        positionState[position] = ACTIVE;
        if (spec.meanLifetimeNs() > 0 && !stopped)
        {
            simulation.schedule(exponential(spec.meanLifetimeNs()), onClose, position);
        }
    }

    private void close(final int position)
    {
        if (stopped || positionState[position] != ACTIVE)
        {
            return;
        }
        positionState[position] = CLOSING;
        shaper.close(request.clear());
        final int sentStatus = requests.close(client, serviceHandle, connectionAt[position], request,
            tag(CLOSE, 0, position));
        counted(sentStatus);
        if (sentStatus != SystemCalls.OK)
        {
            positionState[position] = ACTIVE;
        }
    }

    private void reopenLater(final int position, final long delayNs)
    {
        if (!stopped)
        {
            simulation.schedule(delayNs, onOpen, position);
        }
    }

    private void counted(final int sentStatus)
    {
        if (sentStatus == SystemCalls.OK)
        {
            sent++;
        }
        else
        {
            refusedAtSend++;
        }
    }

    private ConnectionClass classOf(final int position)
    {
        int classIndex = classes.length - 1;
        while (classStart[classIndex] > position || spec.connections(classes[classIndex]) == 0)
        {
            classIndex--;
        }
        return classes[classIndex];
    }

    private void scheduleArrival()
    {
        if (spec.requestsPerSecond() > 0)
        {
            simulation.schedule(exponential(Simulation.SECONDS / spec.requestsPerSecond()), onArrival, 0);
        }
    }

    /**
     * An exponentially distributed delay with the given mean, by inversion with {@link StrictMath}, so that it is
     * the same on every JVM.
     */
    private long exponential(final double meanNs)
    {
        return (long)(-StrictMath.log1p(-random.nextDouble()) * meanNs);
    }

    private static long tag(final long kind, final int operation, final int position)
    {
        return (kind << KIND_SHIFT) | ((operation & OPERATION_MASK) << OPERATION_SHIFT) | position;
    }
}
