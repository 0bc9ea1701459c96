package org.hicsim.core0.spi;

/**
 * What the two instances of an update agreed in their handshake: the migration protocol version both speak (the
 * highest both list) and the state structure version the snapshot travels in. That is the lower of the two
 * instances' versions, so the newer instance always does the conversion, as in Erlang/OTP: on an upgrade the old
 * instance writes its own version and the new one converts up on import ({@code code_change(OldVsn, ...)}); on a
 * rollback the new instance converts down on export ({@code code_change({down, Vsn}, ...)}) and the old one reads
 * its own version. Immutable.
 */
public final class MigrationContext
{
    private final int protocolMajor;
    private final int protocolMinor;
    private final int snapshotStateVersion;

    public MigrationContext(final int protocolMajor, final int protocolMinor, final int snapshotStateVersion)
    {
        if (protocolMajor < 0 || protocolMajor > 255 || protocolMinor < 0 || protocolMinor > 255)
        {
            throw new IllegalArgumentException(
                "protocol=" + protocolMajor + "." + protocolMinor + " outside 0.0..255.255");
        }
        if (snapshotStateVersion < 0)
        {
            throw new IllegalArgumentException(
                "snapshotStateVersion=" + snapshotStateVersion + " must not be negative");
        }
        this.protocolMajor = protocolMajor;
        this.protocolMinor = protocolMinor;
        this.snapshotStateVersion = snapshotStateVersion;
    }

    public int protocolMajor()
    {
        return protocolMajor;
    }

    public int protocolMinor()
    {
        return protocolMinor;
    }

    /** The state structure version the exporter writes and the importer is given. */
    public int snapshotStateVersion()
    {
        return snapshotStateVersion;
    }

    @Override
    public String toString()
    {
        return "MigrationContext{protocol=" + protocolMajor + "." + protocolMinor
            + " snapshotStateVersion=" + snapshotStateVersion + "}";
    }
}
