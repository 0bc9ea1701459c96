package org.hicsim.host;

import java.util.List;

import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.fault.Faults;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;

/**
 * {@link FaultPoint#EXPORT_CORRUPT}: a copy of an exported snapshot with one bit of one byte flipped, the byte
 * chosen by the fault point's random source among the global state's bytes and then the connections' records,
 * so an importer's checksum or consistency check has something to catch. The copy keeps the exporter's seal: the
 * bit flipped after the export, the seal's holder finds it no longer matches.
 */
final class SnapshotCorruption
{
    private SnapshotCorruption()
    {
    }

    /**
     * @return the corrupted copy, or {@code snapshot} itself when it holds no byte at all.
     */
    static StateSnapshot corrupt(final StateSnapshot snapshot, final Faults faults)
    {
        final List<ConnectionState> connections = snapshot.connections();
        int bytes = snapshot.globalLength();
        for (final ConnectionState connection : connections)
        {
            bytes += connection.length();
        }
        if (bytes == 0)
        {
            return snapshot;
        }
        int flipped = faults.choose(FaultPoint.EXPORT_CORRUPT, bytes);
        final int bit = 1 << faults.choose(FaultPoint.EXPORT_CORRUPT, Byte.SIZE);
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        if (flipped < global.length)
        {
            global[flipped] ^= bit;
        }
        flipped -= global.length;
        final StateSnapshot.Builder copy =
            StateSnapshot.builder(snapshot.stateVersion()).global(global, 0, global.length).sealedAs(snapshot);
        for (final ConnectionState connection : connections)
        {
            final byte[] record = new byte[connection.length()];
            connection.copyRecord(record, 0);
            if (flipped >= 0 && flipped < record.length)
            {
                record[flipped] ^= bit;
            }
            flipped -= record.length;
            copy.connection(new ConnectionState(
                connection.connectionId(), connection.connectionClass(), record, record.length));
        }
        return copy.build();
    }
}
