package org.hicsim.mm.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.hicsim.mm.snapshot.ShardSet.SHARD_COUNT;

/**
 * What a stored snapshot holds: its state structure version, its connection count, and the metadata of its
 * global part and of each of its {@link ShardSet#SHARD_COUNT} shards. Stored as the index file
 * ({@link SnapshotIndexDescriptor}). Immutable.
 */
public final class SnapshotIndex
{

    private final int stateVersion;
    private final long connectionCount;
    private final ShardMetadata global;
    private final List<ShardMetadata> shards;

    /**
     * @throws IllegalArgumentException unless there is one entry per shard, in shard order.
     */
    public SnapshotIndex(
        final int stateVersion,
        final long connectionCount,
        final ShardMetadata global,
        final List<ShardMetadata> shards)
    {
        if (shards.size() != SHARD_COUNT || global.shardId() != ShardMetadata.GLOBAL)
        {
            throw new IllegalArgumentException("shards=" + shards.size() + " global=" + global.shardId()
                + " must be " + SHARD_COUNT + " shards and the global part");
        }
        for (int shard = 0; shard < SHARD_COUNT; shard++)
        {
            if (shards.get(shard).shardId() != shard)
            {
                throw new IllegalArgumentException("shards[" + shard + "].shardId=" + shards.get(shard).shardId());
            }
        }
        this.stateVersion = stateVersion;
        this.connectionCount = connectionCount;
        this.global = global;
        this.shards = List.copyOf(shards);
    }

    public int stateVersion()
    {
        return stateVersion;
    }

    public long connectionCount()
    {
        return connectionCount;
    }

    public ShardMetadata global()
    {
        return global;
    }

    /** One entry per shard, in shard order. */
    public List<ShardMetadata> shards()
    {
        return shards;
    }

    /** The part with this id: a shard, or {@link ShardMetadata#GLOBAL}. */
    public ShardMetadata part(final int shardId)
    {
        return shardId == ShardMetadata.GLOBAL ? global : shards.get(shardId);
    }

    /** Bytes of every part before compression. */
    public long dataLength()
    {
        long length = global.dataLength();
        for (final ShardMetadata shard : shards)
        {
            length += shard.dataLength();
        }
        return length;
    }

    /** Bytes the parts take in the data file: where it ends. */
    public long storedLength()
    {
        final ShardMetadata last = shards.get(SHARD_COUNT - 1);
        return last.offset() + last.storedLength();
    }

    /** The index file's bytes. */
    public byte[] encode()
    {
        final byte[] bytes = new byte[SnapshotIndexDescriptor.LENGTH];
        LittleEndian.INT.set(bytes, SnapshotIndexDescriptor.MAGIC_OFFSET, SnapshotIndexDescriptor.MAGIC);
        LittleEndian.SHORT.set(bytes, SnapshotIndexDescriptor.VERSION_OFFSET, SnapshotIndexDescriptor.VERSION);
        LittleEndian.SHORT.set(bytes, SnapshotIndexDescriptor.SHARD_COUNT_OFFSET, (short)SHARD_COUNT);
        LittleEndian.INT.set(bytes, SnapshotIndexDescriptor.STATE_VERSION_OFFSET, stateVersion);
        LittleEndian.LONG.set(bytes, SnapshotIndexDescriptor.CONNECTION_COUNT_OFFSET, connectionCount);
        putEntry(bytes, SnapshotIndexDescriptor.GLOBAL_ENTRY_OFFSET, global);
        for (int shard = 0; shard < SHARD_COUNT; shard++)
        {
            putEntry(bytes, SnapshotIndexDescriptor.shardEntryOffset(shard), shards.get(shard));
        }
        final int crc = crc32(bytes, SnapshotIndexDescriptor.CRC_OFFSET);
        LittleEndian.INT.set(bytes, SnapshotIndexDescriptor.CRC_OFFSET, crc);
        return bytes;
    }

