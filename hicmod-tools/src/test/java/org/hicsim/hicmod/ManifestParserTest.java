package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.hicsim.common.SemanticVersion;
import org.junit.jupiter.api.Test;

class ManifestParserTest
{
    private static final String MINIMAL = String.join("\n",
        "name: ipc_lib",
        "version: 2.0.0",
        "uuid: 0f6b7a52-3c1e-4d0a-9a57-2c4f0b1e9d33",
        "entry: org.hicsim.services.ipc.IpcLib",
        "resources:",
        "  memory: 4096",
        "  cpu_quota: 5%",
        "");

    @Test
    void shouldParseTheManifestOfIssue4()
    {
        final Manifest manifest = Fixtures.netstack();

        assertEquals("netstack", manifest.name());
        assertEquals(new SemanticVersion(1, 3, 0), manifest.version());
        assertEquals(UUID.fromString("550e8400-e29b-41d4-a716-446655440000"), manifest.uuid());
        assertEquals("org.hicsim.services.netstack.Netstack", manifest.entry());
        assertEquals(List.of("eth_driver", "ipc_lib"), List.copyOf(manifest.dependencies().keySet()));
        assertEquals(VersionConstraint.parse(">=1.2.0"), manifest.dependencies().get("eth_driver"));
        assertEquals(VersionConstraint.parse("=2.0.0"), manifest.dependencies().get("ipc_lib"));
        assertEquals(64L << 20, manifest.memoryBytes());
        assertEquals(20, manifest.cpuQuotaPercent());
        assertEquals(List.of(CapabilityRequest.parse("net.mmio:r"), CapabilityRequest.parse("stats:rw")),
            manifest.capabilities());
        final Migration migration = manifest.migration().orElseThrow();
        assertEquals(List.of(ProtocolVersion.parse("1.3"), ProtocolVersion.parse("1.4")), migration.protocols());
        assertEquals(2, migration.stateVersion());
    }

    @Test
    void shouldAcceptJson()
    {
        final String json = "{\n\t\"name\": \"ipc_lib\", \"version\": \"2.0.0\",\n"
            + "\t\"uuid\": \"0f6b7a52-3c1e-4d0a-9a57-2c4f0b1e9d33\", \"entry\": \"org.hicsim.services.ipc.IpcLib\",\n"
            + "\t\"resources\": {\"memory\": 4096, \"cpu_quota\": \"5%\"}\n}\n";

        assertEquals(Fixtures.manifest(MINIMAL), Fixtures.manifest(json));
    }

    @Test
    void shouldDefaultOptionalKeysToEmpty()
    {
        final Manifest manifest = Fixtures.manifest(MINIMAL);

        assertTrue(manifest.dependencies().isEmpty());
        assertTrue(manifest.capabilities().isEmpty());
        assertTrue(manifest.migration().isEmpty());
    }

    @Test
    void shouldLeaveTheFaultEmptyForARealModule()
    {
        assertTrue(Fixtures.netstack().fault().isEmpty());
    }

    @Test
    void shouldParseADeclaredFault()
    {
        final Manifest manifest = Fixtures.manifest(MINIMAL + "fault: crash-after-requests requests=100\n");

        assertEquals(Fault.parse("crash-after-requests requests=100"), manifest.fault().orElseThrow());
    }

    @Test
    void shouldLocateAMalformedFaultAtItsValue()
    {
        assertRefused("manifest.yaml:8:8: fault: 'slow  percent=30' is not a fault (<kind>( <key>=<value>)*, single"
            + " spaces, e.g. 'crash-after-requests requests=100'; at most " + Fault.LENGTH_MAX + " characters)",
            MINIMAL + "fault: \"slow  percent=30\"\n");
    }

    @Test
    void shouldRefuseAFaultParameterGivenTwice()
    {
        assertRefused("manifest.yaml:8:8: fault: 'p' is given twice", MINIMAL + "fault: error-rate p=0.1 p=0.2\n");
    }

    @Test
    void shouldParseTheDefaultConfigurationSortedByKey()
    {
        final Manifest manifest = Fixtures.manifest(MINIMAL
            + "config:\n  fault.rate: 0.05\n  connections: 4096\n  zone: \"edge 1\"\n");

        assertEquals(List.of("connections", "fault.rate", "zone"), List.copyOf(manifest.configuration().keySet()));
        assertEquals("0.05", manifest.configuration().get("fault.rate"));
        assertEquals("edge 1", manifest.configuration().get("zone"));
        assertTrue(Fixtures.manifest(MINIMAL).configuration().isEmpty());
    }

    @Test
    void shouldLocateAMalformedConfigurationKeyAtTheKey()
    {
        assertRefused("manifest.yaml:9:3: config.Fault-Rate: 'Fault-Rate' is not a configuration key (lowercase"
                + " words of letters, digits and '_' joined by '.', at most 64 characters)",
            MINIMAL + "config:\n  Fault-Rate: 1\n");
    }

