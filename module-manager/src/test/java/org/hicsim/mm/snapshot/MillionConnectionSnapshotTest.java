package org.hicsim.mm.snapshot;

import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.mm.KernelFixture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million connections go through shard by shard: every write to the device is one batch, so what the writer
 * holds besides the snapshot itself is a batch or two, and the read back verifies all of them without keeping
 * them.
 */
class MillionConnectionSnapshotTest
{
    private static final int CONNECTIONS = 1_000_000;
    private static final int RECORD_LENGTH_MAX = 64;

    @Test
    void shouldWriteAndVerifyAMillionConnectionsInBoundedBatches()
    {
        final KernelFixture fixture = new KernelFixture(KernelConfig.withSeed(23), 100);
        final SnapshotStore snapshots = new SnapshotStore(fixture.kernel);
        final StateSnapshot snapshot = Snapshots.generate(5, CONNECTIONS, RECORD_LENGTH_MAX, 1_000);
        final Snapshots.Outcome written = new Snapshots.Outcome(fixture);

        assertEquals(0, snapshots.write(fixture.manager, fixture.storeHandle, "big", snapshot, written));
        fixture.run();

        assertNull(written.failure);
        assertEquals(CONNECTIONS, written.index.connectionCount());
        final int largestPart = written.index.shards().stream().mapToInt(ShardMetadata::storedLength).max().orElseThrow();
        for (final String line : fixture.traced("store.submit"))
        {
            final long bytes = Long.parseLong(line.replaceAll(".* bytes=(\\d+).*", "$1"));
            assertTrue(bytes <= SnapshotStore.BATCH_LENGTH + largestPart, line);
        }

        final long[] counted = new long[1];
        final Snapshots.Outcome verified = new Snapshots.Outcome(fixture);
        snapshots.read(fixture.manager, fixture.storeHandle, "big", new SnapshotVisitor()
        {
            @Override
            public void onConnection(final int ordinal, final ConnectionState connection)
            {
                counted[0]++;
            }
        }, verified);
        fixture.run();

        assertNull(verified.failure);
        assertEquals(CONNECTIONS, counted[0]);
    }
}
