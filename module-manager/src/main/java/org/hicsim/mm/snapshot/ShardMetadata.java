package org.hicsim.mm.snapshot;

/**
 * One part of a stored snapshot as its index names it (HIC 3.3 step 3.1's shard metadata: shard id, connection
 * count, data size), with where and how it is stored.
 *
 * @param shardId         0 to {@link ShardSet#SHARD_COUNT} - 1, or {@link #GLOBAL}.
 * @param connectionCount connections in the shard; 0 for the global part.
 * @param dataLength      bytes before compression.
 * @param storedLength    bytes of its LZ4 block in the data file.
 * @param crc32           CRC32 of the bytes before compression.
 * @param offset          where its block starts in the data file.
 */
public record ShardMetadata(int shardId, int connectionCount, int dataLength, int storedLength, int crc32, long offset)
{
    /** The shard id of the snapshot's global part. */
    public static final int GLOBAL = -1;
}
