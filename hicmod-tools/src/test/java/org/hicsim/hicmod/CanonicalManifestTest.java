package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CanonicalManifestTest
{
    @Example
    void shouldEncodeTheManifestOfIssue4AsSortedKeyJson()
    {
        final String expected = "{\"dependencies\":{\"eth_driver\":\">=1.2.0\",\"ipc_lib\":\"=2.0.0\"},"
            + "\"entry\":\"org.hicsim.services.netstack.Netstack\","
            + "\"migration\":{\"protocols\":[\"1.3\",\"1.4\"],\"state_version\":2},"
            + "\"name\":\"netstack\","
            + "\"resources\":{\"capabilities\":[\"net.mmio:r\",\"stats:rw\"],"
            + "\"cpu_quota\":\"20%\",\"memory\":67108864},"
            + "\"uuid\":\"550e8400-e29b-41d4-a716-446655440000\",\"version\":\"1.3.0\"}";

        assertEquals(expected, new String(CanonicalManifest.encode(Fixtures.netstack()), StandardCharsets.US_ASCII));
    }

    @Example
    void shouldPlaceTheFaultBetweenEntryAndMigration()
    {
        final Manifest faulty = Fixtures.manifest(Fixtures.NETSTACK_YAML + "fault: \"slow seed=9 percent=30\"\n");

        final String text = new String(CanonicalManifest.encode(faulty), StandardCharsets.US_ASCII);

        assertTrue(text.contains("\"entry\":\"org.hicsim.services.netstack.Netstack\","
            + "\"fault\":\"slow percent=30 seed=9\",\"migration\":"), text);
    }

    @Example
    void shouldPlaceTheConfigurationFirstAndOnlyWhenThereIsOne()
    {
        final Manifest configured = Fixtures.manifest(Fixtures.NETSTACK_YAML
            + "config:\n  fault.rate: 0.05\n  connections: 4096\n");

        final String text = new String(CanonicalManifest.encode(configured), StandardCharsets.US_ASCII);

        assertTrue(text.startsWith("{\"config\":{\"connections\":\"4096\",\"fault.rate\":\"0.05\"},"
            + "\"dependencies\":"), text);
        assertTrue(new String(CanonicalManifest.encode(Fixtures.netstack()), StandardCharsets.US_ASCII)
            .startsWith("{\"dependencies\":"));
    }

    @Property
    void shouldParseBackToTheSameManifest(@ForAll("manifests") final String yaml)
    {
        final Manifest manifest = Fixtures.manifest(yaml);
        final byte[] canonical = CanonicalManifest.encode(manifest);

        final Manifest reparsed = ManifestParser.parse("manifest", canonical);

        assertEquals(manifest, reparsed);
        assertArrayEquals(canonical, CanonicalManifest.encode(reparsed));
    }

    @Property
    void shouldStayWithinTheManifestSectionsMaximum(@ForAll("manifests") final String yaml)
    {
        assertTrue(CanonicalManifest.encode(Fixtures.manifest(yaml)).length
            <= ManifestSectionDescriptor.TEXT_LENGTH_MAX);
    }

    /** Manifests as a user might write them: keys in any order, lists unsorted, memory in any unit. */
    @Provide
    static Arbitrary<String> manifests()
    {
        final Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        final Arbitrary<String> versions = Combinators.combine(Arbitraries.integers().between(0, 300),
            Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255))
            .as((a, b, c) -> a + "." + b + "." + c);
        final Arbitrary<String> constraints = Combinators.combine(Arbitraries.of("=", ">=", "^", "> ", "<= "), versions)
            .as((operator, version) -> operator + version);
        final Arbitrary<Map<String, String>> dependencies = Arbitraries.maps(names.map(n -> "dep_" + n), constraints)
            .ofMaxSize(6);
        final Arbitrary<List<String>> capabilities = Combinators.combine(names, Arbitraries.of("r", "w", "rw", "rwx"))
            .as((object, rights) -> object + ".region:" + rights).list().uniqueElements().ofMaxSize(6);
        final Arbitrary<String> migration = Combinators.combine(Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 9)).as((a, b) -> "\"" + a + "." + b + "\"")
            .list().uniqueElements().ofMinSize(1).ofMaxSize(4)
            .map(protocols -> "migration: {state_version: 7, protocols: " + protocols + "}\n")
            .injectNull(0.5);
        final Arbitrary<String> fault = Arbitraries.of("crash-on-start", "error-rate p=0.05 seed=3",
            "slow seed=1 percent=30").map(text -> "fault: " + text + "\n").injectNull(0.5);
        final Arbitrary<String> config = Arbitraries.maps(
            Arbitraries.of("connections", "buffer_bytes", "fault.rate", "fault.after_ns", "zone", "a.b_c.d9"),
            Arbitraries.of("4096", "0.05", "true", "edge node-1", "'quoted'", "a:b/c#d", ""))
            .ofMinSize(1).ofMaxSize(4)
            .map(entries -> {
                final StringBuilder text = new StringBuilder("config:\n");
                entries.forEach((key, value) -> text.append("  ").append(key).append(": \"").append(value)
                    .append("\"\n"));
                return text.toString();
            })
            .injectNull(0.5);
        final Arbitrary<String> extras = Combinators.combine(fault, config)
            .as((faulty, configured) -> (faulty == null ? "" : faulty) + (configured == null ? "" : configured));
        final Arbitrary<String> memory = Combinators.combine(Arbitraries.integers().between(1, 1024),
            Arbitraries.of("", "KiB", " MiB", "GiB")).as((count, unit) -> count + unit);
        return Combinators.combine(names, versions, dependencies, memory, Arbitraries.integers().between(1, 100),
            capabilities, migration, extras)
            .as((name, version, deps, mem, cpu, caps, migrates, extra) -> {
                final StringBuilder yaml = new StringBuilder();
                yaml.append("resources:\n  cpu_quota: ").append(cpu).append("%\n  memory: ").append(mem).append('\n');
                yaml.append("  capabilities: ").append(caps).append('\n');
                if (migrates != null)
                {
                    yaml.append(migrates);
                }
                yaml.append(extra);
                yaml.append("dependencies:\n");
                deps.forEach((dep, constraint) -> yaml.append("  ").append(dep).append(": \"").append(constraint)
                    .append("\"\n"));
                if (deps.isEmpty())
                {
                    yaml.append("  {}\n");
                }
                yaml.append("name: ").append(name).append('\n');
                yaml.append("version: ").append(version).append('\n');
                yaml.append("uuid: ").append(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)))
                    .append('\n');
                yaml.append("entry: org.example.").append(name).append(".Main\n");
                return yaml.toString();
            });
    }
}
