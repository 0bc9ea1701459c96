package org.hicsim.core0.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The output of {@code export_state}: the state structure version it is written in, the service's global state
 * (route table, caches, configuration, and the service's own consistency checkpoint) and one
 * {@link ConnectionState} per connection, in the order the service wrote them. Keeping connections apart lets the
 * Module Manager shard the snapshot by connection and plan the four-phase migration by class without knowing
 * the service's record layout. Immutable.
 */
public final class StateSnapshot
{
    /** Larger global state belongs in shared regions, not in a snapshot that is copied and persisted. */
    public static final int GLOBAL_LENGTH_MAX = 16 * 1024 * 1024;

    private final int stateVersion;
    private final byte[] global;
    private final List<ConnectionState> connections;
    private final StateSeal seal;

    private StateSnapshot(final int stateVersion, final byte[] global, final List<ConnectionState> connections,
        final StateSeal sealedEarlier)
    {
        this.stateVersion = stateVersion;
        this.global = global;
        this.connections = List.copyOf(connections);
        this.seal = sealedEarlier != null ? sealedEarlier : StateSeal.of(global, this.connections);
    }

    public static Builder builder(final int stateVersion)
    {
        return new Builder(stateVersion);
    }

    public int stateVersion()
    {
        return stateVersion;
    }

    public int globalLength()
    {
        return global.length;
    }

    /**
     * Copies the global state into {@code dst} at {@code dstOffset}.
     *
     * @return its length.
     */
    public int copyGlobal(final byte[] dst, final int dstOffset)
    {
        System.arraycopy(global, 0, dst, dstOffset, global.length);
        return global.length;
    }

    /**
     * The exporter's seal, computed when the snapshot was built: {@link StateSeal#mismatch} finds a part changed
     * since. Not part of {@link #equals}: two snapshots of the same state are equal whatever their seals say.
     */
    public StateSeal seal()
    {
        return seal;
    }

    /** The connections, unmodifiable, in the order they were added. */
    public List<ConnectionState> connections()
    {
        return connections;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof StateSnapshot
            && ((StateSnapshot)other).stateVersion == stateVersion
            && Arrays.equals(((StateSnapshot)other).global, global)
            && ((StateSnapshot)other).connections.equals(connections);
    }

    @Override
    public int hashCode()
    {
        return (stateVersion * 31 + Arrays.hashCode(global)) * 31 + connections.hashCode();
    }

    @Override
    public String toString()
    {
        return "StateSnapshot{stateVersion=" + stateVersion + " globalLength=" + global.length
            + " connections=" + connections.size() + "}";
    }

    /**
     * Collects a snapshot's parts; {@link #build()} freezes them.
     */
    public static final class Builder
    {
        private final int stateVersion;
        private final List<ConnectionState> connections = new ArrayList<>();
        private byte[] global = new byte[0];
        private StateSeal sealedEarlier;

        private Builder(final int stateVersion)
        {
            if (stateVersion < 0)
            {
                throw new IllegalArgumentException("stateVersion=" + stateVersion + " must not be negative");
            }
            this.stateVersion = stateVersion;
        }

        /**
         * @throws IllegalArgumentException if {@code length} is over {@link #GLOBAL_LENGTH_MAX}.
         */
        public Builder global(final byte[] src, final int srcOffset, final int length)
        {
            if (length < 0 || length > GLOBAL_LENGTH_MAX)
            {
                throw new IllegalArgumentException("length=" + length + " outside 0.." + GLOBAL_LENGTH_MAX);
            }
            global = Arrays.copyOfRange(src, srcOffset, srcOffset + length);
            return this;
        }

        public Builder connection(final ConnectionState connection)
        {
            if (connection == null)
            {
                throw new IllegalArgumentException("connection=null");
            }
            connections.add(connection);
            return this;
        }

        /**
         * Keeps {@code earlier}'s seal rather than sealing what this builder holds: what an exporter whose state
         * changed after its checkpoint was taken hands over (a faulty build's corruption, modelled), which the
         * seal's holder finds no longer matches.
         */
        public Builder sealedAs(final StateSnapshot earlier)
        {
            sealedEarlier = earlier.seal();
            return this;
        }

        public StateSnapshot build()
        {
            return new StateSnapshot(stateVersion, global, connections, sealedEarlier);
        }
    }
}
