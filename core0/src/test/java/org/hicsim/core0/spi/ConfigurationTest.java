package org.hicsim.core0.spi;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationTest
{
    private final Configuration configuration = Configuration.builder(3)
        .put("connections", "100000")
        .put("fault.rate", "0.25")
        .put("trace", "true")
        .put("name", "edge-1")
        .build();

    @Test
    void shouldReadEachTypeAndFallBackToTheDefaultForAKeyNotSet()
    {
        assertEquals(100_000, configuration.integer("connections", 4096));
        assertEquals(0.25, configuration.decimal("fault.rate", 0.05));
        assertTrue(configuration.flag("trace", false));
        assertEquals("edge-1", configuration.string("name", "none"));

        assertEquals(8192, configuration.integer("buffer_bytes", 8192));
        assertEquals(0.05, configuration.decimal("fault.size", 0.05));
        assertFalse(configuration.flag("verbose", false));
        assertEquals("none", configuration.string("zone", "none"));
    }

    @Test
    void shouldKeepKeysSortedWhateverOrderTheyWerePutIn()
    {
        assertEquals(List.of("connections", "fault.rate", "name", "trace"),
            List.copyOf(configuration.values().keySet()));
        assertEquals("Configuration{version=3 connections=100000 fault.rate=0.25 name=edge-1 trace=true}",
            configuration.toString());
    }

    @Test
    void shouldLetALaterPutOverrideAnEarlierOne()
    {
        final Configuration merged = Configuration.builder(4)
            .putAll(Map.of("connections", "4096", "buffer_bytes", "8192"))
            .putAll(configuration.values())
            .build();

        assertEquals(100_000, merged.integer("connections", 0));
        assertEquals(8192, merged.integer("buffer_bytes", 0));
        assertEquals(4, merged.version());
    }

    @Test
    void shouldRefuseAValueOfTheWrongTypeNamingKeyAndValue()
    {
        final IllegalArgumentException thrown =
            assertThrows(IllegalArgumentException.class, () -> configuration.integer("name", 0));

        assertEquals("key=name value=edge-1 is not an integer", thrown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> configuration.flag("connections", false));
        assertThrows(IllegalArgumentException.class, () -> configuration.integer("fault.rate", 0));
    }

    @Test
    void shouldRefuseNumbersThatAreNotPlainDecimals()
    {
        for (final String value : List.of("1e3", "NaN", "Infinity", "0x10", "1.", ".5", "+1", "99999999999999999999"))
        {
            final Configuration odd = Configuration.builder(0).put("n", value).build();
            assertThrows(IllegalArgumentException.class, () -> odd.decimal("n", 0), value);
            assertThrows(IllegalArgumentException.class, () -> odd.integer("n", 0), value);
        }
        assertEquals(-3, Configuration.builder(0).put("n", "-3").build().integer("n", 0));
    }

    @Test
    void shouldRefuseKeysAndValuesOutsideTheSyntax()
    {
        final Configuration.Builder builder = Configuration.builder(0);

        for (final String key : List.of("", "Upper", "1st", "a..b", "a.", "a-b", "a b", "x".repeat(65)))
        {
            assertThrows(IllegalArgumentException.class, () -> builder.put(key, "v"), key);
        }
        for (final String value : List.of("quote\"", "back\\slash", "tab\t", "é", "x".repeat(129)))
        {
            assertThrows(IllegalArgumentException.class, () -> builder.put("k", value), value);
        }
        assertThrows(IllegalArgumentException.class, () -> Configuration.builder(-1));
    }

    @Test
    void shouldRefuseMoreEntriesThanTheMaximum()
    {
        final Configuration.Builder builder = Configuration.builder(0);
        for (int i = 0; i < Configuration.ENTRIES_MAX; i++)
        {
            builder.put("k" + i, "v");
        }

        builder.put("k0", "again");
        assertThrows(IllegalArgumentException.class, () -> builder.put("one_more", "v"));
    }

    @Test
    void shouldBeEqualByVersionAndValues()
    {
        assertEquals(Configuration.builder(1).put("a", "1").build(), Configuration.builder(1).put("a", "1").build());
        assertFalse(Configuration.builder(1).put("a", "1").build().equals(Configuration.builder(2).put("a", "1").build()));
        assertTrue(Configuration.EMPTY.values().isEmpty());
        assertEquals(0, Configuration.EMPTY.version());
    }
}
