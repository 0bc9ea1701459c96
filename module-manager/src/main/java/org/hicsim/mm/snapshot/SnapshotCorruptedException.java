package org.hicsim.mm.snapshot;

/**
 * A stored snapshot is not what was written: a shard's CRC32 does not match its data, its LZ4 block does not
 * decompress to its length, it is cut short, or the index itself is damaged. Names the part, so an emergency
 * rollback knows which shard it cannot trust.
 */
public final class SnapshotCorruptedException extends SnapshotException
{
    /** The part id of the snapshot's index. */
    public static final int INDEX = -2;

    private static final long serialVersionUID = 1L;

    private final int shardId;

    SnapshotCorruptedException(final String snapshot, final int shardId, final String reason)
    {
        super(snapshot, partName(shardId) + " corrupted: " + reason);
        this.shardId = shardId;
    }

    /** 0 to 1023 for a shard, {@link ShardMetadata#GLOBAL} or {@link #INDEX}. */
    public int shardId()
    {
        return shardId;
    }

    /** {@code shard=N}, {@code part=global} or {@code part=index}. */
    public static String partName(final int shardId)
    {
        if (shardId == ShardMetadata.GLOBAL)
        {
            return "part=global";
        }
        return shardId == INDEX ? "part=index" : "shard=" + shardId;
    }
}
