package org.hicsim.scenario;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.hicsim.common.Quoted;
import org.hicsim.hicmod.YamlReader;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed values of a scenario's YAML nodes. A value's YAML type counts, as it does for a JSON Schema validator
 * reading the same file: {@code seed: "42"} is text, not an integer, and {@code version: 1.3} is a number, not a
 * version. Every refusal is a {@link ScenarioFormatException} at the node, naming the key path.
 */
final class ScenarioNodes
{
    private static final Pattern DECIMAL_INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    /** YAML 1.2's JSON schema's float, which may end in a point ({@code 1.}). */
    private static final Pattern DECIMAL_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?");
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private final YamlReader yaml;

    ScenarioNodes(final YamlReader yaml)
    {
        this.yaml = yaml;
    }

    /** A fault of the value at {@code node}. */
    RuntimeException error(final Node node, final String path, final String reason)
    {
        return yaml.error(node, path, reason);
    }

    /**
     * The mapping at {@code node}, whose keys must be among {@code keys}: an unknown one is refused at the key, with
     * the nearest known key when it is a near miss.
     */
    YamlReader.YamlMapping mapping(final Node node, final String path, final Collection<String> keys)
    {
        final YamlReader.YamlMapping mapping = yaml.anyMapping(node, path);
        for (final NodeTuple tuple : mapping.tuples())
        {
            final String key = ((ScalarNode)tuple.getKeyNode()).getValue();
            if (!keys.contains(key))
            {
                throw error(tuple.getKeyNode(), mapping.keyPath(key), unknown("key", key, keys));
            }
        }
        return mapping;
    }

    /** {@code unknown key, did you mean 'duration'?} or {@code unknown key (expected one of: a, b)}. */
    static String unknown(final String what, final String found, final Collection<String> known)
    {
        final String nearest = nearest(found, known);
        return nearest != null ? "unknown " + what + ", did you mean " + Quoted.quote(nearest) + "?"
            : "unknown " + what + " (expected one of: " + String.join(", ", known) + ")";
    }

    /**
     * The known word closest to {@code found} when it is close enough to be a typo of it: at most a quarter of its
     * letters (and at least two) changed, added or removed; the first in {@code known}'s order on a tie.
     */
    static String nearest(final String found, final Collection<String> known)
    {
        final int limit = Math.max(2, found.length() / 4);
        String nearest = null;
        int nearestDistance = limit + 1;
        for (final String candidate : known)
        {
            final int distance = DISTANCE.apply(found, candidate);
            if (distance < nearestDistance)
            {
                nearest = candidate;
                nearestDistance = distance;
            }
        }
        return nearest;
    }

    List<Node> sequence(final Node node, final String path, final int itemsMax)
    {
        final List<Node> items = yaml.sequence(node, path);
        if (items.size() > itemsMax)
        {
            throw error(node, path, items.size() + " items, at most " + itemsMax);
        }
        return items;
    }

    boolean isScalar(final Node node)
    {
        return node instanceof ScalarNode;
    }

    /** A text value (a YAML string), checked by {@code parser}, whose refusal is located at the node. */
    <T> T text(final Node node, final String path, final Function<String, T> parser)
    {
        return parsed(node, path, text(node, path), parser);
    }

    String text(final Node node, final String path)
    {
        if (!(node instanceof ScalarNode) || !node.getTag().equals(Tag.STR))
        {
            throw error(node, path, "expected text, found " + describe(node));
        }
        return ((ScalarNode)node).getValue();
    }

    /** One of {@code choices} (text), refused with the choices or a near miss. */
    String choice(final Node node, final String path, final List<String> choices)
    {
        final String text = text(node, path);
        if (!choices.contains(text))
        {
            throw error(node, path, Quoted.quote(text) + " is not one of " + String.join(", ", choices)
                + nearMiss(text, choices));
        }
        return text;
    }

