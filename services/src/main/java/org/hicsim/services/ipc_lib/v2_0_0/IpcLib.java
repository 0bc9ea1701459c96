package org.hicsim.services.ipc_lib.v2_0_0;

import java.util.List;
import java.util.zip.CRC32C;

import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.common.ConnectionlessService;
import org.hicsim.services.common.LittleEndian;
import org.hicsim.services.common.PhaseWord;
import org.hicsim.services.common.SandboxMemory;
import org.hicsim.services.common.SnapshotCheckpoint;
import org.hicsim.services.common.SnapshotDescriptor;
import org.hicsim.services.ipc_lib.FrameHeaderDescriptor;
import org.hicsim.services.ipc_lib.IpcLibProtocol;
import org.hicsim.services.ipc_lib.IpcLibStateDescriptor;

/**
 * ipc_lib 2.0.0: frames and unframes messages ({@link IpcLibProtocol}), keeping its sequence numbers and
 * counters in sandbox memory ({@link IpcLibStateDescriptor}) so that a new instance goes on numbering where the
 * old one stopped. While frozen for a migration it refuses to frame or unframe ({@code BUSY}), since either moves
 * a sequence number the snapshot is about to take, and once it has exported it leaves them to the importer
 * ({@code MIGRATED}). It holds no connections, and is quiescent at every level at once: each
 * request is served whole and leaves nothing open.
 */
public final class IpcLib extends ConnectionlessService
{
    public static final int STATE_VERSION = 1;

    private final byte[] frame = new byte[Message.PAYLOAD_LENGTH_MAX];
    private final byte[] global = new byte[SnapshotDescriptor.HEADER_LENGTH + IpcLibStateDescriptor.MIGRATABLE_LENGTH];
    private final SnapshotCheckpoint checkpoint = new SnapshotCheckpoint();
    private final CRC32C crc = new CRC32C();
    private ServiceContext context;
    private long base;
    private PhaseWord phase;

    /**
     * @throws IllegalStateException if the sandbox is too small for the state.
     */
    @Override
    public void init(final ServiceContext context)
    {
        this.base = SandboxMemory.base(context, IpcLibStateDescriptor.LENGTH, "the state needs");
        this.context = context;
        this.phase = new PhaseWord(context, base + IpcLibStateDescriptor.PHASE_OFFSET);
        for (int offset = 0; offset < IpcLibStateDescriptor.LENGTH; offset += Long.BYTES)
        {
            context.storeLong(base + offset, 0);
        }
        phase.serve();
    }

    @Override
    protected void serve(final Message request, final Message reply, final int refusal)
    {
        switch (request.operation())
        {
            case IpcLibProtocol.FRAME:
                reply.status(refusal == Status.OK ? frame(request, reply) : refusal);
                break;
            case IpcLibProtocol.UNFRAME:
                reply.status(refusal == Status.OK ? unframe(request, reply) : refusal);
                break;
            case IpcLibProtocol.STATS:
                reply.argument(0, context.loadLong(base + IpcLibStateDescriptor.FRAMED_OFFSET))
                    .argument(1, context.loadLong(base + IpcLibStateDescriptor.UNFRAMED_OFFSET))
                    .argument(2, context.loadLong(base + IpcLibStateDescriptor.REFUSED_OFFSET))
                    .argument(3, context.loadLong(base + IpcLibStateDescriptor.SKIPPED_OFFSET));
                break;
            default:
                reply.status(Status.UNKNOWN_OPERATION);
        }
    }

    @Override
    public void probe(final HealthReport report)
    {
        report.clear().health(phase.isRetired() ? Health.UNHEALTHY : Health.HEALTHY)
            .memoryInUseBytes(IpcLibStateDescriptor.LENGTH);
    }

    @Override
    protected StateSnapshot writeSnapshot(final MigrationContext migration)
    {
        if (migration.snapshotStateVersion() != STATE_VERSION)
        {
            return null;
        }
        context.loadBytes(base + IpcLibStateDescriptor.MIGRATABLE_OFFSET, global, SnapshotDescriptor.BODY_OFFSET,
            IpcLibStateDescriptor.MIGRATABLE_LENGTH);
        return checkpoint.seal(STATE_VERSION, global, IpcLibStateDescriptor.MIGRATABLE_LENGTH, List.of());
    }

    @Override
    protected int readSnapshot(final StateSnapshot snapshot, final MigrationContext migration)
    {
        final int bodyLength = checkpoint.open(snapshot, STATE_VERSION, global);
        if (bodyLength < 0)
        {
            return bodyLength;
        }
        if (bodyLength != IpcLibStateDescriptor.MIGRATABLE_LENGTH || !snapshot.connections().isEmpty())
        {
            return Status.STATE_CORRUPT;
        }
        context.storeBytes(base + IpcLibStateDescriptor.MIGRATABLE_OFFSET, global, SnapshotDescriptor.BODY_OFFSET,
            IpcLibStateDescriptor.MIGRATABLE_LENGTH);
        return Status.OK;
    }

