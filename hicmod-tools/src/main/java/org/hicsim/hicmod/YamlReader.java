package org.hicsim.hicmod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hicsim.common.Quoted;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one small YAML (or JSON) document as a node tree and answers questions about its nodes, each failure an
 * exception located at {@code source:line:column} (1-based) and naming the key path: a
 * {@link HicmodFormatException} for a manifest, the caller's own type for another format (a scenario).
 * <p>
 * Scalars are taken as the text written, never as the type YAML would resolve: {@code version: 1.3} is the text
 * {@code 1.3}, not the float 1.3, so the schema alone decides what a value means. Untrusted input cannot make
 * it work hard: the document is at most {@code codePointsMax} long, and an event pass refuses aliases, extra
 * documents and nesting beyond {@code depthMax} before the (recursive) composer builds the tree.
 */
public final class YamlReader
{
    private final String source;
    private final int depthMax;
    private final LoadSettings settings;
    private final ErrorFactory errors;

    /** A reader whose faults are {@link HicmodFormatException}s, as a manifest's are. */
    YamlReader(final String source, final int codePointsMax, final int depthMax)
    {
        this(source, codePointsMax, depthMax, HicmodFormatException::new);
    }

    /**
     * @param source        names the document in every fault, e.g. its file name.
     * @param codePointsMax the longest document read.
     * @param depthMax      the deepest nesting of mappings and lists.
     * @param errors        makes the exception each fault is thrown as.
     */
    public YamlReader(final String source, final int codePointsMax, final int depthMax, final ErrorFactory errors)
    {
        this.source = source;
        this.depthMax = depthMax;
        this.settings = LoadSettings.builder().setLabel(source).setCodePointLimit(codePointsMax).build();
        this.errors = errors;
    }

    /** Makes the exception a fault is thrown as. */
    @FunctionalInterface
    public interface ErrorFactory
    {
        /**
         * @param location {@code source:line:column}, or the source alone when the fault has no position.
         * @param reason   what is wrong, one line, naming the key path first when there is one.
         * @param cause    the parser's exception, or null.
         */
        RuntimeException error(String location, String reason, Throwable cause);
    }