    /**
     * Reads an index file back.
     *
     * @throws SnapshotCorruptedException naming the index when its length, magic, version, shard count or CRC32
     *                                    is wrong, or its entries do not describe consecutive parts.
     */
    public static SnapshotIndex decode(final String snapshot, final byte[] bytes, final int length)
        throws SnapshotCorruptedException
    {
        if (length != SnapshotIndexDescriptor.LENGTH)
        {
            throw corrupt(snapshot, "length=" + length + " expected=" + SnapshotIndexDescriptor.LENGTH);
        }
        final int crc = (int)LittleEndian.INT.get(bytes, SnapshotIndexDescriptor.CRC_OFFSET);
        if (crc != crc32(bytes, SnapshotIndexDescriptor.CRC_OFFSET))
        {
            throw corrupt(snapshot, "crc32 mismatch");
        }
        if ((int)LittleEndian.INT.get(bytes, SnapshotIndexDescriptor.MAGIC_OFFSET) != SnapshotIndexDescriptor.MAGIC
            || (short)LittleEndian.SHORT.get(bytes, SnapshotIndexDescriptor.VERSION_OFFSET)
            != SnapshotIndexDescriptor.VERSION
            || (short)LittleEndian.SHORT.get(bytes, SnapshotIndexDescriptor.SHARD_COUNT_OFFSET) != SHARD_COUNT)
        {
            throw corrupt(snapshot, "not an index of this version");
        }
        final ShardMetadata global = entry(bytes, SnapshotIndexDescriptor.GLOBAL_ENTRY_OFFSET);
        final List<ShardMetadata> shards = new ArrayList<>(SHARD_COUNT);
        long offset = global.offset() + global.storedLength();
        long connections = 0;
        for (int shard = 0; shard < SHARD_COUNT; shard++)
        {
            final ShardMetadata entry = entry(bytes, SnapshotIndexDescriptor.shardEntryOffset(shard));
            if (entry.shardId() != shard || entry.offset() != offset || entry.connectionCount() < 0
                || entry.dataLength() < 0 || entry.storedLength() < 0)
            {
                throw corrupt(snapshot, "entry " + shard + " does not follow the one before");
            }
            shards.add(entry);
            offset += entry.storedLength();
            connections += entry.connectionCount();
        }
        final long connectionCount =
            (long)LittleEndian.LONG.get(bytes, SnapshotIndexDescriptor.CONNECTION_COUNT_OFFSET);
        if (global.shardId() != ShardMetadata.GLOBAL || global.offset() != 0 || global.dataLength() < 0
            || global.storedLength() < 0 || connections != connectionCount)
        {
            throw corrupt(snapshot, "entries disagree with the header");
        }
        return new SnapshotIndex((int)LittleEndian.INT.get(bytes, SnapshotIndexDescriptor.STATE_VERSION_OFFSET),
            connectionCount, global, shards);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof SnapshotIndex
            && ((SnapshotIndex)other).stateVersion == stateVersion
            && ((SnapshotIndex)other).connectionCount == connectionCount
            && ((SnapshotIndex)other).global.equals(global)
            && ((SnapshotIndex)other).shards.equals(shards);
    }

    @Override
    public int hashCode()
    {
        return (stateVersion * 31 + Long.hashCode(connectionCount)) * 31 + shards.hashCode();
    }

    @Override
    public String toString()
    {
        return "SnapshotIndex{stateVersion=" + stateVersion + " connections=" + connectionCount
            + " dataLength=" + dataLength() + " storedLength=" + storedLength() + "}";
    }

    private static void putEntry(final byte[] bytes, final int at, final ShardMetadata entry)
    {
        LittleEndian.INT.set(bytes, at + ShardMetadataDescriptor.SHARD_ID_OFFSET, entry.shardId());
        LittleEndian.INT.set(bytes, at + ShardMetadataDescriptor.CONNECTION_COUNT_OFFSET, entry.connectionCount());
        LittleEndian.INT.set(bytes, at + ShardMetadataDescriptor.DATA_LENGTH_OFFSET, entry.dataLength());
        LittleEndian.INT.set(bytes, at + ShardMetadataDescriptor.STORED_LENGTH_OFFSET, entry.storedLength());
        LittleEndian.INT.set(bytes, at + ShardMetadataDescriptor.CRC_OFFSET, entry.crc32());
        LittleEndian.LONG.set(bytes, at + ShardMetadataDescriptor.OFFSET_OFFSET, entry.offset());
    }

    private static ShardMetadata entry(final byte[] bytes, final int at)
    {
        return new ShardMetadata(
            (int)LittleEndian.INT.get(bytes, at + ShardMetadataDescriptor.SHARD_ID_OFFSET),
            (int)LittleEndian.INT.get(bytes, at + ShardMetadataDescriptor.CONNECTION_COUNT_OFFSET),
            (int)LittleEndian.INT.get(bytes, at + ShardMetadataDescriptor.DATA_LENGTH_OFFSET),
            (int)LittleEndian.INT.get(bytes, at + ShardMetadataDescriptor.STORED_LENGTH_OFFSET),
            (int)LittleEndian.INT.get(bytes, at + ShardMetadataDescriptor.CRC_OFFSET),
            (long)LittleEndian.LONG.get(bytes, at + ShardMetadataDescriptor.OFFSET_OFFSET));
    }

    private static int crc32(final byte[] bytes, final int length)
    {
        final CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int)crc.getValue();
    }

    private static SnapshotCorruptedException corrupt(final String snapshot, final String reason)
    {
        return new SnapshotCorruptedException(snapshot, SnapshotCorruptedException.INDEX, reason);
    }
}
