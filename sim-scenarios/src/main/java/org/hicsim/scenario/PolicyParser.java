package org.hicsim.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hicsim.core0.dispatch.RoutingDimension;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.common.Quoted;
import org.hicsim.hicmod.YamlReader;
import org.hicsim.mm.Strategy;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads the {@link PolicyKey}s of a {@code policy:} block or a {@code set-policy} step, and a strategy, written as
 * its name ({@code strategy: rolling}) or as its name and parameters
 * ({@code strategy: {name: canary, users: [7, 42]}}).
 */
final class PolicyParser
{
    /** A canary's chosen users or devices, at most. */
    static final int CHOSEN_KEYS_MAX = 1024;
    /** A gradual strategy's stages, at most. */
    static final int SHARES_MAX = 100;

    private static final List<String> QUIESCENCE_LEVELS =
        Arrays.stream(Quiescence.values()).map(level -> level.name().toLowerCase(Locale.ROOT)).toList();

    private final ScenarioNodes nodes;

    PolicyParser(final ScenarioNodes nodes)
    {
        this.nodes = nodes;
    }

    /** Every key name, in {@link PolicyKey} order. */
    static List<String> keys()
    {
        return Arrays.stream(PolicyKey.values()).map(PolicyKey::key).toList();
    }

    /**
     * The policy keys of {@code mapping}, skipping {@code otherKeys} (which the caller reads, e.g. {@code service}).
     */
    PolicyChange policy(final YamlReader.YamlMapping mapping, final Set<String> otherKeys)
    {
        final Map<PolicyKey, Object> settings = new EnumMap<>(PolicyKey.class);
        for (final NodeTuple tuple : mapping.tuples())
        {
            final String key = ScenarioNodes.key(tuple);
            if (!otherKeys.contains(key))
            {
                final PolicyKey policyKey = PolicyKey.byKey(key);
                settings.put(policyKey, value(policyKey, tuple.getValueNode(), mapping.keyPath(key)));
            }
        }
        return new PolicyChange(settings);
    }

    /** The value of one key, of its {@link PolicyKey#kind()}. */
    private Object value(final PolicyKey key, final Node node, final String path)
    {
        return switch (key.kind())
        {
            case DURATION -> nodes.duration(node, path, false);
            case POSITIVE_DURATION -> nodes.duration(node, path, true);
            case COUNT -> nodes.count(node, path, 0, Integer.MAX_VALUE);
            case POSITIVE_COUNT -> nodes.count(node, path, 1, Integer.MAX_VALUE);
            case PERCENT -> nodes.count(node, path, 0, 100);
            case RATIO -> nodes.ratio(node, path);
            case BOOLEAN -> nodes.bool(node, path);
            case QUIESCENCE -> Quiescence.valueOf(nodes.choice(node, path, QUIESCENCE_LEVELS).toUpperCase(Locale.ROOT));
            case STRATEGY -> strategy(node, path);
        };
    }

    /** {@code rolling}, or {@code {name: gradual, shares: [10%, 50%, 100%]}} and the like. */
    Strategy strategy(final Node node, final String path)
    {
        if (nodes.isScalar(node))
        {
            return Strategy.parse(nodes.choice(node, path, PolicyKey.STRATEGIES));
        }
        final YamlReader.YamlMapping mapping = nodes.mapping(node, path, List.of("name", "shares", "share", "users",
            "devices"));
        final Node nameNode = mapping.required("name");
        final String name = nodes.choice(nameNode, path + ".name", PolicyKey.STRATEGIES);
        final List<String> parameters = switch (name)
        {
            case "gradual" -> List.of("shares");
            case "canary" -> List.of("users", "devices");
            case "ab" -> List.of("share");
            default -> List.of();
        };
        for (final NodeTuple tuple : mapping.tuples())
        {
            final String key = ScenarioNodes.key(tuple);
            if (!key.equals("name") && !parameters.contains(key))
            {
                throw nodes.error(tuple.getKeyNode(), mapping.keyPath(key), "not a parameter of " + name
                    + (parameters.isEmpty() ? ", which has none" : " (it has: " + String.join(", ", parameters) + ")"));
            }
        }
        return switch (name)
        {
            case "gradual" -> mapping.optional("shares").map(shares -> Strategy.gradual(shares(shares,
                mapping.keyPath("shares")))).orElse(Strategy.gradual());
            case "canary" -> canary(mapping, node, path);
            case "ab" -> mapping.optional("share").map(share -> Strategy.ab(wholePercent(share,
                mapping.keyPath("share")))).orElse(Strategy.parse(name));
            default -> Strategy.parse(name);
        };
    }

    private Strategy canary(final YamlReader.YamlMapping mapping, final Node node, final String path)
    {
        nodes.checkExclusive(mapping, Set.of("users", "devices"), "a canary chooses users or devices");
        final boolean byDevice = mapping.optional("devices").isPresent();
        final String key = byDevice ? "devices" : "users";
        final Node keysNode = mapping.optional(key).orElseThrow(() -> nodes.error(node, path,
            "a canary needs users or devices (e.g. users: [7, 42])"));
        final List<Node> items = nodes.sequence(keysNode, mapping.keyPath(key), CHOSEN_KEYS_MAX);
        if (items.isEmpty())
        {
            throw nodes.error(keysNode, mapping.keyPath(key), "is empty (choose at least one)");
        }
        final long[] chosen = new long[items.size()];
        for (int i = 0; i < chosen.length; i++)
        {
            chosen[i] = nodes.integer(items.get(i), mapping.keyPath(key) + "[" + i + "]", 0, Long.MAX_VALUE);
        }
        return Strategy.canary(byDevice ? RoutingDimension.DEVICE : RoutingDimension.USER, chosen);
    }

    private int[] shares(final Node node, final String path)
    {
        final List<Node> items = nodes.sequence(node, path, SHARES_MAX);
        if (items.isEmpty())
        {
            throw nodes.error(node, path, "is empty (list the cumulative shares, e.g. [10%, 50%, 100%])");
        }
        final List<Integer> shares = new ArrayList<>();
        for (int i = 0; i < items.size(); i++)
        {
            final int share = wholePercent(items.get(i), path + "[" + i + "]");
            if (!shares.isEmpty() && share <= shares.get(shares.size() - 1))
            {
                throw nodes.error(items.get(i), path + "[" + i + "]", share + "% does not grow on "
                    + shares.get(shares.size() - 1) + "% (shares are cumulative)");
            }
            shares.add(share);
        }
        return shares.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code 1%} to {@code 100%}. */
    private int wholePercent(final Node node, final String path)
    {
        return nodes.text(node, path, text ->
        {
            if (!text.matches("([1-9][0-9]?|100)%"))
            {
                throw new IllegalArgumentException(Quoted.quote(text) + " is not a whole percentage from 1% to 100%");
            }
            return Integer.parseInt(text.substring(0, text.length() - 1));
        });
    }
}
