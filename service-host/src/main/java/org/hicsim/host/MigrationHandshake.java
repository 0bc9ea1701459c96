package org.hicsim.host;

import java.util.List;

import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.Migration;
import org.hicsim.hicmod.ProtocolVersion;

/**
 * The migration-protocol handshake of two instances, from their manifests: the highest protocol version both
 * list ({@link AgreedProtocol}), or {@link NoCommonProtocol} when they share none or one cannot migrate at all.
 */
public sealed interface MigrationHandshake permits AgreedProtocol, NoCommonProtocol
{
    /**
     * @param exporter the manifest of the instance whose state is taken (the old one; the new one in a rollback).
     * @param importer the manifest of the instance that takes it.
     */
    static MigrationHandshake negotiate(final Manifest exporter, final Manifest importer)
    {
        final List<ProtocolVersion> exported = protocols(exporter);
        final List<ProtocolVersion> imported = protocols(importer);
        // Both lists are ascending without repeats (the manifest parser's guarantee), so walk them from the top.
        int i = exported.size() - 1;
        int j = imported.size() - 1;
        while (i >= 0 && j >= 0)
        {
            final int order = exported.get(i).compareTo(imported.get(j));
            if (order == 0)
            {
                return new AgreedProtocol(exported.get(i), exporter.migration().orElseThrow().stateVersion(),
                    importer.migration().orElseThrow().stateVersion());
            }
            if (order > 0)
            {
                i--;
            }
            else
            {
                j--;
            }
        }
        return new NoCommonProtocol(exported, imported);
    }

    private static List<ProtocolVersion> protocols(final Manifest manifest)
    {
        return manifest.migration().map(Migration::protocols).orElse(List.of());
    }
}
