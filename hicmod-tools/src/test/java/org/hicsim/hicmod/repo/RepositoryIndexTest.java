package org.hicsim.hicmod.repo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.common.SemanticVersion;
import org.hicsim.hicmod.pki.TestModules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepositoryIndexTest
{
    private static final Instant EXPIRES = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant SIGNED = Instant.parse("2026-01-31T00:00:00Z");
    private static final String SHA384 = "ab".repeat(48);

    @Test
    void shouldReadBackWhatItWroteWithEntriesSorted()
    {
        final RepositoryIndex index = new RepositoryIndex(3, EXPIRES,
            List.of(entry("netstack", "1.3.0"), entry("eth_driver", "1.2.0"), entry("netstack", "1.2.0")));
        assertEquals(List.of("eth_driver 1.2.0", "netstack 1.2.0", "netstack 1.3.0"),
            index.modules().stream().map(e -> e.name() + " " + e.version()).toList());
        assertEquals(index, RepositoryIndex.fromBytes("index.json", index.toBytes()));
    }

    @Test
    void shouldWriteTheDocumentedForm()
    {
        assertEquals("{\"expires\":\"2026-03-01T00:00:00Z\",\"format\":\"hicmod-index/1\",\"modules\":[{\"name\":" +
            "\"netstack\",\"sha384\":\"" + SHA384 + "\",\"signing_time\":\"2026-01-31T00:00:00Z\",\"size\":1234," +
            "\"uuid\":\"" + TestModules.NETSTACK_UUID + "\",\"version\":\"1.3.0\"}],\"version\":3}",
            new String(new RepositoryIndex(3, EXPIRES, List.of(entry("netstack", "1.3.0"))).toBytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseUnknownKeyNamingIt()
    {
        assertRefused(indexJson("\"name\":\"netstack\",\"path\":\"x\""), "modules[0].path: unknown key");
    }

    @Test
    void shouldRefuseNameThatCouldLeaveTheBundleDirectory()
    {
        assertRefused(indexJson("\"name\":\"../etc\""), "modules[0].name: '../etc' is not a module name");
    }

    @Test
    void shouldRefuseEntriesOutOfOrder()
    {
        final String twice = "{\"expires\":\"2026-03-01T00:00:00Z\",\"format\":\"hicmod-index/1\",\"modules\":[" +
            entryJson("\"name\":\"netstack\"") + "," + entryJson("\"name\":\"netstack\"") + "],\"version\":3}";
        assertRefused(twice, "out of order or repeated");
    }

    @Test
    void shouldRefuseTimeWithFractionOfSecond()
    {
        final String json = new String(new RepositoryIndex(3, EXPIRES, List.of()).toBytes(), StandardCharsets.UTF_8)
            .replace("2026-03-01T00:00:00Z", "2026-03-01T00:00:00.5Z");
        assertRefused(json, "expires: '2026-03-01T00:00:00.5Z' is not a UTC time in whole seconds");
    }

    @Test
    void shouldRefuseOtherFormat()
    {
        final String json = new String(new RepositoryIndex(3, EXPIRES, List.of()).toBytes(), StandardCharsets.UTF_8)
            .replace("hicmod-index/1", "hicmod-index/2");
        assertRefused(json, "format: 'hicmod-index/2' is not hicmod-index/1");
    }

    @Test
    void shouldRefuseMoreModulesThanTheMaximum()
    {
        final List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i <= RepositoryIndex.MODULES_MAX; i++)
        {
            entries.add(entry("module" + i, "1.0.0"));
        }
        assertThrows(IllegalArgumentException.class, () -> new RepositoryIndex(3, EXPIRES, entries));
    }

    private static IndexEntry entry(final String name, final String version)
    {
        return new IndexEntry(name, SemanticVersion.parse(version), TestModules.NETSTACK_UUID, 1234, SHA384, SIGNED);
    }

    private static String entryJson(final String nameField)
    {
        return "{" + nameField + ",\"sha384\":\"" + SHA384 + "\",\"signing_time\":\"2026-01-31T00:00:00Z\"," +
            "\"size\":1234,\"uuid\":\"" + TestModules.NETSTACK_UUID + "\",\"version\":\"1.3.0\"}";
    }

    private static String indexJson(final String nameField)
    {
        return "{\"expires\":\"2026-03-01T00:00:00Z\",\"format\":\"hicmod-index/1\",\"modules\":[" +
            entryJson(nameField) + "],\"version\":3}";
    }

    private static void assertRefused(final String json, final String reason)
    {
        final HicmodFormatException refusal = assertThrows(HicmodFormatException.class,
            () -> RepositoryIndex.fromBytes("index.json", json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(refusal.getMessage().contains(reason), refusal.getMessage());
    }
}
