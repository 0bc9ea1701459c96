package org.hicsim.services.common;

import java.util.List;
import java.util.zip.CRC32C;

import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;

/**
 * Seals a snapshot with the consistency checkpoint of {@link SnapshotDescriptor} on export, and checks it on
 * import before a single byte of the snapshot is believed. One per service instance: it owns its CRC and scratch.
 */
public final class SnapshotCheckpoint
{
    private final CRC32C crc = new CRC32C();
    private final byte[] prefix = new byte[SnapshotDescriptor.CONNECTION_PREFIX_LENGTH];
    private final byte[] record = new byte[ConnectionState.LENGTH_MAX];

    /**
     * Writes the header of {@code global}, whose body of {@code bodyLength} bytes is already at
     * {@link SnapshotDescriptor#BODY_OFFSET}, and builds the snapshot.
     */
    public StateSnapshot seal(
        final int stateVersion, final byte[] global, final int bodyLength, final List<ConnectionState> connections)
    {
        LittleEndian.putInt(global, SnapshotDescriptor.BODY_LENGTH_OFFSET, bodyLength);
        LittleEndian.putInt(global, SnapshotDescriptor.CHECKPOINT_OFFSET,
            checkpoint(global, bodyLength, connections));
        final StateSnapshot.Builder builder = StateSnapshot.builder(stateVersion)
            .global(global, 0, SnapshotDescriptor.HEADER_LENGTH + bodyLength);
        for (final ConnectionState connection : connections)
        {
            builder.connection(connection);
        }
        return builder.build();
    }

    /**
     * {@link #open(StateSnapshot, byte[])} for a service that reads one state version only.
     *
     * @return the body length, {@link Status#STATE_VERSION_UNSUPPORTED} when the snapshot is in another state
     * version than {@code stateVersion}, or {@link Status#STATE_CORRUPT}.
     */
    public int open(final StateSnapshot snapshot, final int stateVersion, final byte[] global)
    {
        return snapshot.stateVersion() == stateVersion ? open(snapshot, global) : Status.STATE_VERSION_UNSUPPORTED;
    }

    /**
     * Copies the snapshot's global state into {@code global} and checks its checkpoint.
     *
     * @return the body length, or {@link Status#STATE_CORRUPT} when the global state does not fit
     * {@code global}, its header disagrees with its length, or the checkpoint does not match.
     */
    public int open(final StateSnapshot snapshot, final byte[] global)
    {
        final int globalLength = snapshot.globalLength();
        if (globalLength < SnapshotDescriptor.HEADER_LENGTH || globalLength > global.length)
        {
            return Status.STATE_CORRUPT;
        }
        snapshot.copyGlobal(global, 0);
        final int bodyLength = LittleEndian.getInt(global, SnapshotDescriptor.BODY_LENGTH_OFFSET);
        if (bodyLength != globalLength - SnapshotDescriptor.HEADER_LENGTH)
        {
            return Status.STATE_CORRUPT;
        }
        final int expected = LittleEndian.getInt(global, SnapshotDescriptor.CHECKPOINT_OFFSET);
        return checkpoint(global, bodyLength, snapshot.connections()) == expected ? bodyLength : Status.STATE_CORRUPT;
    }

    private int checkpoint(final byte[] global, final int bodyLength, final List<ConnectionState> connections)
    {
        crc.reset();
        crc.update(global, SnapshotDescriptor.BODY_OFFSET, bodyLength);
        for (final ConnectionState connection : connections)
        {
            LittleEndian.putLong(prefix, 0, connection.connectionId());
            prefix[Long.BYTES] = (byte)connection.connectionClass().code();
            LittleEndian.putShort(prefix, Long.BYTES + 1, connection.length());
            crc.update(prefix, 0, prefix.length);
            crc.update(record, 0, connection.copyRecord(record, 0));
        }
        return (int)crc.getValue();
    }
}
