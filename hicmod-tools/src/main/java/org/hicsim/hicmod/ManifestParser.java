package org.hicsim.hicmod;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.hicsim.common.Quoted;
import org.hicsim.common.SemanticVersion;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Parses a manifest written as YAML (or JSON, which is YAML too) and checks every key against the schema of
 * {@code docs/hicmod-format.md}. A fault is refused with its position and key path, e.g.
 * {@code manifest.yaml:3:10: version: '1.x' is not a semantic version}; so is an unknown key, because a typo in
 * an optional key would otherwise silently drop a requirement.
 */
public final class ManifestParser
{
    /** Bounds the source file and, with the limits below, the canonical form too (see the format doc). */
    public static final int SOURCE_LENGTH_MAX = 64 * 1024;
    public static final int NAME_LENGTH_MAX = 64;
    public static final int ENTRY_LENGTH_MAX = 255;
    public static final int DEPENDENCIES_MAX = 64;
    public static final int CAPABILITIES_MAX = 64;
    public static final int PROTOCOLS_MAX = 16;
    public static final int CONFIG_ENTRIES_MAX = 64;
    public static final int CONFIG_KEY_LENGTH_MAX = 64;
    public static final int CONFIG_VALUE_LENGTH_MAX = 128;
    /** The root mapping, {@code resources}, and the {@code capabilities} list inside it. */
    public static final int DEPTH_MAX = 3;

