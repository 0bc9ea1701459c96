package org.hicsim.services.eth_driver;

import java.util.List;
import java.util.zip.CRC32;

import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.common.ConnectionlessService;
import org.hicsim.services.common.LittleEndian;
import org.hicsim.services.common.PhaseWord;
import org.hicsim.services.common.SandboxMemory;
import org.hicsim.services.common.SnapshotCheckpoint;
import org.hicsim.services.common.SnapshotDescriptor;

/**
 * The Ethernet driver every eth_driver version is: a TX ring in sandbox memory drained by a 1 Gbit/s link in
 * virtual time, MTU checks, and counters. A version is this driver with its ring size, the TX offloads its
 * hardware has, and its counter layout; it reads and writes the state versions up to its own, converting the
 * counters as {@link EthStatsLayout} says.
 * <p>
 * The ring gives the driver real backpressure: a frame waits in its slot until the link has sent it, so a burst
 * faster than the link fills the ring and the next frame is dropped with {@link EthDriverProtocol#RING_FULL}.
 * For the same reason quiescing takes virtual time: the ring is hardware state that does not migrate, so the
 * driver is request-free only once the link has drained it. A driver holds no connections.
 * <p>
 * The driver also publishes its counters and MTU in a shared region it makes at {@code init}
 * ({@link EthSharedStatsDescriptor}), after each request that changed them: readers Core-0 grants it to map it
 * read-only and read it without a call. Core-0 writes the region for the driver, so a reader never sees half an
 * update; a driver that Core-0 gives no region goes on without one.
 */
public abstract class NicDriver extends ConnectionlessService
{
    /** 1 Gbit/s: one byte every 8 ns. */
    public static final long LINK_NS_PER_BYTE = 8;
    /** A shorter frame (FCS excluded) is padded to this length on the wire. */
    public static final int FRAME_LENGTH_MIN = 60;
    /** What the wire carries besides the frame: FCS (4), preamble and start delimiter (8), interframe gap (12). */
    public static final int WIRE_OVERHEAD_BYTES = 4 + 8 + 12;

    private final int ringSlots;
    private final long supportedTxFlags;
    private final EthStatsLayout statsLayout;
    private final byte[] frame = new byte[TxRingDescriptor.BUFFER_LENGTH];
    private final byte[] stats = new byte[DriverStateDescriptor.STATS_LENGTH_MAX];
    private final long[] counters = new long[EthStatsDescriptor.COUNTERS_MAX];
    private final byte[] global = new byte[SnapshotDescriptor.HEADER_LENGTH
        + EthDriverSnapshotDescriptor.STATS_OFFSET + DriverStateDescriptor.STATS_LENGTH_MAX];
    private final SnapshotCheckpoint checkpoint = new SnapshotCheckpoint();
    private final byte[] shared = new byte[EthSharedStatsDescriptor.LENGTH];
    private final CRC32 fcs = new CRC32();
    private ServiceContext context;
    private long base;
    private PhaseWord phase;
    private long sharedStats = ServiceContext.NO_CAPABILITY;

    /**
     * @param ringSlots         TX ring size, a power of two.
     * @param supportedTxFlags  the {@code TX_FLAG_*} offloads the version's hardware has.
     * @param statsLayout       the version's counter layout; its state version is the version's.
     */
    protected NicDriver(final int ringSlots, final long supportedTxFlags, final EthStatsLayout statsLayout)
    {
        TxRingDescriptor.checkRingSlots(ringSlots);
        this.ringSlots = ringSlots;
        this.supportedTxFlags = supportedTxFlags;
        this.statsLayout = statsLayout;
    }

