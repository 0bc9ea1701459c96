package org.hicsim.hicmod.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hicsim.hicmod.HicmodFormatException;

/**
 * The one byte form of the repository's JSON files, so that what is signed is unambiguous: the subset of RFC 8785
 * (JCS) these files need. Objects with keys in ascending order (by UTF-16 code unit, as {@link String#compareTo}),
 * arrays, strings and integers only; no whitespace; in strings, {@code "} and {@code \} escaped, control
 * characters as {@code \b \t \n \f \r} or a u-escape with lowercase hex digits, everything else as UTF-8.
 * A file is read strictly (no repeated keys, nothing after the value) and refused unless re-encoding what was
 * read gives its bytes.
 */
final class CanonicalJson
{
    /** Nesting of these files is at most four deep; the parser refuses anything much deeper before building it. */
    private static final int NESTING_DEPTH_MAX = 8;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(NESTING_DEPTH_MAX).build())
        .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private CanonicalJson()
    {
    }

    static ObjectNode object()
    {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array()
    {
        return JsonNodeFactory.instance.arrayNode();
    }

    static byte[] encode(final JsonNode node)
    {
        final StringBuilder json = new StringBuilder(256);
        append(json, node);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The object {@code bytes} holds.
     *
     * @param what names the file in errors: {@code what: reason}.
     * @throws HicmodFormatException if the bytes are not canonical JSON of an object.
     */
    static ObjectNode parse(final String what, final byte[] bytes)
    {
        final JsonNode node;
        try
        {
            node = MAPPER.readTree(bytes);
        }
        catch (final JsonProcessingException ex)
        {
            final JsonLocation location = ex.getLocation();
            throw new HicmodFormatException(what, "not JSON" + (location == null ? "" :
                " at line " + location.getLineNr() + ", column " + location.getColumnNr()) + ": " +
                ex.getOriginalMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new HicmodFormatException(what, "not JSON: " + ex.getMessage(), ex);
        }
        if (node == null || !node.isObject())
        {
            throw new HicmodFormatException(what, "not a JSON object");
        }
        checkTypes(what, node);
        if (!Arrays.equals(bytes, encode(node)))
        {
            throw new HicmodFormatException(what, "not in canonical form");
        }
        return (ObjectNode)node;
    }

    private static void checkTypes(final String what, final JsonNode node)
    {
        if (node.isContainerNode())
        {
            for (final JsonNode child : node)
            {
                checkTypes(what, child);
            }
        }
        else if (!node.isTextual() && !node.isIntegralNumber())
        {
            throw new HicmodFormatException(what, "holds " + node.getNodeType().name().toLowerCase() +
                " value " + node + " where only objects, arrays, strings and integers may appear");
        }
    }

    private static void append(final StringBuilder json, final JsonNode node)
    {
        if (node.isObject())
        {
            final List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            json.append('{');
            for (int i = 0; i < names.size(); i++)
            {
                json.append(i == 0 ? "" : ",");
                string(json, names.get(i)).append(':');
                append(json, node.get(names.get(i)));
            }
            json.append('}');
        }
        else if (node.isArray())
        {
            json.append('[');
            final Iterator<JsonNode> elements = node.elements();
            for (int i = 0; elements.hasNext(); i++)
            {
                json.append(i == 0 ? "" : ",");
                append(json, elements.next());
            }
            json.append(']');
        }
        else if (node.isTextual())
        {
            string(json, node.textValue());
        }
        else if (node.isIntegralNumber())
        {
            json.append(node.bigIntegerValue());
        }
        else
        {
            throw new IllegalArgumentException("node.type=" + node.getNodeType() + " has no canonical form here");
        }
    }

    private static StringBuilder string(final StringBuilder json, final String text)
    {
        json.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int)c) : String.valueOf(c));
            }
        }
        return json.append('"');
    }
}
