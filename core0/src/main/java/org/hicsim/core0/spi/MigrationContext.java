package org.hicsim.core0.spi;

/**
 * What the two instances of an update agreed in their handshake: the migration protocol version both speak (the
 * highest both list) and the other instance's state structure version. An exporter writes its snapshot in
 * {@link #peerStateVersion()} (the importer's); an importer learns from it which version it is given.
 * Immutable.
 */
public final class MigrationContext
{
    private final int protocolMajor;
    private final int protocolMinor;
    private final int peerStateVersion;

    public MigrationContext(final int protocolMajor, final int protocolMinor, final int peerStateVersion)
    {
        if (protocolMajor < 0 || protocolMajor > 255 || protocolMinor < 0 || protocolMinor > 255)
        {
            throw new IllegalArgumentException(
                "protocol=" + protocolMajor + "." + protocolMinor + " outside 0.0..255.255");
        }
        if (peerStateVersion < 0)
        {
            throw new IllegalArgumentException("peerStateVersion=" + peerStateVersion + " must not be negative");
        }
        this.protocolMajor = protocolMajor;
        this.protocolMinor = protocolMinor;
        this.peerStateVersion = peerStateVersion;
    }

    public int protocolMajor()
    {
        return protocolMajor;
    }

    public int protocolMinor()
    {
        return protocolMinor;
    }

    public int peerStateVersion()
    {
        return peerStateVersion;
    }

    @Override
    public String toString()
    {
        return "MigrationContext{protocol=" + protocolMajor + "." + protocolMinor
            + " peerStateVersion=" + peerStateVersion + "}";
    }
}
