package org.hicsim.mm.snapshot;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.store.StoreError;
import org.hicsim.mm.KernelFixture;
import org.junit.jupiter.api.Test;

import static org.hicsim.mm.snapshot.ShardSet.SHARD_COUNT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotStoreTest
{
    private static final String NAME = "snapshot/netstack/update-1";

    private final KernelFixture fixture = new KernelFixture();
    private final SnapshotStore snapshots = new SnapshotStore(fixture.kernel);
    private static final StateSnapshot SNAPSHOT = Snapshots.generate(1, 5_000, ConnectionState.LENGTH_MAX, 3_000);
    /** About 2.9 MB in three batches: enough for the CPU and the device to overlap, and to outlast a CPU period. */
    private static final StateSnapshot LARGE = Snapshots.generate(2, 20_000, ConnectionState.LENGTH_MAX, 3_000);

    private Snapshots.Outcome write(final KernelFixture on, final StateSnapshot written)
    {
        final Snapshots.Outcome outcome = new Snapshots.Outcome(on);
        assertEquals(0, new SnapshotStore(on.kernel).write(on.manager, on.storeHandle, NAME, written, outcome));
        on.run();
        assertNull(outcome.failure);
        return outcome;
    }

    private Snapshots.Outcome read(final SnapshotVisitor visitor)
    {
        final Snapshots.Outcome outcome = new Snapshots.Outcome(fixture);
        assertEquals(0, snapshots.read(fixture.manager, fixture.storeHandle, NAME, visitor, outcome));
        fixture.run();
        assertTrue(outcome.ended());
        return outcome;
    }

    @Test
    void shouldReadBackExactlyTheSnapshotWrittenInItsOriginalOrder()
    {
        write(fixture, SNAPSHOT);
        final SnapshotCollector collector = new SnapshotCollector();

        final Snapshots.Outcome outcome = read(collector);

        assertNull(outcome.failure);
        assertEquals(SNAPSHOT, collector.snapshot());
    }

    @Test
    void shouldShardByConnectionHashWithMetadataThatAddsUp()
    {
        final SnapshotIndex index = write(fixture, SNAPSHOT).index;
        final List<Integer> seenShard = new ArrayList<>();

        read(new SnapshotVisitor()
        {
            @Override
            public void onConnection(final int ordinal, final ConnectionState connection)
            {
                seenShard.add(ShardSet.shardOf(connection.connectionId()));
            }
        });

        assertEquals(SHARD_COUNT, index.shards().size());
        assertEquals(SNAPSHOT.connections().size(), index.shards().stream().mapToInt(ShardMetadata::connectionCount).sum());
        long dataLength = SNAPSHOT.globalLength();
        for (final ConnectionState connection : SNAPSHOT.connections())
        {
            dataLength += ShardRecordDescriptor.length(connection.length());
        }
        assertEquals(dataLength, index.dataLength());
        assertEquals(index.storedLength(), fixture.store().fileLength(SnapshotStore.dataFile(NAME)));
        assertEquals(seenShard.stream().sorted().toList(), seenShard, "delivered shard by shard, in shard order");
        final int fullest = index.shards().stream().mapToInt(ShardMetadata::connectionCount).max().orElseThrow();
        assertTrue(fullest < 4 * SNAPSHOT.connections().size() / SHARD_COUNT, "spread evenly: fullest=" + fullest);
    }

    @Test
    void shouldNameTheShardWhoseDataIsCorrupted()
    {
        final SnapshotIndex index = write(fixture, SNAPSHOT).index;
        final ShardMetadata shard = index.shards().get(700);
        fixture.store().flip(SnapshotStore.dataFile(NAME), shard.offset() + shard.storedLength() / 2, (byte)0x40);

        final Snapshots.Outcome outcome = read(SnapshotVisitor.NONE);

        final SnapshotCorruptedException corrupted = assertInstanceOf(SnapshotCorruptedException.class, outcome.failure);
        assertEquals(700, corrupted.shardId());
        assertTrue(corrupted.getMessage().contains("shard=700"), corrupted.getMessage());
        assertTrue(fixture.kernel.audit().records().stream().anyMatch(r -> r.kind().equals("mm.snapshot.failed")));
    }

    @Test
    void shouldNameTheGlobalPartOrTheIndexWhenTheyAreCorrupted()
    {
        write(fixture, SNAPSHOT);
        fixture.store().flip(SnapshotStore.indexFile(NAME), SnapshotIndexDescriptor.shardEntryOffset(3), (byte)1);

        assertEquals(SnapshotCorruptedException.INDEX,
            ((SnapshotCorruptedException)verify(fixture).failure).shardId());

        fixture.store().flip(SnapshotStore.indexFile(NAME), SnapshotIndexDescriptor.shardEntryOffset(3), (byte)1);
        fixture.store().flip(SnapshotStore.dataFile(NAME), 10, (byte)0x08);
        assertEquals(ShardMetadata.GLOBAL, ((SnapshotCorruptedException)verify(fixture).failure).shardId());
    }

    @Test
    void shouldNameTheFirstShardMissingFromADataFileCutShort()
    {
        final SnapshotIndex index = write(fixture, SNAPSHOT).index;
        final ShardMetadata shard = index.shards().get(900);
        fixture.store().truncate(fixture.manager, fixture.storeHandle, SnapshotStore.dataFile(NAME), shard.offset() + 1,
            (id, result) -> { });
        fixture.run();

        assertEquals(900, ((SnapshotCorruptedException)verify(fixture).failure).shardId());
    }

    @Test
    void shouldChargeTheModelsCpuWorkToTheWritersQuota()
    {
        final long before = fixture.kernel.cpu().quota(fixture.manager).consumedNs();
        final SnapshotIndex index = write(fixture, SNAPSHOT).index;
        final CostTable costs = fixture.kernel.costs();

        long expected = costs.hashNs((long)Long.BYTES * SNAPSHOT.connections().size());
        expected += partWork(costs, index.global().dataLength());
        for (final ShardMetadata shard : index.shards())
        {
            expected += partWork(costs, shard.dataLength());
        }
        assertEquals(expected, fixture.kernel.cpu().quota(fixture.manager).consumedNs() - before);
    }

    @Test
    void shouldTakeAtLeastTheStoreTransfersAndTheCpuWorkTogetherLimitedByTheSlowerOne()
    {
        final Snapshots.Outcome outcome = write(fixture, LARGE);
        final CostTable costs = fixture.kernel.costs();
        long storeNs = costs.storeTransferNs(SnapshotIndexDescriptor.LENGTH);
        for (final String line : fixture.traced("store.done"))
        {
            if (line.contains("file=" + SnapshotStore.dataFile(NAME)))
            {
                storeNs += costs.storeTransferNs(Long.parseLong(line.replaceAll(".* bytes=(\\d+).*", "$1")));
            }
        }
        final long cpuNs = fixture.kernel.cpu().quota(fixture.manager).consumedNs();

        assertTrue(fixture.traced("store.done").size() > 2, "several batches");
        assertTrue(outcome.endNs >= Math.max(storeNs, cpuNs), "end=" + outcome.endNs + " store=" + storeNs + " cpu=" + cpuNs);
        assertTrue(outcome.endNs < storeNs + cpuNs, "the CPU and the device overlap");
    }

    @Test
    void shouldTakeLongerWithHalfTheStoreBandwidth()
    {
        final CostTable costs = CostTable.defaults();
        final KernelFixture slowStore = new KernelFixture(KernelConfig.withSeed(17)
            .withCosts(costs.with(Cost.STORE_BANDWIDTH, costs.value(Cost.STORE_BANDWIDTH) / 2)), 100);

        final long normal = write(fixture, LARGE).endNs;
        final long slow = write(slowStore, LARGE).endNs;

        assertTrue(slow > normal * 3 / 2, "normal=" + normal + " slow=" + slow);
    }

    @Test
    void shouldTakeLongerWithHalfTheCpuQuota()
    {
        final KernelFixture normalCpu = new KernelFixture(KernelConfig.withSeed(17), 20);
        final KernelFixture halfCpu = new KernelFixture(KernelConfig.withSeed(17), 10);

        final long normal = write(normalCpu, LARGE).endNs;
        final long slow = write(halfCpu, LARGE).endNs;

        assertTrue(slow > normal * 3 / 2, "normal=" + normal + " slow=" + slow);
    }

    @Test
    void shouldRefuseToWriteOverAnExistingSnapshotUntilItIsDeleted()
    {
        write(fixture, SNAPSHOT);
        final Snapshots.Outcome outcome = new Snapshots.Outcome(fixture);

        assertEquals(SnapshotStore.EXISTS, snapshots.write(fixture.manager, fixture.storeHandle, NAME, SNAPSHOT, outcome));
        final long[] deleted = new long[1];
        snapshots.delete(fixture.manager, fixture.storeHandle, NAME, (id, result) -> deleted[0] = result);
        fixture.run();

        assertEquals(0, deleted[0]);
        assertEquals(List.of(), fixture.store().files());
        write(fixture, SNAPSHOT);
    }

    @Test
    void shouldStopSilentlyWhenTheWriterDiesAndLeaveNoIndex()
    {
        final Snapshots.Outcome outcome = new Snapshots.Outcome(fixture);
        snapshots.write(fixture.manager, fixture.storeHandle, NAME, LARGE, outcome);
        while (fixture.store().fileLength(SnapshotStore.dataFile(NAME)) < 0)
        {
            fixture.kernel.simulation().step();
        }
        fixture.killManager();
        fixture.run();

        assertFalse(outcome.ended(), "a dead writer hears nothing");
        assertEquals(StoreError.NO_SUCH_FILE.code(), fixture.store().fileLength(SnapshotStore.indexFile(NAME)));
        fixture.startManager(100);
        assertEquals(StoreError.NO_SUCH_FILE.code(), snapshots.verify(fixture.manager, fixture.storeHandle, NAME, outcome));
        assertEquals(SnapshotStore.EXISTS, snapshots.write(fixture.manager, fixture.storeHandle, NAME, LARGE, outcome),
            "the interrupted write's data is still there");
        snapshots.delete(fixture.manager, fixture.storeHandle, NAME, (id, result) -> assertEquals(0, result));
        fixture.run();
        write(fixture, SNAPSHOT);
    }

    @Test
    void shouldReadASnapshotBackAfterTheManagerIsRestarted()
    {
        write(fixture, SNAPSHOT);
        fixture.killManager();
        fixture.startManager(100);
        final SnapshotCollector collector = new SnapshotCollector();

        assertNull(read(collector).failure);
        assertEquals(SNAPSHOT, collector.snapshot());
    }

    @Test
    void shouldWriteTheSameBytesAndTraceOnEveryRun()
    {
        final KernelFixture again = new KernelFixture();
        write(fixture, SNAPSHOT);
        write(again, SNAPSHOT);

        assertArrayEquals(fixture.readFile(SnapshotStore.dataFile(NAME)), again.readFile(SnapshotStore.dataFile(NAME)));
        assertEquals(fixture.kernel.simulation().trace().sha256Hex(), again.kernel.simulation().trace().sha256Hex());
    }

    @Test
    void shouldRefuseAWriterWithoutTheStoreCapability()
    {
        final int intruder = fixture.sandbox("intruder", 10);
        final Snapshots.Outcome outcome = new Snapshots.Outcome(fixture);

        assertTrue(snapshots.write(intruder, fixture.storeHandle, NAME, SNAPSHOT, outcome) < 0);
        fixture.run();
        assertFalse(outcome.ended());
    }

    private Snapshots.Outcome verify(final KernelFixture on)
    {
        final Snapshots.Outcome outcome = new Snapshots.Outcome(on);
        assertEquals(0, snapshots.verify(on.manager, on.storeHandle, NAME, outcome));
        on.run();
        return outcome;
    }

    private static long partWork(final CostTable costs, final long dataLength)
    {
        return costs.copyNs(dataLength) + costs.hashNs(dataLength) + costs.compressNs(dataLength);
    }
}
