package org.hicsim.host;

import java.util.Objects;

import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.hicmod.ProtocolVersion;

/**
 * A handshake that agreed: the protocol version both instances speak, and each one's state structure version.
 *
 * @param protocol             the highest version both list.
 * @param exporterStateVersion the state version the exporting instance's manifest declares.
 * @param importerStateVersion the importing instance's.
 */
public record AgreedProtocol(ProtocolVersion protocol, int exporterStateVersion, int importerStateVersion)
    implements MigrationHandshake
{
    public AgreedProtocol
    {
        Objects.requireNonNull(protocol, "protocol");
    }

    /** What the exporter is told: write the importer's state version. */
    public MigrationContext exportContext()
    {
        return new MigrationContext(protocol.major(), protocol.minor(), importerStateVersion);
    }

    /** What the importer is told: the snapshot comes in the exporter's state version. */
    public MigrationContext importContext()
    {
        return new MigrationContext(protocol.major(), protocol.minor(), exporterStateVersion);
    }
}
