package org.hicsim.mm.snapshot;

import org.hicsim.core0.spi.ConnectionState;

/**
 * Receives a snapshot as it is read back: the index, the global part, then each shard's connections once the
 * shard's CRC32 has been checked, shard by shard, so a million connections never need to be held at once. A
 * corrupt shard stops the read: what was delivered before it was verified, but the snapshot is not whole;
 * {@link SnapshotStore#verify} first when nothing may be acted on before everything is known good.
 */
public interface SnapshotVisitor
{
    SnapshotVisitor NONE = new SnapshotVisitor()
    {
    };

    /** The index, before anything else. */
    default void onIndex(final SnapshotIndex index)
    {
    }

    /** The global part, before any connection. */
    default void onGlobal(final byte[] global)
    {
    }

    /** One connection of a verified shard, with its position in the snapshot as written. */
    default void onConnection(final int ordinal, final ConnectionState connection)
    {
    }
}
