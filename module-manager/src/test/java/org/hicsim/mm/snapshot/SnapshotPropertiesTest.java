package org.hicsim.mm.snapshot;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.mm.KernelFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any snapshot reads back as itself; any byte flipped in its data file is either found in the part that holds
 * it, named, or changed nothing the part decompresses to.
 */
class SnapshotPropertiesTest
{
    private static final String NAME = "snapshot";

    @Property(tries = 40)
    void aSnapshotReadsBackAsItselfAndAFlippedByteIsFoundInThePartThatHoldsIt(
        @ForAll final long seed,
        @ForAll @IntRange(min = 0, max = 3_000) final int connections,
        @ForAll @IntRange(min = 0, max = ConnectionState.LENGTH_MAX) final int recordLengthMax,
        @ForAll @IntRange(min = 0, max = 5_000) final int globalLength,
        @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) final int where,
        @ForAll @IntRange(min = 1, max = 255) final int mask)
    {
        final KernelFixture fixture = new KernelFixture();
        final SnapshotStore snapshots = new SnapshotStore(fixture.kernel);
        final StateSnapshot snapshot = Snapshots.generate(seed, connections, recordLengthMax, globalLength);
        final Snapshots.Outcome written = new Snapshots.Outcome(fixture);
        assertEquals(0, snapshots.write(fixture.manager, fixture.storeHandle, NAME, snapshot, written));
        fixture.run();
        assertNull(written.failure);

        final SnapshotCollector clean = new SnapshotCollector();
        assertNull(read(fixture, snapshots, clean).failure);
        assertEquals(snapshot, clean.snapshot());

        final long position = where % written.index.storedLength();
        fixture.store().flip(SnapshotStore.dataFile(NAME), position, (byte)mask);
        final SnapshotCollector damaged = new SnapshotCollector();
        final Snapshots.Outcome outcome = read(fixture, snapshots, damaged);

        if (outcome.failure == null)
        {
            assertEquals(snapshot, damaged.snapshot(), "a flip the CRC32 did not see changed nothing");
        }
        else
        {
            assertTrue(outcome.failure instanceof SnapshotCorruptedException, outcome.failure.toString());
            assertEquals(partHolding(written.index, position), ((SnapshotCorruptedException)outcome.failure).shardId());
        }
    }

    private static Snapshots.Outcome read(
        final KernelFixture fixture, final SnapshotStore snapshots, final SnapshotVisitor visitor)
    {
        final Snapshots.Outcome outcome = new Snapshots.Outcome(fixture);
        assertEquals(0, snapshots.read(fixture.manager, fixture.storeHandle, NAME, visitor, outcome));
        fixture.run();
        assertTrue(outcome.ended());
        return outcome;
    }

    private static int partHolding(final SnapshotIndex index, final long position)
    {
        for (int shard = ShardMetadata.GLOBAL; shard < ShardSet.SHARD_COUNT; shard++)
        {
            final ShardMetadata part = index.part(shard);
            if (position >= part.offset() && position < part.offset() + part.storedLength())
            {
                return shard;
            }
        }
        throw new AssertionError("position=" + position + " is in no part");
    }
}
