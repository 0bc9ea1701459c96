package org.hicsim.hicmod;

import java.util.List;

/**
 * What a module supports for live state migration: the migration protocol versions it speaks, and the version of
 * the state structure it exports and imports (HIC's "state structure version").
 */
public final class Migration
{
    private final List<ProtocolVersion> protocols;
    private final int stateVersion;

    Migration(final List<ProtocolVersion> protocols, final int stateVersion)
    {
        this.protocols = List.copyOf(protocols);
        this.stateVersion = stateVersion;
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

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Migration
            && ((Migration)other).protocols.equals(protocols)
            && ((Migration)other).stateVersion == stateVersion;
    }

    @Override
    public int hashCode()
    {
        return protocols.hashCode() * 31 + stateVersion;
    }

    @Override
    public String toString()
    {
        return "protocols=" + protocols + " stateVersion=" + stateVersion;
    }
}
