package org.hicsim.hicmod.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.Fault;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.MemorySize;
import org.hicsim.hicmod.Section;

/**
 * What {@code hic mod inspect} shows about a bundle: an ordered tree of named parts (maps, lists, and plain
 * values) that renders as text or as JSON, so that both always hold the same facts.
 * <p>
 * Commands that know more about a bundle add their own parts with {@link #put} (a verifier adds the signer,
 * chain and trust decision), and both renderings show them with no change here.
 */
public final class BundleReport
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String INDENT = "  ";

    private final Map<String, Object> parts = new LinkedHashMap<>();

    private BundleReport()
    {
    }

    /** The facts the format itself gives: header, manifest, section table, payload, signature block size. */
    public static BundleReport of(final String file, final Bundle bundle)
    {
        final Manifest manifest = bundle.manifest();
        final BundleReport report = new BundleReport();
        report.put("file", file);
        report.put("length", bundle.length());
        report.put("format_version", bundle.formatVersion());
        report.put("module", map(
            "name", manifest.name(),
            "version", manifest.version().toString(),
            "packed_version", String.format("0x%08x", manifest.version().packed()),
            "uuid", manifest.uuid().toString(),
            "entry", manifest.entry(),
            "fault", manifest.fault().map(Fault::toString).orElse(null)));
        final Map<String, Object> dependencies = new LinkedHashMap<>();
        manifest.dependencies().forEach((name, constraint) -> dependencies.put(name, constraint.toString()));
        report.put("dependencies", dependencies);
        report.put("resources", map(
            "memory", MemorySize.format(manifest.memoryBytes()),
            "memory_bytes", manifest.memoryBytes(),
            "cpu_quota_percent", manifest.cpuQuotaPercent(),
            "capabilities", strings(manifest.capabilities())));
        report.put("migration", manifest.migration()
            .map(migration -> map(
                "protocols", strings(migration.protocols()),
                "state_version", migration.stateVersion()))
            .orElse(null));
        report.put("config", new LinkedHashMap<>(manifest.configuration()));
        final List<Object> sections = new ArrayList<>();
        for (final Section section : bundle.sections())
        {
            sections.add(map("type", section.type().label(), "offset", section.offset(), "length", section.length()));
        }
        report.put("sections", sections);
        report.put("payload", map(
            "compressed_length", bundle.compressedPayload().remaining(),
            "jar_length", bundle.jar().remaining(),
            "jar_sha384", HexFormat.of().formatHex(bundle.jarSha384())));
        report.put("signature", map(
            "signed", bundle.isSigned(),
            "length", bundle.signature().length));
        return report;
    }

    /**
     * Adds or replaces a part: a plain value, a {@code List}, or a {@code Map} with string keys, nested freely.
     */
    public BundleReport put(final String name, final Object part)
    {
        parts.put(name, part);
        return this;
    }

    /** The parts, in the order they were put. */
    public Map<String, Object> parts()
    {
        return Collections.unmodifiableMap(parts);
    }

    public String toJson()
    {
        try
        {
            return JSON.writeValueAsString(parts);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("a report holds only maps, lists and plain values", ex);
        }
    }

    /**
     * One {@code name: value} line per plain value, names aligned; a map's entries indented below its name; a
     * list of plain values on one line; a list of maps one {@code - } line per map.
     */
    public void printText(final PrintWriter out)
    {
        print(out, parts, "");
        out.flush();
    }

    private static void print(final PrintWriter out, final Map<?, ?> map, final String indent)
    {
        final int width = map.keySet().stream().mapToInt(key -> key.toString().length()).max().orElse(0) + 1;
        for (final Map.Entry<?, ?> entry : map.entrySet())
        {
            final String name = String.format("%s%-" + width + "s ", indent, entry.getKey() + ":");
            final Object value = entry.getValue();
            if (value instanceof Map && !((Map<?, ?>)value).isEmpty())
            {
                out.println(name.stripTrailing());
                print(out, (Map<?, ?>)value, indent + INDENT);
            }
            else if (value instanceof List && !((List<?>)value).isEmpty() && ((List<?>)value).get(0) instanceof Map)
            {
                out.println(name.stripTrailing());
                for (final Object item : (List<?>)value)
                {
                    out.println(indent + INDENT + "- " + inline(item));
                }
            }
            else
            {
                out.println(name + inline(value));
            }
        }
    }

    private static String inline(final Object value)
    {
        if (value == null || value instanceof Map && ((Map<?, ?>)value).isEmpty()
            || value instanceof List && ((List<?>)value).isEmpty())
        {
            return "none";
        }
        if (value instanceof Map)
        {
            return ((Map<?, ?>)value).entrySet().stream()
                .map(entry -> entry.getKey() + ": " + inline(entry.getValue()))
                .collect(Collectors.joining(", "));
        }
        if (value instanceof List)
        {
            return ((List<?>)value).stream().map(BundleReport::inline).collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    private static List<String> strings(final List<?> items)
    {
        return items.stream().map(Object::toString).collect(Collectors.toList());
    }

    private static Map<String, Object> map(final Object... namesAndValues)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            map.put((String)namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
