package org.hicsim.hicmod.repo;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.common.SemanticVersion;

/**
 * Reads the fields of one JSON object of a repository file strictly: exactly the expected keys (an unknown key is
 * refused, since a misspelt one would silently drop what it meant), each of the expected type and range. Every
 * fault is a {@link HicmodFormatException} {@code FILE: PATH.KEY: reason}.
 */
final class JsonObjectReader
{
    private final String file;
    private final String path;
    private final JsonNode object;

    /**
     * @param file the file's name, for errors.
     * @param path where the object is in the file ({@code modules[2]}), empty for the top level.
     * @param keys the keys it must have, no more and no fewer.
     */
    JsonObjectReader(final String file, final String path, final JsonNode object, final String... keys)
    {
        this.file = file;
        this.path = path;
        this.object = object;
        if (!object.isObject())
        {
            throw new HicmodFormatException(file, (path.isEmpty() ? "the file" : path) + ": not an object");
        }
        final Set<String> present = new TreeSet<>();
        object.fieldNames().forEachRemaining(present::add);
        final Set<String> expected = new TreeSet<>(List.of(keys));
        for (final String key : present)
        {
            if (!expected.contains(key))
            {
                throw error(key, "unknown key (expected " + String.join(", ", expected) + ")");
            }
        }
        for (final String key : expected)
        {
            if (!present.contains(key))
            {
                throw error(key, "missing");
            }
        }
    }

    String text(final String key)
    {
        final JsonNode node = object.get(key);
        if (!node.isTextual())
        {
            throw error(key, "not a string");
        }
        return node.textValue();
    }

    long integer(final String key, final long min, final long max)
    {
        final JsonNode node = object.get(key);
        if (!node.isIntegralNumber())
        {
            throw error(key, "not an integer");
        }
        final BigInteger value = node.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0)
        {
            throw error(key, value + " is outside " + min + ".." + max);
        }
        return value.longValueExact();
    }

    /**
     * An instant written as {@link Instant#toString()} writes a whole second: {@code 2026-01-31T00:00:00Z}.
     */
    Instant instant(final String key)
    {
        final String text = text(key);
        try
        {
            final Instant instant = Instant.parse(text);
            if (instant.getNano() == 0 && instant.toString().equals(text))
            {
                return instant;
            }
        }
        catch (final DateTimeException ex)
        {
            // reported below with what is expected
        }
        throw error(key, "'" + text + "' is not a UTC time in whole seconds like 2026-01-31T00:00:00Z");
    }

    SemanticVersion version(final String key)
    {
        try
        {
            return SemanticVersion.parse(text(key));
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(key, ex.getMessage());
        }
    }

    UUID uuid(final String key)
    {
        final String text = text(key);
        try
        {
            final UUID uuid = UUID.fromString(text);
            if (uuid.toString().equals(text))
            {
                return uuid;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            // reported below with what is expected
        }
        throw error(key, "'" + text + "' is not a lowercase UUID");
    }

    JsonNode object(final String key)
    {
        final JsonNode node = object.get(key);
        if (!node.isObject())
        {
            throw error(key, "not an object");
        }
        return node;
    }

    /**
     * The elements of an array, at most {@code sizeMax}.
     */
    List<JsonNode> array(final String key, final int sizeMax)
    {
        final JsonNode node = object.get(key);
        if (!node.isArray())
        {
            throw error(key, "not an array");
        }
        if (node.size() > sizeMax)
        {
            throw error(key, node.size() + " elements exceed the maximum " + sizeMax);
        }
        final List<JsonNode> elements = new ArrayList<>(node.size());
        for (final Iterator<JsonNode> iterator = node.elements(); iterator.hasNext(); )
        {
            elements.add(iterator.next());
        }
        return elements;
    }

    /**
     * The path of {@code key} in this object, for a nested reader or an error.
     */
    String pathOf(final String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    HicmodFormatException error(final String key, final String reason)
    {
        return new HicmodFormatException(file, pathOf(key) + ": " + reason);
    }
}
