package org.hicsim.hicmod;

import java.util.List;
import java.util.OptionalInt;

/**
 * What a module supports for live state migration: the migration protocol versions it speaks, the version of
 * the state structure it exports and imports (HIC's "state structure version"), and the two read-only operations
 * a rolling update may send it to check a new instance against the old one: a loopback test request, which every
 * version answers alike given the same global state, and a per-connection probe, whose four reply arguments are
 * the counters a connection's move must carry over unchanged.
 */
public final class Migration
{
    /** What a probe is when the manifest names none. */
    static final int NONE = -1;

    private final List<ProtocolVersion> protocols;
    private final int stateVersion;
    private final int probeLoopback;
    private final int probeConnection;

    Migration(final List<ProtocolVersion> protocols, final int stateVersion, final int probeLoopback,
        final int probeConnection)
    {
        this.protocols = List.copyOf(protocols);
        this.stateVersion = stateVersion;
        this.probeLoopback = probeLoopback;
        this.probeConnection = probeConnection;
    }


    /** The protocol versions, ascending, without repeats; never empty. */
    public List<ProtocolVersion> protocols()
    {
        return protocols;
    }

    public int stateVersion()
    {
        return stateVersion;
    }

    /**
     * The operation of a request that names no connection, changes nothing, and is answered alike by every version
     * of the module given the same global state: the update's consistency check, baseline and leak check send it.
     */
    public OptionalInt probeLoopback()
    {
        return probeLoopback == NONE ? OptionalInt.empty() : OptionalInt.of(probeLoopback);
    }

    /**
     * The operation of a request on one connection that changes nothing and answers, in its four arguments, the
     * counters (sequence numbers, byte counts) that a move of the connection must carry over unchanged.
     */
    public OptionalInt probeConnection()
    {
        return probeConnection == NONE ? OptionalInt.empty() : OptionalInt.of(probeConnection);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Migration
            && ((Migration)other).protocols.equals(protocols)
            && ((Migration)other).stateVersion == stateVersion
            && ((Migration)other).probeLoopback == probeLoopback
            && ((Migration)other).probeConnection == probeConnection;
    }

    @Override
    public int hashCode()
    {
        return ((protocols.hashCode() * 31 + stateVersion) * 31 + probeLoopback) * 31 + probeConnection;
    }

    @Override
    public String toString()
    {
        return "protocols=" + protocols + " stateVersion=" + stateVersion
            + (probeLoopback == NONE ? "" : " probeLoopback=" + probeLoopback)
            + (probeConnection == NONE ? "" : " probeConnection=" + probeConnection);
    }
}