    @Override
    protected PhaseWord phase()
    {
        return phase;
    }

    private int frame(final Message request, final Message reply)
    {
        final int bodyLength = request.payloadLength();
        if (bodyLength > IpcLibProtocol.BODY_LENGTH_MAX)
        {
            return Status.INVALID_ARGUMENT;
        }
        final int sequence = context.loadInt(base + IpcLibStateDescriptor.TX_SEQUENCE_OFFSET);
        LittleEndian.putShort(frame, FrameHeaderDescriptor.MAGIC_OFFSET, FrameHeaderDescriptor.MAGIC);
        frame[FrameHeaderDescriptor.VERSION_OFFSET] = FrameHeaderDescriptor.VERSION;
        frame[FrameHeaderDescriptor.FLAGS_OFFSET] = 0;
        LittleEndian.putInt(frame, FrameHeaderDescriptor.BODY_LENGTH_OFFSET, bodyLength);
        LittleEndian.putInt(frame, FrameHeaderDescriptor.SEQUENCE_OFFSET, sequence);
        request.copyPayload(frame, FrameHeaderDescriptor.LENGTH);
        LittleEndian.putInt(frame, FrameHeaderDescriptor.CRC_OFFSET, crcOf(bodyLength));
        reply.payload(frame, 0, FrameHeaderDescriptor.LENGTH + bodyLength).argument(0, sequence & 0xFFFF_FFFFL);
        context.storeInt(base + IpcLibStateDescriptor.TX_SEQUENCE_OFFSET, sequence + 1);
        increment(IpcLibStateDescriptor.FRAMED_OFFSET, 1);
        return Status.OK;
    }

    private int unframe(final Message request, final Message reply)
    {
        final int length = request.payloadLength();
        if (length < FrameHeaderDescriptor.LENGTH)
        {
            return refuse(IpcLibProtocol.FRAME_TRUNCATED);
        }
        request.copyPayload(frame, 0);
        if (LittleEndian.getUnsignedShort(frame, FrameHeaderDescriptor.MAGIC_OFFSET) != FrameHeaderDescriptor.MAGIC
            || frame[FrameHeaderDescriptor.VERSION_OFFSET] != FrameHeaderDescriptor.VERSION
            || frame[FrameHeaderDescriptor.FLAGS_OFFSET] != 0)
        {
            return refuse(IpcLibProtocol.FRAME_BAD_HEADER);
        }
        final int bodyLength = LittleEndian.getInt(frame, FrameHeaderDescriptor.BODY_LENGTH_OFFSET);
        if (bodyLength != length - FrameHeaderDescriptor.LENGTH)
        {
            return refuse(IpcLibProtocol.FRAME_TRUNCATED);
        }
        if (crcOf(bodyLength) != LittleEndian.getInt(frame, FrameHeaderDescriptor.CRC_OFFSET))
        {
            return refuse(IpcLibProtocol.FRAME_CRC_MISMATCH);
        }
        final int sequence = LittleEndian.getInt(frame, FrameHeaderDescriptor.SEQUENCE_OFFSET);
        final int gap = sequence - context.loadInt(base + IpcLibStateDescriptor.RX_EXPECTED_OFFSET);
        reply.payload(frame, FrameHeaderDescriptor.LENGTH, bodyLength)
            .argument(0, sequence & 0xFFFF_FFFFL)
            .argument(1, gap);
        if (gap >= 0)
        {
            context.storeInt(base + IpcLibStateDescriptor.RX_EXPECTED_OFFSET, sequence + 1);
            increment(IpcLibStateDescriptor.SKIPPED_OFFSET, gap);
        }
        increment(IpcLibStateDescriptor.UNFRAMED_OFFSET, 1);
        return Status.OK;
    }

    /** The CRC32C of the header before its CRC field, then the body, both already in {@link #frame}. */
    private int crcOf(final int bodyLength)
    {
        crc.reset();
        crc.update(frame, 0, FrameHeaderDescriptor.CRC_OFFSET);
        crc.update(frame, FrameHeaderDescriptor.LENGTH, bodyLength);
        return (int)crc.getValue();
    }

    private int refuse(final int status)
    {
        increment(IpcLibStateDescriptor.REFUSED_OFFSET, 1);
        return status;
    }

    private void increment(final int offset, final long delta)
    {
        context.storeLong(base + offset, context.loadLong(base + offset) + delta);
    }
}