    /**
     * @throws IllegalStateException if the sandbox is too small for the ring: the manifest asks too little.
     */
    @Override
    public final void init(final ServiceContext context)
    {
        this.base = SandboxMemory.base(context, DriverStateDescriptor.length(ringSlots), "a ring of ringSlots=" + ringSlots + " needs");
        this.context = context;
        this.phase = new PhaseWord(context, base + DriverStateDescriptor.PHASE_OFFSET);
        phase.serve();
        context.storeInt(base + DriverStateDescriptor.MTU_OFFSET, EthDriverProtocol.MTU_DEFAULT);
        context.storeInt(base + DriverStateDescriptor.RING_SLOTS_OFFSET, ringSlots);
        context.storeLong(base + DriverStateDescriptor.PRODUCER_OFFSET, 0);
        context.storeLong(base + DriverStateDescriptor.CONSUMER_OFFSET, 0);
        context.storeLong(base + DriverStateDescriptor.LINK_FREE_AT_OFFSET, 0);
        for (int counter = 0; counter < EthStatsDescriptor.COUNTERS_MAX; counter++)
        {
            statsLayout.store(context, statsAddress(), counter, 0);
        }
        final long region = context.createSharedRegion(EthSharedStatsDescriptor.LENGTH);
        sharedStats = region > 0 ? region : ServiceContext.NO_CAPABILITY;
        publishStats();
    }

    @Override
    protected final void serve(final Message request, final Message reply, final int refusal)
    {
        switch (request.operation())
        {
            case EthDriverProtocol.TRANSMIT:
                reply.status(refusal == Status.OK ? transmit(request, reply) : refusal);
                break;
            case EthDriverProtocol.RECEIVE_STATS:
                reply.status(receiveStats(reply));
                break;
            case EthDriverProtocol.SET_MTU:
                reply.status(refusal == Status.OK ? setMtu(request, reply) : refusal);
                break;
            default:
                reply.status(Status.UNKNOWN_OPERATION);
        }
        if (request.operation() != EthDriverProtocol.RECEIVE_STATS)
        {
            publishStats();
        }
    }

    /**
     * Healthy while the ring has room; degraded once it is three quarters full (the link is the bottleneck);
     * unhealthy once retired.
     */
    @Override
    public final void probe(final HealthReport report)
    {
        final long queued = reclaim(context.nowNs());
        final Health health = phase.isRetired() ? Health.UNHEALTHY
            : queued * 4 >= ringSlots * 3L ? Health.DEGRADED : Health.HEALTHY;
        report.clear().health(health).memoryInUseBytes(DriverStateDescriptor.length(ringSlots));
    }

    /**
     * Writes the MTU and the counters in the importer's layout, converting them down to 32-bit wrapped values for
     * an older driver; answers null for a state version newer than this driver's.
     */
    @Override
    protected final StateSnapshot writeSnapshot(final MigrationContext migration)
    {
        final EthStatsLayout target = EthStatsLayout.ofStateVersion(migration.snapshotStateVersion());
        if (target == null || target.stateVersion() > statsLayout.stateVersion())
        {
            return null;
        }
        for (int counter = 0; counter < EthStatsDescriptor.COUNTERS_MAX; counter++)
        {
            counters[counter] = statsLayout.load(context, statsAddress(), counter);
        }
        final int body = SnapshotDescriptor.BODY_OFFSET;
        LittleEndian.putInt(global, body + EthDriverSnapshotDescriptor.MTU_OFFSET, mtu());
        target.encode(counters, global, body + EthDriverSnapshotDescriptor.STATS_OFFSET);
        return checkpoint.seal(target.stateVersion(), global, EthDriverSnapshotDescriptor.length(target), List.of());
    }

