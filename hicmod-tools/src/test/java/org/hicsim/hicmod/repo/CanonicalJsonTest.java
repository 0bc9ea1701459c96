package org.hicsim.hicmod.repo;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.hicsim.hicmod.HicmodFormatException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalJsonTest
{
    @Test
    void shouldSortKeysAndWriteNoWhitespace()
    {
        final ObjectNode json = CanonicalJson.object();
        json.put("version", 7);
        json.putObject("b").put("z", "1").put("a", "2");
        json.put("a", "x");
        assertEquals("{\"a\":\"x\",\"b\":{\"a\":\"2\",\"z\":\"1\"},\"version\":7}", text(CanonicalJson.encode(json)));
    }

    @Test
    void shouldEscapeOnlyQuotesBackslashesAndControlCharacters()
    {
        final ObjectNode json = CanonicalJson.object();
        json.put("s", "a\"b\\c\nd\u0001é");
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\u0001é\"}", text(CanonicalJson.encode(json)));
    }

    @Test
    void shouldReadBackWhatItWrote()
    {
        final ObjectNode json = CanonicalJson.object();
        json.put("n", Long.MAX_VALUE);
        json.putArray("list").add("x").add(1);
        final byte[] bytes = CanonicalJson.encode(json);
        assertArrayEquals(bytes, CanonicalJson.encode(CanonicalJson.parse("f", bytes)));
        assertEquals(Long.MAX_VALUE, CanonicalJson.parse("f", bytes).get("n").longValue());
    }

    @Test
    void shouldRefuseWhitespace()
    {
        assertRefused("{\"a\": 1}", "not in canonical form");
    }

    @Test
    void shouldRefuseUnsortedKeys()
    {
        assertRefused("{\"b\":1,\"a\":2}", "not in canonical form");
    }

    @Test
    void shouldRefuseRepeatedKeys()
    {
        assertRefused("{\"a\":1,\"a\":1}", "Duplicate field");
    }

    @Test
    void shouldRefuseFloatsBooleansAndNull()
    {
        assertRefused("{\"a\":1.5}", "only objects, arrays, strings and integers");
        assertRefused("{\"a\":true}", "only objects, arrays, strings and integers");
        assertRefused("{\"a\":null}", "only objects, arrays, strings and integers");
    }

    @Test
    void shouldRefuseTrailingData()
    {
        assertRefused("{\"a\":1}{}", "not JSON");
    }

    @Test
    void shouldRefuseDeepNestingBeforeBuildingIt()
    {
        assertRefused("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}", "not JSON");
    }

    @Test
    void shouldRefuseTopLevelThatIsNotAnObject()
    {
        assertRefused("[]", "not a JSON object");
    }

    private static void assertRefused(final String json, final String reason)
    {
        final HicmodFormatException refusal = assertThrows(HicmodFormatException.class,
            () -> CanonicalJson.parse("index.json", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("index.json", refusal.region());
        assertTrue(refusal.reason().contains(reason), refusal.reason());
    }

    private static String text(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