    /**
     * A whole number from {@code min} to {@code max}, written in decimal. A number with a zero fraction or an
     * exponent ({@code 42.0}, {@code 4.2e1}) is one too, as a JSON Schema's {@code integer} is any number whose
     * fraction is zero.
     */
    long integer(final Node node, final String path, final long min, final long max)
    {
        final boolean written = node instanceof ScalarNode && node.getTag().equals(Tag.INT);
        if (!written && !(node instanceof ScalarNode && node.getTag().equals(Tag.FLOAT)))
        {
            throw error(node, path, "expected a whole number, found " + describe(node));
        }
        final String text = ((ScalarNode)node).getValue();
        if (!(written ? DECIMAL_INTEGER : DECIMAL_NUMBER).matcher(text).matches())
        {
            throw error(node, path, Quoted.quote(text) + ": write the number in decimal");
        }
        // Compared before it is made whole, so that 1e999999999 is never expanded.
        final BigDecimal value = new BigDecimal(text);
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0)
        {
            throw error(node, path, text + " is out of range (" + min + " to " + max + ")");
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0)
        {
            throw error(node, path, "expected a whole number, found " + describe(node));
        }
        return value.longValueExact();
    }

    int count(final Node node, final String path, final int min, final int max)
    {
        return (int)integer(node, path, min, max);
    }

    /** A number (whole or decimal) from {@code min} to {@code max}. */
    double number(final Node node, final String path, final double min, final double max)
    {
        if (!(node instanceof ScalarNode) || !(node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT)))
        {
            throw error(node, path, "expected a number, found " + describe(node));
        }
        final String text = ((ScalarNode)node).getValue();
        if (!DECIMAL_NUMBER.matcher(text).matches())
        {
            throw error(node, path, Quoted.quote(text) + ": write the number in decimal");
        }
        final double value = new BigDecimal(text).doubleValue();
        if (!(value >= min && value <= max))
        {
            throw error(node, path, text + " is out of range (" + BigDecimal.valueOf(min).stripTrailingZeros()
                .toPlainString() + " to " + BigDecimal.valueOf(max).stripTrailingZeros().toPlainString() + ")");
        }
        return value;
    }

    boolean bool(final Node node, final String path)
    {
        if (!(node instanceof ScalarNode) || !node.getTag().equals(Tag.BOOL))
        {
            throw error(node, path, "expected true or false, found " + describe(node));
        }
        return Boolean.parseBoolean(((ScalarNode)node).getValue());
    }

    /** A virtual duration ({@link VirtualDuration}), above 0 when {@code positive}. */
    long duration(final Node node, final String path, final boolean positive)
    {
        final long ns;
        if (node instanceof ScalarNode && node.getTag().equals(Tag.INT) && ((ScalarNode)node).getValue().equals("0"))
        {
            ns = 0;
        }
        else if (node instanceof ScalarNode && node.getTag().equals(Tag.STR))
        {
            ns = parsed(node, path, ((ScalarNode)node).getValue(), VirtualDuration::parseNs);
        }
        else
        {
            throw error(node, path, "expected a duration (a number and a unit, e.g. 10s), found " + describe(node));
        }
        if (positive && ns == 0)
        {
            throw error(node, path, "must be longer than 0");
        }
        return ns;
    }

    /** A share: a percentage ({@code 0.1%}) or a fraction from 0 to 1 ({@code 0.001}). */
    double ratio(final Node node, final String path)
    {
        if (node instanceof ScalarNode && node.getTag().equals(Tag.STR))
        {
            return parsed(node, path, ((ScalarNode)node).getValue(), Ratio::parsePercent);
        }
        if (node instanceof ScalarNode && (node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT)))
        {
            return number(node, path, 0, 1);
        }
        throw error(node, path, "expected a percentage (e.g. 0.1%) or a fraction from 0 to 1, found "
            + describe(node));
    }

    /** The scalar's text as written, whatever its YAML type (not null): a configuration value. */
    String anyScalar(final Node node, final String path)
    {
        if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL))
        {
            throw error(node, path, "expected a single value, found " + describe(node));
        }
        return ((ScalarNode)node).getValue();
    }

    /** Refuses a key of {@code mapping} given together with another that excludes it. */
    void checkExclusive(final YamlReader.YamlMapping mapping, final Set<String> keys, final String what)
    {
        NodeTuple first = null;
        for (final NodeTuple tuple : mapping.tuples())
        {
            final String key = ((ScalarNode)tuple.getKeyNode()).getValue();
            if (keys.contains(key))
            {
                if (first != null)
                {
                    throw error(tuple.getKeyNode(), mapping.keyPath(key), "given together with "
                        + ((ScalarNode)first.getKeyNode()).getValue() + "; " + what);
                }
                first = tuple;
            }
        }
    }

    /**
     * A mapping key checked by {@code parser}, whose refusal is located at the key. A key is its text whatever YAML
     * would type it as ({@code true: …} is the key {@code true}), as JSON, whose keys are all text, has it.
     */
    <T> T checkedKey(final NodeTuple tuple, final String path, final Function<String, T> parser)
    {
        return parsed(tuple.getKeyNode(), path, key(tuple), parser);
    }

    /** The text of a mapping key (which {@link YamlReader#anyMapping} has checked is a scalar). */
    static String key(final NodeTuple tuple)
    {
        return ((ScalarNode)tuple.getKeyNode()).getValue();
    }

    private <T> T parsed(final Node node, final String path, final String text, final Function<String, T> parser)
    {
        try
        {
            return parser.apply(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(node, path, ex.getMessage());
        }
    }

    private static String nearMiss(final String found, final Collection<String> known)
    {
        final String nearest = nearest(found, known);
        return nearest == null ? "" : "; did you mean " + Quoted.quote(nearest) + "?";
    }

    /** What was found instead, for a message: its YAML type and, for a scalar, its text. */
    private static String describe(final Node node)
    {
        if (!(node instanceof ScalarNode))
        {
            return YamlReader.describe(node);
        }
        final Tag tag = node.getTag();
        final String kind = tag.equals(Tag.STR) ? "text" : tag.equals(Tag.INT) ? "the whole number"
            : tag.equals(Tag.FLOAT) ? "the number" : tag.equals(Tag.BOOL) ? "the boolean"
            : tag.equals(Tag.NULL) ? "nothing" : "the value";
        return tag.equals(Tag.NULL) ? kind : kind + " " + YamlReader.describe(node);
    }
}
