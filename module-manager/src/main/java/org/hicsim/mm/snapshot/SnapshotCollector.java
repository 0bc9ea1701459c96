package org.hicsim.mm.snapshot;

import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;

/**
 * Puts a snapshot read back together as the {@link StateSnapshot} that was written: the same state version,
 * global part and connections in their original order, which is what a service's {@code import_state} and its
 * consistency checkpoint expect. Holds every connection, so it is for snapshots that fit in memory.
 */
public final class SnapshotCollector implements SnapshotVisitor
{
    private int stateVersion;
    private byte[] global = new byte[0];
    private ConnectionState[] connections = new ConnectionState[0];

    @Override
    public void onIndex(final SnapshotIndex index)
    {
        if (index.connectionCount() > Integer.MAX_VALUE - 8)
        {
            throw new IllegalStateException("connectionCount=" + index.connectionCount() + " does not fit in memory");
        }
        stateVersion = index.stateVersion();
        connections = new ConnectionState[(int)index.connectionCount()];
    }

    @Override
    public void onGlobal(final byte[] global)
    {
        this.global = global;
    }

    @Override
    public void onConnection(final int ordinal, final ConnectionState connection)
    {
        connections[ordinal] = connection;
    }

    /**
     * @throws IllegalStateException if a connection is missing: the read did not complete.
     */
    public StateSnapshot snapshot()
    {
        final StateSnapshot.Builder builder = StateSnapshot.builder(stateVersion).global(global, 0, global.length);
        for (int ordinal = 0; ordinal < connections.length; ordinal++)
        {
            if (connections[ordinal] == null)
            {
                throw new IllegalStateException("ordinal=" + ordinal + " missing: the read did not complete");
            }
            builder.connection(connections[ordinal]);
        }
        return builder.build();
    }
}
