package org.hicsim.mm.snapshot;

import java.util.Arrays;

import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.store.StoreError;

import static org.hicsim.mm.snapshot.ShardSet.SHARD_COUNT;

/**
 * One snapshot being written: grouped by shard, then part by part (the global part, shards 0 to 1023) copied
 * out, checksummed and compressed under the writer's CPU quota, and appended to the data file in batches of
 * about {@link SnapshotStore#BATCH_LENGTH}; the index last, once every part is durable.
 * <p>
 * The CPU and the device work at once, as a pipeline: the next part is compressed while the last batch moves,
 * and at most {@link SnapshotStore#WRITES_IN_FLIGHT} batches are on the device, so memory stays at a few batches
 * whatever the snapshot's size, and the time taken is the slower of the two plus the ends of the pipeline. Each
 * part's real work is done at the instant its CPU work ends in virtual time.
 */
final class SnapshotWrite
{
    private final SnapshotCall call;
    private final StateSnapshot snapshot;
    private final ShardCodec codec = new ShardCodec();
    private final ShardMetadata[] shardParts = new ShardMetadata[SHARD_COUNT];
    private final EventHandler groupedHandler = arg -> grouped();
    private final EventHandler computedHandler = this::computed;
    private ShardSet shards;
    private ShardMetadata globalPart;
    private byte[] batch = new byte[SnapshotStore.BATCH_LENGTH];
    private int batchLength;
    private long batchOffset;
    private int nextPart = ShardMetadata.GLOBAL;
    private int writesInFlight;
    private boolean waitingForDevice;
    private boolean finished;
    private long startNs;

    SnapshotWrite(final SnapshotCall call, final StateSnapshot snapshot)
    {
        this.call = call;
        this.snapshot = snapshot;
    }

    long start()
    {
        final String name = call.name();
        for (final String file : new String[] {SnapshotStore.indexFile(name), SnapshotStore.dataFile(name)})
        {
            final long length = call.store().length(call.sandboxId(), call.storeHandle(), file);
            if (length >= 0)
            {
                return SnapshotStore.EXISTS;
            }
            if (length != StoreError.NO_SUCH_FILE.code())
            {
                return length;
            }
        }
        startNs = call.nowNs();
        final int connections = snapshot.connections().size();
        call.trace("mm.snapshot.write", " connections=" + connections + " globalLength=" + snapshot.globalLength()
            + " shards=" + SHARD_COUNT);
        // Sharding hashes every connection id once.
        call.compute(call.costs().hashNs((long)Long.BYTES * connections), groupedHandler, 0);
        return 0;
    }

    private void grouped()
    {
        if (!call.callerAlive())
        {
            return;
        }
        shards = new ShardSet(snapshot.connections());
        computeNext();
    }

    private void computeNext()
    {
        if (nextPart == SHARD_COUNT)
        {
            return;
        }
        if (writesInFlight >= SnapshotStore.WRITES_IN_FLIGHT)
        {
            waitingForDevice = true;
            return;
        }
        final long dataLength =
            nextPart == ShardMetadata.GLOBAL ? snapshot.globalLength() : shards.dataLength(nextPart);
        final CostTable costs = call.costs();
        call.compute(costs.copyNs(dataLength) + costs.hashNs(dataLength) + costs.compressNs(dataLength),
            computedHandler, nextPart);
    }

    private void computed(final long arg)
    {
        if (!call.callerAlive())
        {
            return;
        }
        final int part = (int)arg;
        final boolean global = part == ShardMetadata.GLOBAL;
        final int dataLength =
            global ? codec.encodeGlobal(snapshot) : codec.encodeShard(shards, part, snapshot.connections());
        final int crc = codec.crc32(dataLength);
        final int room = batchLength + ShardCodec.storedLengthMax(dataLength);
        if (batch.length < room)
        {
            batch = Arrays.copyOf(batch, room);
        }
        final int storedLength = codec.compress(dataLength, batch, batchLength);
        final ShardMetadata metadata = new ShardMetadata(part, global ? 0 : shards.connectionCount(part), dataLength,
            storedLength, crc, batchOffset + batchLength);
        if (global)
        {
            globalPart = metadata;
        }
        else
        {
            shardParts[part] = metadata;
        }
        batchLength += storedLength;
        nextPart++;
        if (batchLength >= SnapshotStore.BATCH_LENGTH || nextPart == SHARD_COUNT)
        {
            final long request =
                call.append(SnapshotStore.dataFile(call.name()), batch, batchLength, (id, result) -> written(result));
            if (request < 0)
            {
                fail(new SnapshotStoreException(call.name(), "append", request));
                return;
            }
            writesInFlight++;
            batchOffset += batchLength;
            batchLength = 0;
        }
        computeNext();
    }

    private void written(final long result)
    {
        if (finished)
        {
            return;
        }
        if (result < 0)
        {
            fail(new SnapshotStoreException(call.name(), "append", result));
            return;
        }
        writesInFlight--;
        if (waitingForDevice)
        {
            waitingForDevice = false;
            computeNext();
        }
        if (nextPart == SHARD_COUNT && writesInFlight == 0)
        {
            writeIndex();
        }
    }

    private void writeIndex()
    {
        final SnapshotIndex index = new SnapshotIndex(snapshot.stateVersion(), snapshot.connections().size(),
            globalPart, Arrays.asList(shardParts));
        final byte[] bytes = index.encode();
        final long request = call.append(SnapshotStore.indexFile(call.name()), bytes, bytes.length,
            (id, result) -> indexWritten(index, result));
        if (request < 0)
        {
            fail(new SnapshotStoreException(call.name(), "append-index", request));
        }
    }

    private void indexWritten(final SnapshotIndex index, final long result)
    {
        if (result < 0)
        {
            fail(new SnapshotStoreException(call.name(), "append-index", result));
            return;
        }
        finished = true;
        call.trace("mm.snapshot.written", " dataLength=" + index.dataLength() + " storedLength=" + index.storedLength()
            + " durationNs=" + (call.nowNs() - startNs));
        call.listener().onDone(index);
    }

    private void fail(final SnapshotException failure)
    {
        finished = true;
        call.fail(failure);
    }
}
