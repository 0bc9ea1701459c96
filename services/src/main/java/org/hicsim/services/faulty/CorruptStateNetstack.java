package org.hicsim.services.faulty;

import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.services.netstack.SnapshotGlobalDescriptor;

/**
 * Fault {@value #KIND}: once armed, exports netstack 1.3.0's snapshot with one bit of its consistency checkpoint
 * flipped after the snapshot was sealed, as state changed after its checkpoint was taken: every importer's check
 * fails and answers {@link org.hicsim.core0.spi.Status#STATE_CORRUPT}, and the exporter's seal
 * ({@link org.hicsim.core0.spi.StateSeal}, CRC32) no longer matches the global part, which the Module Manager
 * checks before it keeps or uses the export. Serving is untouched.
 */
public final class CorruptStateNetstack extends DelayedFaultNetstack
{
    public static final String KIND = "corrupt-state";

    @Override
    public StateSnapshot exportState(final MigrationContext migration)
    {
        final StateSnapshot snapshot = super.exportState(migration);
        if (snapshot == null || !isArmed())
        {
            return snapshot;
        }
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        global[SnapshotGlobalDescriptor.CHECKPOINT_OFFSET] ^= 1;
        final StateSnapshot.Builder corrupt = StateSnapshot.builder(snapshot.stateVersion())
            .global(global, 0, global.length)
            .sealedAs(snapshot);
        for (final ConnectionState connection : snapshot.connections())
        {
            corrupt.connection(connection);
        }
        return corrupt.build();
    }
}
