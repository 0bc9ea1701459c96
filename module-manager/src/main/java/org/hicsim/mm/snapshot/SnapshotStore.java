package org.hicsim.mm.snapshot;

import java.util.Objects;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.store.PersistentStore;
import org.hicsim.core0.store.StoreError;
import org.hicsim.core0.store.StoreListener;

/**
 * The Module Manager's sharded state snapshots on Core-0's persistent store (HIC 3.3 step 3.1): a snapshot's
 * connections sharded by connection hash into {@link ShardSet#SHARD_COUNT} shards, each with its metadata (id,
 * connection count, data size) and CRC32, LZ4-compressed, and persisted for rollback; read back with every CRC32
 * checked, a mismatch a {@link SnapshotCorruptedException} naming the shard.
 * <p>
 * A snapshot {@code name} is two files: {@link #dataFile} with the parts' LZ4 blocks and {@link #indexFile},
 * written last, with their metadata ({@link SnapshotIndexDescriptor}). The time it takes follows from the model:
 * sharding hashes every connection id, each part is copied out, checksummed and compressed under the calling
 * sandbox's CPU quota ({@code copy.per_kib}, {@code hash.per_kib}, {@code compress.per_kib}; reading back
 * {@code decompress.per_kib} and {@code hash.per_kib}), and the store moves the bytes; CPU and store work as a
 * pipeline, so the slower of the two sets the pace. If the calling sandbox dies, the operation stops and nothing
 * is reported; a write stopped so leaves no index, so it is never taken for a whole snapshot.
 */
public final class SnapshotStore
{
    /** A snapshot of that name exists, whole or interrupted: {@link #delete} it first. */
    public static final int EXISTS = -411;
    /** Bytes per device operation on the data file: large enough that the store's latency is paid rarely. */
    public static final int BATCH_LENGTH = 1 << 20;
    /** Batches on the device, or read ahead, at once: enough to keep the device busy while the CPU works. */
    public static final int WRITES_IN_FLIGHT = 2;

    private final Kernel kernel;

    public SnapshotStore(final Kernel kernel)
    {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /**
     * Writes {@code snapshot} as {@code name}, working as {@code sandboxId}: CPU under its quota, store operations
     * through its {@code storeHandle} (a PERSISTENT_STORE capability with READ and WRITE).
     *
     * @return 0 when the write has started ({@code listener} hears how it ended), or at once, with nothing
     * reported: {@link #EXISTS}, a capability code, or {@link CapError#NO_SUCH_SANDBOX}.
     * @throws IllegalArgumentException if the name does not make valid file names, or a shard would be too large
     *                                  for one store operation.
     */
    public long write(
        final int sandboxId, final long storeHandle, final String name, final StateSnapshot snapshot,
        final SnapshotListener listener)
    {
        checkName(name);
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(listener, "listener");
        final Sandbox sandbox = kernel.sandboxes().live(sandboxId);
        if (sandbox == null)
        {
            return CapError.NO_SUCH_SANDBOX.code();
        }
        return new SnapshotWrite(new SnapshotCall(kernel, sandbox, storeHandle, name, listener), snapshot).start();
    }

    /**
     * Reads {@code name} back, verifying each part, and hands it to {@code visitor} shard by shard.
     *
     * @return 0 when the read has started, or at once, with nothing reported: {@link StoreError#NO_SUCH_FILE}'s
     * code when there is no index (no snapshot, or an interrupted write), a capability code, or
     * {@link CapError#NO_SUCH_SANDBOX}.
     */
    public long read(
        final int sandboxId, final long storeHandle, final String name, final SnapshotVisitor visitor,
        final SnapshotListener listener)
    {
        checkName(name);
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(listener, "listener");
        final Sandbox sandbox = kernel.sandboxes().live(sandboxId);
        if (sandbox == null)
        {
            return CapError.NO_SUCH_SANDBOX.code();
        }
        return new SnapshotRead(new SnapshotCall(kernel, sandbox, storeHandle, name, listener), visitor).start();
    }

    /**
     * Reads {@code name} back only to check every part: the integrity check before a rollback trusts it.
     *
     * @return as {@link #read}.
     */
    public long verify(final int sandboxId, final long storeHandle, final String name, final SnapshotListener listener)
    {
        return read(sandboxId, storeHandle, name, SnapshotVisitor.NONE, listener);
    }

    /**
     * Deletes {@code name}'s files, the index first, so that an interrupted deletion never leaves data that looks
     * whole. {@code listener} hears 0, or the first failure other than a file already gone, or
     * {@link StoreError#NO_SUCH_FILE} when there was nothing to delete.
     *
     * @return the first deletion's request id, or a negative code at once.
     */
    public long delete(final int sandboxId, final long storeHandle, final String name, final StoreListener listener)
    {
        checkName(name);
        Objects.requireNonNull(listener, "listener");
        final PersistentStore store = kernel.store();
        return store.delete(sandboxId, storeHandle, indexFile(name), (indexId, indexResult) ->
        {
            final long request = store.delete(sandboxId, storeHandle, dataFile(name), (dataId, dataResult) ->
                listener.onComplete(dataId, deletionResult(indexResult, dataResult)));
            if (request < 0)
            {
                listener.onComplete(indexId, request);
            }
        });
    }

    /** The file holding the parts' LZ4 blocks. */
    public static String dataFile(final String name)
    {
        return name + ".shards";
    }

    /** The file holding the index, written last. */
    public static String indexFile(final String name)
    {
        return name + ".index";
    }

    /** 0 if either file was deleted and neither deletion failed otherwise than finding its file gone. */
    private static long deletionResult(final long indexResult, final long dataResult)
    {
        final long noSuchFile = StoreError.NO_SUCH_FILE.code();
        if (indexResult < 0 && indexResult != noSuchFile)
        {
            return indexResult;
        }
        return dataResult == noSuchFile ? indexResult : dataResult;
    }

    private static void checkName(final String name)
    {
        PersistentStore.checkFileName(dataFile(name));
        PersistentStore.checkFileName(indexFile(name));
    }
}