    @Override
    protected final int readSnapshot(final StateSnapshot snapshot, final MigrationContext migration)
    {
        final EthStatsLayout source = EthStatsLayout.ofStateVersion(snapshot.stateVersion());
        if (source == null || source.stateVersion() > statsLayout.stateVersion())
        {
            return Status.STATE_VERSION_UNSUPPORTED;
        }
        final int bodyLength = checkpoint.open(snapshot, global);
        if (bodyLength < 0)
        {
            return bodyLength;
        }
        final int body = SnapshotDescriptor.BODY_OFFSET;
        final int mtu = LittleEndian.getInt(global, body + EthDriverSnapshotDescriptor.MTU_OFFSET);
        if (bodyLength != EthDriverSnapshotDescriptor.length(source) || !snapshot.connections().isEmpty()
            || mtu < EthDriverProtocol.MTU_MIN || mtu > EthDriverProtocol.MTU_MAX)
        {
            return Status.STATE_CORRUPT;
        }
        source.decode(global, body + EthDriverSnapshotDescriptor.STATS_OFFSET, counters);
        context.storeInt(base + DriverStateDescriptor.MTU_OFFSET, mtu);
        for (int counter = 0; counter < EthStatsDescriptor.COUNTERS_MAX; counter++)
        {
            statsLayout.store(context, statsAddress(), counter, counters[counter]);
        }
        publishStats();
        return Status.OK;
    }

    @Override
    protected final PhaseWord phase()
    {
        return phase;
    }

    /**
     * Work-free at once (requests are served whole), request-free and protocol-free once the link has sent every
     * frame in the ring.
     */
    @Override
    protected final boolean isQuiescent(final Quiescence level)
    {
        return level == Quiescence.WORK_FREE || reclaim(context.nowNs()) == 0;
    }

    private int transmit(final Message request, final Message reply)
    {
        final long flags = request.argument(0);
        if ((flags & ~supportedTxFlags) != 0)
        {
            return EthDriverProtocol.OFFLOAD_UNSUPPORTED;
        }
        final int length = request.payloadLength();
        if (length < EthDriverProtocol.HEADER_LENGTH)
        {
            return countError(Status.INVALID_ARGUMENT);
        }
        if (length - EthDriverProtocol.HEADER_LENGTH > mtu())
        {
            return countError(EthDriverProtocol.FRAME_TOO_LONG);
        }
        final long now = context.nowNs();
        final long producer = context.loadLong(base + DriverStateDescriptor.PRODUCER_OFFSET);
        if (reclaim(now, producer) == ringSlots)
        {
            statsLayout.add(context, statsAddress(), EthStatsDescriptor.TX_DROPPED, 1);
            return EthDriverProtocol.RING_FULL;
        }
        request.copyPayload(frame, 0);
        if ((flags & EthDriverProtocol.TX_FLAG_IPV4_CHECKSUM) != 0)
        {
            if (etherType() != EthDriverProtocol.ETHER_TYPE_IPV4
                || !Ipv4HeaderChecksum.fill(frame, EthDriverProtocol.HEADER_LENGTH, length))
            {
                return countError(Status.INVALID_ARGUMENT);
            }
            statsLayout.add(context, statsAddress(), EthStatsDescriptor.TX_CHECKSUM_OFFLOADED, 1);
        }
        fcs.reset();
        fcs.update(frame, 0, length);
        final long linkFreeAt = context.loadLong(base + DriverStateDescriptor.LINK_FREE_AT_OFFSET);
        final long doneAt = Math.max(now, linkFreeAt)
            + (Math.max(length, FRAME_LENGTH_MIN) + WIRE_OVERHEAD_BYTES) * LINK_NS_PER_BYTE;
        final int slot = (int)(producer & (ringSlots - 1));
        final long descriptor = ringAddress() + TxRingDescriptor.descriptorOffset(slot);
        context.storeLong(descriptor + TxRingDescriptor.DONE_AT_OFFSET, doneAt);
        context.storeInt(descriptor + TxRingDescriptor.FRAME_LENGTH_OFFSET, length | (int)(flags & 0xFFFF) << 16);
        context.storeInt(descriptor + TxRingDescriptor.FCS_OFFSET, (int)fcs.getValue());
        context.storeBytes(ringAddress() + TxRingDescriptor.bufferOffset(ringSlots, slot), frame, 0, length);
        context.storeLong(base + DriverStateDescriptor.PRODUCER_OFFSET, producer + 1);
        context.storeLong(base + DriverStateDescriptor.LINK_FREE_AT_OFFSET, doneAt);
        statsLayout.add(context, statsAddress(), EthStatsDescriptor.TX_FRAMES, 1);
        statsLayout.add(context, statsAddress(), EthStatsDescriptor.TX_BYTES, length);
        reply.argument(0, length).argument(1, doneAt);
        return Status.OK;
    }

