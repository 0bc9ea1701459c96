package org.hicsim.host;

import java.util.List;

import org.hicsim.hicmod.ProtocolVersion;

/**
 * A handshake that failed: the two instances list no protocol version in common (a list is empty when its
 * manifest declares no migration). The update cannot migrate state; the old instance keeps running.
 *
 * @param exporterProtocols what the exporting instance speaks, ascending.
 * @param importerProtocols what the importing instance speaks, ascending.
 */
public record NoCommonProtocol(List<ProtocolVersion> exporterProtocols, List<ProtocolVersion> importerProtocols)
    implements MigrationHandshake
{
    public NoCommonProtocol
    {
        exporterProtocols = List.copyOf(exporterProtocols);
        importerProtocols = List.copyOf(importerProtocols);
    }

    @Override
    public String toString()
    {
        return "no common migration protocol: exporter speaks " + exporterProtocols + ", importer "
            + importerProtocols;
    }
}