    private static final Set<String> TOP_KEYS = keys("name", "version", "uuid", "entry", "dependencies",
        "resources", "migration", "fault", "config");
    private static final Set<String> RESOURCES_KEYS = keys("memory", "cpu_quota", "capabilities");
    private static final Set<String> MIGRATION_KEYS = keys("protocols", "state_version", "probe_loopback",
        "probe_connection");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0," + (NAME_LENGTH_MAX - 1) + "}");
    private static final Pattern UUID_SYNTAX = Pattern.compile(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CLASS_NAME = Pattern.compile(
        "[A-Za-z_$][A-Za-z0-9_$]*(?:\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern PERCENT = Pattern.compile("(100|[1-9]\\d?)%");
    private static final Pattern STATE_VERSION = Pattern.compile("0|[1-9]\\d{0,8}");
    private static final Pattern CONFIG_KEY = Pattern.compile("[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*");
    private static final Pattern CONFIG_VALUE = Pattern.compile("[ !#-\\[\\]-~]*");

    private final YamlReader yaml;

    private ManifestParser(final String source)
    {
        this.yaml = new YamlReader(source, SOURCE_LENGTH_MAX, DEPTH_MAX);
    }

    /**
     * Reads and parses the manifest file; errors are located as {@code FILE:LINE:COLUMN}.
     */
    public static Manifest read(final Path file)
    {
        return parse(file.toString(), HicmodFiles.read(file, SOURCE_LENGTH_MAX));
    }

    /**
     * Parses UTF-8 manifest text; {@code source} names it in errors ({@code source:line:column: key: reason}).
     */
    public static Manifest parse(final String source, final byte[] utf8)
    {
        if (utf8.length > SOURCE_LENGTH_MAX)
        {
            throw new HicmodFormatException(source, utf8.length + " bytes exceeds the maximum " + SOURCE_LENGTH_MAX);
        }
        final String text;
        try
        {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(utf8))
                .toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw new HicmodFormatException(source, "not valid UTF-8", ex);
        }
        final ManifestParser parser = new ManifestParser(source);
        return parser.manifest(parser.yaml.compose(text));
    }

    private Manifest manifest(final Node root)
    {
        final YamlReader.YamlMapping top = yaml.mapping(root, "", TOP_KEYS);
        final String name = value(top.required("name"), "name", ManifestParser::moduleName);
        final SemanticVersion version = value(top.required("version"), "version", SemanticVersion::parse);
        final UUID uuid = value(top.required("uuid"), "uuid", ManifestParser::uuid);
        final String entry = value(top.required("entry"), "entry", ManifestParser::className);
        final Map<String, VersionConstraint> dependencies =
            top.optional("dependencies").map(node -> dependencies(node, name)).orElse(Map.of());

        final YamlReader.YamlMapping resources = yaml.mapping(top.required("resources"), "resources", RESOURCES_KEYS);
        final long memoryBytes = value(resources.required("memory"), "resources.memory", MemorySize::parseBytes);
        final int cpuQuotaPercent = value(resources.required("cpu_quota"), "resources.cpu_quota",
            ManifestParser::cpuQuota);
        final List<CapabilityRequest> capabilities = resources.optional("capabilities")
            .map(node -> sortedSet(node, "resources.capabilities", CAPABILITIES_MAX, CapabilityRequest::parse))
            .orElse(List.of());

        final Migration migration = top.optional("migration").map(this::migration).orElse(null);
        final Fault fault = top.optional("fault").map(node -> value(node, "fault", Fault::parse)).orElse(null);
        final Map<String, String> configuration = top.optional("config").map(this::configuration).orElse(Map.of());
        return new Manifest(name, version, uuid, entry, dependencies, memoryBytes, cpuQuotaPercent, capabilities,
            migration, fault, configuration);
    }

    /** The default configuration: key to value as written, both in the syntax the service SPI's one has. */
    private Map<String, String> configuration(final Node node)
    {
        final YamlReader.YamlMapping mapping = yaml.anyMapping(node, "config");
        if (mapping.size() > CONFIG_ENTRIES_MAX)
        {
            throw yaml.error(node, "config", mapping.size() + " entries, at most " + CONFIG_ENTRIES_MAX);
        }
        final Map<String, String> configuration = new TreeMap<>();
        for (final NodeTuple tuple : mapping.tuples())
        {
            final String path = "config." + yaml.scalar(tuple.getKeyNode(), "config");
            configuration.put(value(tuple.getKeyNode(), path, ManifestParser::configKey),
                value(tuple.getValueNode(), path, ManifestParser::configValue));
        }
        return configuration;
    }

    private Map<String, VersionConstraint> dependencies(final Node node, final String moduleName)
    {
        final YamlReader.YamlMapping mapping = yaml.anyMapping(node, "dependencies");
        if (mapping.size() > DEPENDENCIES_MAX)
        {
            throw yaml.error(node, "dependencies", mapping.size() + " entries, at most " + DEPENDENCIES_MAX);
        }
        final Map<String, VersionConstraint> dependencies = new TreeMap<>();
        for (final NodeTuple tuple : mapping.tuples())
        {
            final String path = "dependencies." + yaml.scalar(tuple.getKeyNode(), "dependencies");
            final String dependency = value(tuple.getKeyNode(), path, ManifestParser::moduleName);
            if (dependency.equals(moduleName))
            {
                throw yaml.error(tuple.getKeyNode(), path, "a module cannot depend on itself");
            }
            dependencies.put(dependency, value(tuple.getValueNode(), path, VersionConstraint::parse));
        }
        return dependencies;
    }

    private Migration migration(final Node node)
    {
        final YamlReader.YamlMapping mapping = yaml.mapping(node, "migration", MIGRATION_KEYS);
        final Node protocolsNode = mapping.required("protocols");
        final List<ProtocolVersion> protocols =
            sortedSet(protocolsNode, "migration.protocols", PROTOCOLS_MAX, ProtocolVersion::parse);
        if (protocols.isEmpty())
        {
            throw yaml.error(protocolsNode, "migration.protocols", "is empty (list at least one protocol version)");
        }
        final int stateVersion = value(mapping.required("state_version"), "migration.state_version",
            ManifestParser::stateVersion);
        final int probeLoopback = mapping.optional("probe_loopback")
            .map(probe -> value(probe, "migration.probe_loopback", ManifestParser::operation)).orElse(Migration.NONE);
        final int probeConnection = mapping.optional("probe_connection")
            .map(probe -> value(probe, "migration.probe_connection", ManifestParser::operation)).orElse(Migration.NONE);
        return new Migration(protocols, stateVersion, probeLoopback, probeConnection);
    }

    /** A list whose order does not matter: sorted, so that it has one canonical form, and without repeats. */
    private <T extends Comparable<T>> List<T> sortedSet(
        final Node node, final String path, final int itemsMax, final Function<String, T> parser)
    {
        final List<Node> items = yaml.sequence(node, path);
        if (items.size() > itemsMax)
        {
            throw yaml.error(node, path, items.size() + " items, at most " + itemsMax);
        }
        final TreeSet<T> values = new TreeSet<>();
        for (int i = 0; i < items.size(); i++)
        {
            final String itemPath = path + "[" + i + "]";
            final T value = value(items.get(i), itemPath, parser);
            if (!values.add(value))
            {
                throw yaml.error(items.get(i), itemPath, Quoted.quote(value.toString()) + " is listed twice");
            }
        }
        return List.copyOf(values);
    }

    /** The scalar at {@code node} parsed by {@code parser}, whose refusal is located at the node. */
    private <T> T value(final Node node, final String path, final Function<String, T> parser)
    {
        final String text = yaml.scalar(node, path);
        try
        {
            return parser.apply(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw yaml.error(node, path, ex.getMessage());
        }
    }

    private static String moduleName(final String text)
    {
        if (!NAME.matcher(text).matches())
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is not a module name (lowercase letters,"
                + " digits and '_', starting with a letter, at most " + NAME_LENGTH_MAX + " characters)");
        }
        return text;
    }

    private static UUID uuid(final String text)
    {
        if (!UUID_SYNTAX.matcher(text).matches())
        {
            throw new IllegalArgumentException(
                Quoted.quote(text) + " is not a UUID (8-4-4-4-12 hexadecimal digits)");
        }
        return UUID.fromString(text);
    }

    private static String className(final String text)
    {
        if (text.length() > ENTRY_LENGTH_MAX || !CLASS_NAME.matcher(text).matches())
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is not a Java class name (binary name,"
                + " e.g. org.hicsim.services.netstack.Netstack; at most " + ENTRY_LENGTH_MAX + " characters)");
        }
        return text;
    }

    private static int cpuQuota(final String text)
    {
        if (!PERCENT.matcher(text).matches())
        {
            throw new IllegalArgumentException(
                Quoted.quote(text) + " is not a CPU quota (a whole percentage from 1% to 100%, e.g. 20%)");
        }
        return Integer.parseInt(text.substring(0, text.length() - 1));
    }

    private static int stateVersion(final String text)
    {
        if (!STATE_VERSION.matcher(text).matches())
        {
            throw new IllegalArgumentException(
                Quoted.quote(text) + " is not a state structure version (an integer from 0 to 999999999)");
        }
        return Integer.parseInt(text);
    }

    private static int operation(final String text)
    {
        if (!STATE_VERSION.matcher(text).matches())
        {
            throw new IllegalArgumentException(
                Quoted.quote(text) + " is not an operation number (an integer from 0 to 999999999)");
        }
        return Integer.parseInt(text);
    }

    private static String configKey(final String text)
    {
        if (text.length() > CONFIG_KEY_LENGTH_MAX || !CONFIG_KEY.matcher(text).matches())
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is not a configuration key (lowercase words of"
                + " letters, digits and '_' joined by '.', at most " + CONFIG_KEY_LENGTH_MAX + " characters)");
        }
        return text;
    }

    private static String configValue(final String text)
    {
        if (text.length() > CONFIG_VALUE_LENGTH_MAX || !CONFIG_VALUE.matcher(text).matches())
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is not a configuration value (printable ASCII"
                + " without '\"' or '\\', at most " + CONFIG_VALUE_LENGTH_MAX + " characters)");
        }
        return text;
    }

    private static Set<String> keys(final String... keys)
    {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
