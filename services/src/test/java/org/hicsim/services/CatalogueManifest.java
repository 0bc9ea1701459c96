package org.hicsim.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The few keys of a catalogue manifest ({@code services/src/main/catalogue}) the services' tests check against
 * the code: read with line patterns, since this module does not depend on the manifest parser, and every
 * manifest here is written in the one plain style these patterns expect.
 */
public record CatalogueManifest(
    Path file, String name, String version, String uuid, String entry, long memoryBytes, List<String> protocols,
    String fault)
{
    public static final Path DIRECTORY = Path.of("src", "main", "catalogue");

    private static final Pattern TOP_LEVEL = Pattern.compile("^(name|version|uuid|entry|fault): \"?([^\"]*)\"?$");
    private static final Pattern MEMORY = Pattern.compile("^  memory: ([0-9]+)(KiB|MiB|GiB)?$");
    private static final Pattern PROTOCOLS = Pattern.compile("^  protocols: \\[(.*)]$");

    /** Every manifest of the catalogue, by file name. */
    public static List<CatalogueManifest> all()
    {
        try (Stream<Path> files = Files.list(DIRECTORY))
        {
            return files.sorted().map(CatalogueManifest::read).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public static CatalogueManifest read(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        String name = null;
        String version = null;
        String uuid = null;
        String entry = null;
        String fault = null;
        long memoryBytes = -1;
        final List<String> protocols = new ArrayList<>();
        for (final String line : lines)
        {
            final Matcher topLevel = TOP_LEVEL.matcher(line);
            final Matcher memory = MEMORY.matcher(line);
            final Matcher protocolList = PROTOCOLS.matcher(line);
            if (topLevel.matches())
            {
                switch (topLevel.group(1))
                {
                    case "name" -> name = topLevel.group(2);
                    case "version" -> version = topLevel.group(2);
                    case "uuid" -> uuid = topLevel.group(2);
                    case "entry" -> entry = topLevel.group(2);
                    default -> fault = topLevel.group(2);
                }
            }
            else if (memory.matches())
            {
                memoryBytes = Long.parseLong(memory.group(1)) << unitShift(memory.group(2));
            }
            else if (protocolList.matches())
            {
                for (final String protocol : protocolList.group(1).split(","))
                {
                    protocols.add(protocol.trim().replace("\"", ""));
                }
            }
        }
        return new CatalogueManifest(file, name, version, uuid, entry, memoryBytes, List.copyOf(protocols), fault);
    }

    /** The fault's kind, the text before its first space; null for a module without a fault. */
    public String faultKind()
    {
        return fault == null ? null : fault.split(" ")[0];
    }

    private static int unitShift(final String unit)
    {
        if (unit == null)
        {
            return 0;
        }
        return switch (unit)
        {
            case "KiB" -> 10;
            case "MiB" -> 20;
            default -> 30;
        };
    }
}