    @Test
    void shouldRefuseAConfigurationValueThatIsNotASingleValue()
    {
        assertRefused("manifest.yaml:9:16: config.connections: expected a single value, found a list",
            MINIMAL + "config:\n  connections: [1, 2]\n");
        assertRefused("manifest.yaml:9:9: config.zone: 'a\\b' is not a configuration value (printable ASCII"
            + " without '\"' or '\\', at most 128 characters)", MINIMAL + "config:\n  zone: 'a\\b'\n");
    }

    @Test
    void shouldLocateABadVersionAtItsValue()
    {
        assertRefused("manifest.yaml:2:10: version: '1.x' is not a semantic version",
            Fixtures.NETSTACK_YAML.replace("version: 1.3.0", "version: 1.x"));
    }

    @Test
    void shouldTakeAnUnquotedTwoPartVersionAsTextNotAsANumber()
    {
        assertRefused("manifest.yaml:2:10: version: '1.3' is not a semantic version",
            Fixtures.NETSTACK_YAML.replace("version: 1.3.0", "version: 1.3"));
    }

    @Test
    void shouldRefuseAVersionPartOverHicsPacking()
    {
        assertRefused("manifest.yaml:2:10: version: '1.256.0': minor 256 exceeds 255"
                + " (HIC packs a version as major<<16|minor<<8|patch)",
            Fixtures.NETSTACK_YAML.replace("version: 1.3.0", "version: 1.256.0"));
    }

    @Test
    void shouldRefuseAnUnknownTopLevelKey()
    {
        assertRefused("manifest.yaml:8:1: entrypoint: unknown key (expected one of: name, version, uuid, entry,"
            + " dependencies, resources, migration, fault, config)", MINIMAL + "entrypoint: x\n");
    }

    @Test
    void shouldRefuseAnUnknownNestedKey()
    {
        assertRefused("manifest.yaml:10:3: resources.cpus: unknown key (expected one of: memory, cpu_quota,"
            + " capabilities)", Fixtures.NETSTACK_YAML.replace("  cpu_quota: 20%", "  cpus: 20%"));
    }

    @Test
    void shouldRefuseAMissingKeyAtItsMapping()
    {
        assertRefused("manifest.yaml:1:1: uuid: missing required key",
            Fixtures.NETSTACK_YAML.replace("uuid: 550e8400-e29b-41d4-a716-446655440000\n", ""));
    }

    @Test
    void shouldRefuseAMissingNestedKeyAtItsMapping()
    {
        assertRefused("manifest.yaml:9:3: resources.memory: missing required key",
            Fixtures.NETSTACK_YAML.replace("  memory: 64MiB\n", ""));
    }

    @Test
    void shouldRefuseADuplicateKey()
    {
        assertRefused("manifest.yaml:8:1: name: duplicate key", MINIMAL + "name: other\n");
    }

    @Test
    void shouldRefuseAListWhereAValueBelongs()
    {
        assertRefused("manifest.yaml:1:7: name: expected a single value, found a list",
            MINIMAL.replace("name: ipc_lib", "name: [ipc_lib]"));
    }

    @Test
    void shouldRefuseAnEmptyDependenciesKeyWithoutAMapping()
    {
        assertRefused("manifest.yaml:8:14: dependencies: expected a mapping, found ''", MINIMAL + "dependencies:\n");
    }

    @Test
    void shouldRefuseADependencyWithoutAnOperator()
    {
        assertRefused("manifest.yaml:6:15: dependencies.eth_driver: '1.2.0': '1.2.0' needs an operator"
                + " (=, >=, >, <=, <, ^)",
            Fixtures.NETSTACK_YAML.replace("\">= 1.2.0\"", "1.2.0"));
    }

    @Test
    void shouldRefuseADependencyThatIsNotAModuleName()
    {
        assertRefused("manifest.yaml:6:3: dependencies.Eth: 'Eth' is not a module name (lowercase letters, digits"
            + " and '_', starting with a letter, at most 64 characters)",
            Fixtures.NETSTACK_YAML.replace("eth_driver:", "Eth:"));
    }

    @Test
    void shouldRefuseADependencyOnItself()
    {
        assertRefused("manifest.yaml:6:3: dependencies.netstack: a module cannot depend on itself",
            Fixtures.NETSTACK_YAML.replace("eth_driver:", "netstack:"));
    }

    @Test
    void shouldAcceptMemoryInEveryBinaryUnit()
    {
        for (final String memory : List.of("67108864", "65536KiB", "64MiB", "64 MiB"))
        {
            assertEquals(64L << 20,
                Fixtures.manifest(Fixtures.NETSTACK_YAML.replace("64MiB", memory)).memoryBytes(), memory);
        }
    }

