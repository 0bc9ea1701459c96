package org.hicsim.hicmod;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The one byte form of a manifest that a bundle stores, so that the same manifest always gives the same bytes
 * whatever the YAML it was written in (key order, quoting, spacing, comments, memory units, list order).
 * <p>
 * It is JSON with every object's keys in ascending order, no whitespace, integers in plain decimal, and
 * set-like lists sorted; {@code config}, {@code migration} and {@code fault} appear only when the manifest has them. Every string
 * the schema admits is printable ASCII without {@code "} or {@code \}, so no escape ever occurs. Being JSON, and
 * therefore YAML, it parses back with {@link ManifestParser}; a reader that re-encodes what it parsed and finds
 * different bytes has found a manifest that is not canonical.
 */
public final class CanonicalManifest
{
    private CanonicalManifest()
    {
    }

    /** The canonical UTF-8 (in fact ASCII) bytes of {@code manifest}. */
    public static byte[] encode(final Manifest manifest)
    {
        final StringBuilder json = new StringBuilder(512).append('{');
        if (!manifest.configuration().isEmpty())
        {
            json.append("\"config\":");
            object(json, manifest.configuration()).append(',');
        }
        json.append("\"dependencies\":");
        object(json, manifest.dependencies()).append(",\"entry\":");
        string(json, manifest.entry());
        manifest.fault().ifPresent(fault -> string(json.append(",\"fault\":"), fault.toString()));
        manifest.migration().ifPresent(migration ->
        {
            json.append(",\"migration\":{");
            migration.probeConnection().ifPresent(op -> json.append("\"probe_connection\":").append(op).append(','));
            migration.probeLoopback().ifPresent(op -> json.append("\"probe_loopback\":").append(op).append(','));
            json.append("\"protocols\":");
            list(json, migration.protocols()).append(",\"state_version\":").append(migration.stateVersion());
            json.append('}');
        });
        json.append(",\"name\":");
        string(json, manifest.name());
        json.append(",\"resources\":{\"capabilities\":");
        list(json, manifest.capabilities()).append(",\"cpu_quota\":");
        string(json, manifest.cpuQuotaPercent() + "%").append(",\"memory\":").append(manifest.memoryBytes());
        json.append("},\"uuid\":");
        string(json, manifest.uuid().toString()).append(",\"version\":");
        string(json, manifest.version().toString()).append('}');
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static StringBuilder object(final StringBuilder json, final Map<String, ?> entries)
    {
        json.append('{');
        String separator = "";
        for (final Map.Entry<String, ?> entry : entries.entrySet())
        {
            json.append(separator);
            string(json, entry.getKey()).append(':');
            string(json, entry.getValue().toString());
            separator = ",";
        }
        return json.append('}');
    }

    private static StringBuilder list(final StringBuilder json, final List<?> items)
    {
        json.append('[');
        for (int i = 0; i < items.size(); i++)
        {
            if (i > 0)
            {
                json.append(',');
            }
            string(json, items.get(i).toString());
        }
        return json.append(']');
    }

    private static StringBuilder string(final StringBuilder json, final String text)
    {
        return json.append('"').append(text).append('"');
    }
}