    private int receiveStats(final Message reply)
    {
        final long queued = reclaim(context.nowNs());
        context.loadBytes(statsAddress(), stats, 0, statsLayout.length());
        reply.payload(stats, 0, statsLayout.length())
            .argument(0, statsLayout.stateVersion())
            .argument(1, queued)
            .argument(2, mtu());
        return Status.OK;
    }

    private int setMtu(final Message request, final Message reply)
    {
        final long mtu = request.argument(0);
        if (mtu < EthDriverProtocol.MTU_MIN || mtu > EthDriverProtocol.MTU_MAX)
        {
            return Status.INVALID_ARGUMENT;
        }
        reply.argument(0, mtu());
        context.storeInt(base + DriverStateDescriptor.MTU_OFFSET, (int)mtu);
        return Status.OK;
    }

    /**
     * Passes the consumer over every frame the link has finished by {@code now}: frames leave in order, so it
     * stops at the first still on the wire.
     *
     * @return the frames still in the ring.
     */
    private long reclaim(final long now)
    {
        return reclaim(now, context.loadLong(base + DriverStateDescriptor.PRODUCER_OFFSET));
    }

    /** {@link #reclaim(long)} with the producer index the caller has just read. */
    private long reclaim(final long now, final long producer)
    {
        long consumer = context.loadLong(base + DriverStateDescriptor.CONSUMER_OFFSET);
        while (consumer < producer && context.loadLong(ringAddress()
            + TxRingDescriptor.descriptorOffset((int)(consumer & (ringSlots - 1)))
            + TxRingDescriptor.DONE_AT_OFFSET) <= now)
        {
            consumer++;
        }
        context.storeLong(base + DriverStateDescriptor.CONSUMER_OFFSET, consumer);
        return producer - consumer;
    }

    /**
     * Hands Core-0 the counters and the MTU as the shared region's next version; the counters are read from sandbox
     * memory in one copy of their block, not one load each.
     */
    private void publishStats()
    {
        if (sharedStats == ServiceContext.NO_CAPABILITY)
        {
            return;
        }
        LittleEndian.putInt(shared, EthSharedStatsDescriptor.LAYOUT_VERSION_OFFSET, statsLayout.stateVersion());
        LittleEndian.putInt(shared, EthSharedStatsDescriptor.MTU_OFFSET, mtu());
        LittleEndian.putLong(shared, EthSharedStatsDescriptor.PUBLISHED_AT_NS_OFFSET, context.nowNs());
        context.loadBytes(statsAddress(), stats, 0, statsLayout.length());
        statsLayout.widen(stats, shared, EthSharedStatsDescriptor.COUNTERS_OFFSET);
        context.publishSharedRegion(sharedStats, shared, 0, shared.length);
    }

    private int countError(final int status)
    {
        statsLayout.add(context, statsAddress(), EthStatsDescriptor.TX_ERRORS, 1);
        return status;
    }

    private int etherType()
    {
        final int offset = EthDriverProtocol.ETHER_TYPE_OFFSET;
        return (frame[offset] & 0xFF) << 8 | (frame[offset + 1] & 0xFF);
    }

    private int mtu()
    {
        return context.loadInt(base + DriverStateDescriptor.MTU_OFFSET);
    }

    private long statsAddress()
    {
        return base + DriverStateDescriptor.STATS_OFFSET;
    }

    private long ringAddress()
    {
        return base + DriverStateDescriptor.RING_OFFSET;
    }
}