    /** The root node of {@code text}, which must hold exactly one document. */
    public Node compose(final String text)
    {
        try
        {
            checkShape(text);
            return new Compose(settings).composeString(text)
                .orElseThrow(() -> errors.error(source, "holds no YAML document", null));
        }
        catch (final MarkedYamlEngineException ex)
        {
            throw errors.error(position(ex.getProblemMark()), "not valid YAML: " + oneLine(ex.getProblem()), ex);
        }
        catch (final YamlEngineException ex)
        {
            throw errors.error(source, "not valid YAML: " + oneLine(ex.getMessage()), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            // SnakeYAML Engine lets a few scanner errors escape unwrapped, e.g. NumberFormatException for a
            // double-quoted backslash-u escape cut off by the end of the input (found by the fuzz target).
            throw errors.error(source, "not valid YAML: " + oneLine(String.valueOf(ex.getMessage())), ex);
        }
    }

    /** The mapping at {@code node}; a key outside {@code keys} is refused, as is a repeated key. */
    public YamlMapping mapping(final Node node, final String path, final Set<String> keys)
    {
        final YamlMapping mapping = anyMapping(node, path);
        for (final Map.Entry<String, NodeTuple> entry : mapping.entries.entrySet())
        {
            if (!keys.contains(entry.getKey()))
            {
                throw error(entry.getValue().getKeyNode(), mapping.keyPath(entry.getKey()),
                    "unknown key (expected one of: " + String.join(", ", keys) + ")");
            }
        }
        return mapping;
    }

    /** The mapping at {@code node}, whatever its keys; a repeated key is refused. */
    public YamlMapping anyMapping(final Node node, final String path)
    {
        if (!(node instanceof MappingNode))
        {
            throw error(node, path, "expected a mapping, found " + describe(node));
        }
        final Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (final NodeTuple tuple : ((MappingNode)node).getValue())
        {
            final String key = scalar(tuple.getKeyNode(), path.isEmpty() ? "key" : path + " key");
            final String keyPath = path.isEmpty() ? key : path + "." + key;
            if (entries.put(key, tuple) != null)
            {
                throw error(tuple.getKeyNode(), keyPath, "duplicate key");
            }
        }
        return new YamlMapping(node, path, entries);
    }

    /** The items of the sequence at {@code node}. */
    public List<Node> sequence(final Node node, final String path)
    {
        if (!(node instanceof SequenceNode))
        {
            throw error(node, path, "expected a list, found " + describe(node));
        }
        return ((SequenceNode)node).getValue();
    }

    /** The text of the scalar at {@code node}, as written. */
    public String scalar(final Node node, final String path)
    {
        if (!(node instanceof ScalarNode))
        {
            throw error(node, path, "expected a single value, found " + describe(node));
        }
        return ((ScalarNode)node).getValue();
    }

    /** A fault of the value at {@code node}, whose key path is {@code path}. */
    public RuntimeException error(final Node node, final String path, final String reason)
    {
        return errors.error(position(node.getStartMark()), path.isEmpty() ? reason : path + ": " + reason, null);
    }

    /** A mapping's entries by key, in document order, with its location for errors about missing keys. */
    public final class YamlMapping
    {
        private final Node node;
        private final String path;
        private final Map<String, NodeTuple> entries;

        private YamlMapping(final Node node, final String path, final Map<String, NodeTuple> entries)
        {
            this.node = node;
            this.path = path;
            this.entries = entries;
        }

        /** The value of {@code key}; its absence is refused at the mapping's position. */
        public Node required(final String key)
        {
            return optional(key).orElseThrow(() -> error(node, keyPath(key), "missing required key"));
        }

        public Optional<Node> optional(final String key)
        {
            final NodeTuple tuple = entries.get(key);
            return tuple == null ? Optional.empty() : Optional.of(tuple.getValueNode());
        }

        /** Key node to value node, in document order. */
        public List<NodeTuple> tuples()
        {
            return new ArrayList<>(entries.values());
        }

        public int size()
        {
            return entries.size();
        }

        public String keyPath(final String key)
        {
            return path.isEmpty() ? key : path + "." + key;
        }
    }

    private void checkShape(final String text)
    {
        int documents = 0;
        int depth = 0;
        for (final Event event : new Parse(settings).parseString(text))
        {
            switch (event.getEventId())
            {
                case DocumentStart:
                    if (++documents > 1)
                    {
                        throw errors.error(position(event.getStartMark()), "a second YAML document", null);
                    }
                    break;
                case Alias:
                    throw errors.error(position(event.getStartMark()), "aliases (*name) are not allowed", null);
                case MappingStart:
                case SequenceStart:
                    if (++depth > depthMax)
                    {
                        throw errors.error(
                            position(event.getStartMark()), "nested deeper than " + depthMax + " levels", null);
                    }
                    break;
                case MappingEnd:
                case SequenceEnd:
                    depth--;
                    break;
                default:
                    break;
            }
        }
        if (documents == 0)
        {
            throw errors.error(source, "holds no YAML document", null);
        }
    }

    private String position(final Optional<Mark> mark)
    {
        return mark.map(m -> source + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(source);
    }

    /** {@code a mapping}, {@code a list}, or the scalar quoted, for a message that says what was found. */
    public static String describe(final Node node)
    {
        if (node instanceof MappingNode)
        {
            return "a mapping";
        }
        if (node instanceof SequenceNode)
        {
            return "a list";
        }
        return Quoted.quote(((ScalarNode)node).getValue());
    }

    /** SnakeYAML's problems can span lines; the user gets one. */
    private static String oneLine(final String text)
    {
        return text == null ? "unreadable" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
