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

    /**
     * What both instances are told: the agreed protocol, and that the snapshot travels in the lower of their two
     * state versions, so the newer instance converts (up on import, down on export).
     */
    public MigrationContext context()
    {
        return new MigrationContext(
            protocol.major(), protocol.minor(), Math.min(exporterStateVersion, importerStateVersion));
    }
}
