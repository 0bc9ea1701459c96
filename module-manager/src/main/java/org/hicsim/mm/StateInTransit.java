package org.hicsim.mm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.mm.snapshot.ShardRecordDescriptor;

/**
 * The two payloads an update's migration channel carries, as bytes, all fields little-endian.
 * <p>
 * The <b>snapshot</b> taken at the consistency point:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         State Version                         |
 *  +---------------------------------------------------------------+
 *  |                         Global Length                         |
 *  +---------------------------------------------------------------+
 *  |                       Connection Count                        |
 *  +---------------------------------------------------------------+
 *  |                 Global State (Global Length bytes)           ...
 *  +---------------------------------------------------------------+
 *  |      Connections, each as ShardRecordDescriptor lays it out  ...
 *  +---------------------------------------------------------------+
 * </pre>
 * One connection's <b>parcel</b>, what the sending instance's {@code migrate_connection} handed over:
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Connection Id                         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Buffer Region Handle (in the receiver's space)       |
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |         State Length          |    State (0 to 256 bytes)    ...
 *  +-------------------------------+-------------------------------+
 * </pre>
 * The handle travels with the state so the receiving instance gets both from the sealed record, as HIC's
 * "migration package" carries them; Core-0 moved the capability itself.
 */
final class StateInTransit
{
    static final int SNAPSHOT_HEADER_LENGTH = 3 * Integer.BYTES;
    static final int PARCEL_HEADER_LENGTH = 2 * Long.BYTES + Short.BYTES;

    /** One connection on its way: its id, its buffer region's handle in the receiver's space, its final state. */
    record Parcel(long connectionId, long bufferHandle, byte[] state)
    {
    }

    private StateInTransit()
    {
    }

    static byte[] encode(final StateSnapshot snapshot)
    {
        final int connectionCount = snapshot.connections().size();
        final ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(SNAPSHOT_HEADER_LENGTH
            + (long)ShardRecordDescriptor.HEADER_LENGTH * connectionCount + SnapshotBytes.length(snapshot)))
            .order(ByteOrder.LITTLE_ENDIAN);
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        out.putInt(snapshot.stateVersion()).putInt(global.length).putInt(connectionCount).put(global);
        final byte[] record = new byte[ConnectionState.LENGTH_MAX];
        int ordinal = 0;
        for (final ConnectionState connection : snapshot.connections())
        {
            final int length = connection.copyRecord(record, 0);
            out.putInt(ordinal++).putShort((short)length).put((byte)connection.connectionClass().code())
                .put((byte)0).putLong(connection.connectionId()).put(record, 0, length);
        }
        return out.array();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a whole snapshot.
     */
    static StateSnapshot decodeSnapshot(final byte[] bytes)
    {
        try
        {
            final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            final StateSnapshot.Builder builder = StateSnapshot.builder(in.getInt());
            final int globalLength = in.getInt();
            final int connectionCount = in.getInt();
            builder.global(bytes, in.position(), globalLength);
            in.position(in.position() + globalLength);
            final byte[] record = new byte[ConnectionState.LENGTH_MAX];
            for (int i = 0; i < connectionCount; i++)
            {
                in.getInt();
                final int length = Short.toUnsignedInt(in.getShort());
                final ConnectionClass connectionClass = ConnectionClass.fromCode(in.get());
                in.get();
                final long connectionId = in.getLong();
                in.get(record, 0, length);
                builder.connection(new ConnectionState(connectionId, connectionClass, record, length));
            }
            if (in.hasRemaining())
            {
                throw new IllegalArgumentException("trailing=" + in.remaining());
            }
            return builder.build();
        }
        catch (final RuntimeException malformed)
        {
            throw new IllegalArgumentException("not a snapshot: " + malformed.getMessage(), malformed);
        }
    }

    static byte[] encode(final Parcel parcel)
    {
        return ByteBuffer.allocate(PARCEL_HEADER_LENGTH + parcel.state().length).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(parcel.connectionId()).putLong(parcel.bufferHandle()).putShort((short)parcel.state().length)
            .put(parcel.state()).array();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a whole parcel.
     */
    static Parcel decodeParcel(final byte[] bytes)
    {
        try
        {
            final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            final long connectionId = in.getLong();
            final long handle = in.getLong();
            final byte[] state = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(state);
            if (in.hasRemaining())
            {
                throw new IllegalArgumentException("trailing=" + in.remaining());
            }
            return new Parcel(connectionId, handle, state);
        }
        catch (final RuntimeException malformed)
        {
            throw new IllegalArgumentException("not a parcel: " + malformed.getMessage(), malformed);
        }
    }
}
