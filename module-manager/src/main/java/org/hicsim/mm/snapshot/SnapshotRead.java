package org.hicsim.mm.snapshot;

import java.util.ArrayDeque;

import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.store.PersistentStore;
import org.hicsim.core0.store.StoreError;

import static org.hicsim.mm.snapshot.ShardSet.SHARD_COUNT;

/**
 * One snapshot being read back: the index first (its CRC32 checked), then the data file in batches of about
 * {@link SnapshotStore#BATCH_LENGTH}, each part decompressed and its CRC32 checked under the reader's CPU quota
 * before its connections reach the visitor. At most {@link SnapshotStore#WRITES_IN_FLIGHT} batches are read
 * ahead of the CPU. The first bad part ends the read with a {@link SnapshotCorruptedException} naming it.
 */
final class SnapshotRead
{
    private final SnapshotCall call;
    private final SnapshotVisitor visitor;
    private final ShardCodec codec = new ShardCodec();
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private final byte[] indexBytes = new byte[SnapshotIndexDescriptor.LENGTH];
    private final EventHandler verifiedHandler = this::verified;
    private SnapshotIndex index;
    private int nextRead = ShardMetadata.GLOBAL;
    private boolean cpuBusy;
    private boolean finished;
    private long startNs;
    private long indexFileLength;

    SnapshotRead(final SnapshotCall call, final SnapshotVisitor visitor)
    {
        this.call = call;
        this.visitor = visitor;
    }

    long start()
    {
        final String indexFile = SnapshotStore.indexFile(call.name());
        final long length = call.store().length(call.sandboxId(), call.storeHandle(), indexFile);
        if (length < 0)
        {
            return length;
        }
        indexFileLength = length;
        startNs = call.nowNs();
        call.trace("mm.snapshot.read", "");
        final long request = call.read(indexFile, 0, indexBytes, (id, result) -> indexRead(result));
        return request < 0 ? request : 0;
    }

    private void indexRead(final long result)
    {
        if (result < 0)
        {
            fail(new SnapshotStoreException(call.name(), "read-index", result));
            return;
        }
        try
        {
            index = SnapshotIndex.decode(call.name(), indexBytes, (int)Math.max(result, indexFileLength));
        }
        catch (final SnapshotCorruptedException ex)
        {
            fail(ex);
            return;
        }
        visitor.onIndex(index);
        readAhead();
    }

    private void readAhead()
    {
        while (!finished && batches.size() < SnapshotStore.WRITES_IN_FLIGHT && nextRead < SHARD_COUNT)
        {
            final int first = nextRead;
            long length = 0;
            do
            {
                length += index.part(nextRead).storedLength();
                nextRead++;
            }
            while (nextRead < SHARD_COUNT
                && length + index.part(nextRead).storedLength() <= SnapshotStore.BATCH_LENGTH);
            if (length > PersistentStore.OPERATION_LENGTH_MAX)
            {
                fail(new SnapshotCorruptedException(call.name(), first,
                    "storedLength=" + length + " exceeds one read"));
                return;
            }
            final Batch batch = new Batch(first, nextRead, index.part(first).offset(), new byte[(int)length]);
            final long request = call.read(SnapshotStore.dataFile(call.name()), batch.offset, batch.bytes,
                (id, readLength) -> batchRead(batch, readLength));
            if (request < 0)
            {
                fail(new SnapshotStoreException(call.name(), "read", request));
                return;
            }
            batches.add(batch);
        }
    }

    private void batchRead(final Batch batch, final long result)
    {
        if (finished)
        {
            return;
        }
        // A data file cut short or missing behind a whole index is damage: the parts it lacks are found corrupt.
        if (result < 0 && result != StoreError.OUT_OF_RANGE.code() && result != StoreError.NO_SUCH_FILE.code())
        {
            fail(new SnapshotStoreException(call.name(), "read", result));
            return;
        }
        batch.available = (int)Math.max(0, result);
        batch.ready = true;
        verifyNext();
    }

    private void verifyNext()
    {
        final Batch batch = batches.peek();
        if (cpuBusy || finished || batch == null || !batch.ready)
        {
            return;
        }
        final long dataLength = index.part(batch.next).dataLength();
        cpuBusy = true;
        final CostTable costs = call.costs();
        call.compute(costs.decompressNs(dataLength) + costs.hashNs(dataLength), verifiedHandler, batch.next);
    }

    private void verified(final long arg)
    {
        if (!call.callerAlive() || finished)
        {
            return;
        }
        cpuBusy = false;
        final Batch batch = batches.peek();
        final ShardMetadata part = index.part((int)arg);
        final int at = (int)(part.offset() - batch.offset);
        try
        {
            if (at + part.storedLength() > batch.available)
            {
                throw new SnapshotCorruptedException(call.name(), part.shardId(), "the data file is cut short");
            }
            codec.restore(call.name(), part, batch.bytes, at);
            if (part.shardId() == ShardMetadata.GLOBAL)
            {
                visitor.onGlobal(codec.global(part));
            }
            else
            {
                codec.deliver(call.name(), part, index.connectionCount(), visitor);
            }
        }
        catch (final SnapshotCorruptedException ex)
        {
            fail(ex);
            return;
        }
        batch.next++;
        if (batch.next == batch.end)
        {
            batches.poll();
            if (batch.end == SHARD_COUNT)
            {
                finished = true;
                call.trace("mm.snapshot.verified", " connections=" + index.connectionCount()
                    + " durationNs=" + (call.nowNs() - startNs));
                call.listener().onDone(index);
                return;
            }
            readAhead();
        }
        verifyNext();
    }

    private void fail(final SnapshotException failure)
    {
        finished = true;
        call.fail(failure);
    }

    /** Consecutive parts read from the data file with one device operation. */
    private static final class Batch
    {
        final int end;
        final long offset;
        final byte[] bytes;
        int next;
        int available;
        boolean ready;

        Batch(final int first, final int end, final long offset, final byte[] bytes)
        {
            this.end = end;
            this.offset = offset;
            this.bytes = bytes;
            this.next = first;
        }
    }
}