    @Test
    void shouldRefuseADecimalMemoryUnit()
    {
        assertRefused("manifest.yaml:9:11: resources.memory: '64MB' is not a memory size (bytes, or an integer"
                + " with KiB, MiB, GiB or TiB, e.g. 64MiB; from 1 byte to 1 TiB)",
            Fixtures.NETSTACK_YAML.replace("64MiB", "64MB"));
    }

    @Test
    void shouldRefuseACpuQuotaOverAHundredPercent()
    {
        assertRefused("manifest.yaml:10:14: resources.cpu_quota: '120%' is not a CPU quota (a whole percentage"
            + " from 1% to 100%, e.g. 20%)", Fixtures.NETSTACK_YAML.replace("20%", "120%"));
    }

    @Test
    void shouldRefuseACapabilityListedTwice()
    {
        assertRefused("manifest.yaml:11:40: resources.capabilities[2]: 'stats:rw' is listed twice",
            Fixtures.NETSTACK_YAML.replace("[net.mmio:r, stats:rw]", "[net.mmio:r, stats:rw, stats:rw]"));
    }

    @Test
    void shouldRefuseRightsOutOfOrder()
    {
        final HicmodFormatException refused = refuse(
            Fixtures.NETSTACK_YAML.replace("stats:rw", "stats:wr"));

        assertEquals("manifest.yaml:11:30", refused.region());
        assertTrue(refused.reason().startsWith("resources.capabilities[1]: 'stats:wr' is not a capability request"),
            refused.reason());
    }

    @Test
    void shouldRefuseAnEmptyProtocolList()
    {
        assertRefused("manifest.yaml:13:14: migration.protocols: is empty (list at least one protocol version)",
            Fixtures.NETSTACK_YAML.replace("[\"1.3\", \"1.4\"]", "[]"));
    }

    @Test
    void shouldRefuseAliases()
    {
        assertRefused("manifest.yaml:8:8: aliases (*name) are not allowed", MINIMAL.replace("name: ipc_lib",
            "name: &n ipc_lib") + "other: *n\n");
    }

    @Test
    void shouldRefuseASecondDocument()
    {
        assertRefused("manifest.yaml:8:1: a second YAML document", MINIMAL + "---\nname: x\n");
    }

    @Test
    void shouldRefuseNestingBeyondTheSchemasDepth()
    {
        assertRefused("manifest.yaml:1:9: nested deeper than 3 levels",
            MINIMAL.replace("name: ipc_lib", "name: [[[[x]]]]"));
    }

    @Test
    void shouldRefuseAnEmptyDocument()
    {
        assertRefused("manifest.yaml: holds no YAML document", "# nothing here\n");
    }

    @Test
    void shouldLocateASyntaxError()
    {
        final HicmodFormatException refused = refuse("name: netstack\n  version: 1.0.0\n");

        assertEquals("manifest.yaml:2:10", refused.region());
        assertTrue(refused.reason().startsWith("not valid YAML: "), refused.reason());
    }

    @Test
    void shouldRefuseInvalidUtf8()
    {
        final HicmodFormatException refused = assertThrows(HicmodFormatException.class,
            () -> ManifestParser.parse("manifest.yaml", new byte[] { 'n', (byte)0xC3, '(' }));

        assertEquals("manifest.yaml: not valid UTF-8", refused.getMessage());
    }

    @Test
    void shouldRefuseASourceOverTheMaximum()
    {
        final byte[] source = new byte[ManifestParser.SOURCE_LENGTH_MAX + 1];

        final HicmodFormatException refused = assertThrows(HicmodFormatException.class,
            () -> ManifestParser.parse("manifest.yaml", source));

        assertEquals("manifest.yaml: " + source.length + " bytes exceeds the maximum "
            + ManifestParser.SOURCE_LENGTH_MAX, refused.getMessage());
    }

    @Test
    void shouldKeepControlCharactersOutOfTheMessage()
    {
        final HicmodFormatException refused = refuse(MINIMAL.replace("name: ipc_lib", "name: \"a\\nb\""));

        assertEquals("manifest.yaml:1:7: name: 'a\\u000ab' is not a module name (lowercase letters, digits and"
            + " '_', starting with a letter, at most 64 characters)", refused.getMessage());
    }

    @Test
    void shouldRefuseAnEscapeCutOffByTheEndOfInputAsAFormatError()
    {
        final HicmodFormatException refused = refuse("name: \"\\u");

        assertTrue(refused.getMessage().startsWith("manifest.yaml: not valid YAML: "), refused.getMessage());
    }

    private static void assertRefused(final String message, final String yaml)
    {
        assertEquals(message, refuse(yaml).getMessage());
    }

    private static HicmodFormatException refuse(final String yaml)
    {
        return assertThrows(HicmodFormatException.class,
            () -> ManifestParser.parse("manifest.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
