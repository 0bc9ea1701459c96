package org.hicsim.mm.snapshot;

import java.util.List;

import org.hicsim.core0.spi.ConnectionState;

/**
 * A snapshot's connections grouped by shard (HIC 3.3 step 3.1: by connection hash into 1024 shards): for each
 * shard, the ordinals of its connections in snapshot order, and its data length. Built with two counting passes
 * and one {@code int} per connection, so a million connections cost 4 MB here and no copy of their records.
 */
public final class ShardSet
{
    public static final int SHARD_COUNT = 1024;
    private static final int SHARD_BITS = 10;

    private final int[] ordinals;
    private final int[] starts = new int[SHARD_COUNT + 1];
    private final int[] dataLengths = new int[SHARD_COUNT];

    /**
     * @throws IllegalArgumentException if a shard's data would exceed what one store operation moves.
     */
    public ShardSet(final List<ConnectionState> connections)
    {
        final int count = connections.size();
        final long[] lengths = new long[SHARD_COUNT];
        for (final ConnectionState connection : connections)
        {
            final int shard = shardOf(connection.connectionId());
            starts[shard + 1]++;
            lengths[shard] += ShardRecordDescriptor.length(connection.length());
        }
        for (int shard = 0; shard < SHARD_COUNT; shard++)
        {
            if (lengths[shard] > ShardCodec.DATA_LENGTH_MAX)
            {
                throw new IllegalArgumentException("shard=" + shard + " dataLength=" + lengths[shard]
                    + " exceeds " + ShardCodec.DATA_LENGTH_MAX);
            }
            dataLengths[shard] = (int)lengths[shard];
            starts[shard + 1] += starts[shard];
        }
        ordinals = new int[count];
        final int[] next = starts.clone();
        for (int ordinal = 0; ordinal < count; ordinal++)
        {
            ordinals[next[shardOf(connections.get(ordinal).connectionId())]++] = ordinal;
        }
    }

    /**
     * The shard of a connection: the top bits of SplitMix64's finalizer of its id, a fixed function, so a
     * connection lands in the same shard on every run and consecutive ids spread evenly.
     */
    public static int shardOf(final long connectionId)
    {
        long z = connectionId + 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z = z ^ (z >>> 31);
        return (int)(z >>> (Long.SIZE - SHARD_BITS));
    }

    public int connectionCount(final int shard)
    {
        return starts[shard + 1] - starts[shard];
    }

    /** The shard's data length before compression. */
    public int dataLength(final int shard)
    {
        return dataLengths[shard];
    }

    /** The snapshot ordinal of the shard's {@code index}-th connection. */
    public int ordinal(final int shard, final int index)
    {
        return ordinals[starts[shard] + index];
    }
}
