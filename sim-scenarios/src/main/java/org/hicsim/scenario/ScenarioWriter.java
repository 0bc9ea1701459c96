package org.hicsim.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.dispatch.RoutingDimension;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.workload.KeyDistribution;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.hicmod.MemorySize;
import org.hicsim.mm.Strategy;
import org.hicsim.mm.UpdateOutcome;

/**
 * Writes a {@link Scenario} back as scenario YAML with every default written out, so that a user sees what a
 * file means ({@code hic validate --canonical}) and a run can record the scenario it ran. What it writes reads
 * back ({@link ScenarioParser}) as the same scenario: the same text once written again.
 */
public final class ScenarioWriter
{
    private static final String INDENT = "  ";

    private ScenarioWriter()
    {
    }

    /** The canonical YAML of {@code scenario}: its keys in the format's order, each value in one form. */
    public static String write(final Scenario scenario)
    {
        final StringBuilder yaml = new StringBuilder();
        yaml.append("format_version: ").append(scenario.formatVersion()).append('\n');
        yaml.append("name: ").append(quoted(scenario.name())).append('\n');
        yaml.append("description: ").append(quoted(scenario.description())).append('\n');
        yaml.append("seed: ").append(scenario.seed()).append('\n');
        yaml.append("duration: ").append(VirtualDuration.format(scenario.durationNs())).append('\n');
        yaml.append("kernel: {memory: ").append(MemorySize.format(scenario.kernelMemoryBytes())).append("}\n");
        final StringJoiner install = new StringJoiner(", ", "[", "]");
        scenario.install().forEach(installation -> install.add(installation(installation)));
        yaml.append("install: ").append(install).append('\n');
        workload(yaml, scenario.workload(), scenario.workloadServices());
        yaml.append("policy: ").append(policy(withDefaults(scenario.policy()))).append('\n');
        yaml.append("steps:").append(scenario.steps().isEmpty() ? " []\n" : "\n");
        for (final Step step : scenario.steps())
        {
            yaml.append(INDENT).append("- at: ").append(VirtualDuration.format(step.atNs())).append('\n');
            yaml.append(INDENT).append(INDENT).append(step.action().key()).append(": ").append(action(step.action()))
                .append('\n');
        }
        final Map<String, String> costs = new LinkedHashMap<>();
        for (final Cost cost : Cost.values())
        {
            final long value = scenario.costs().getOrDefault(cost, cost.defaultValue());
            costs.put(cost.key(), cost.unit() == Cost.Unit.NANOSECONDS ? VirtualDuration.format(value)
                : Long.toString(value));
        }
        yaml.append("costs: ").append(flow(costs)).append('\n');
        scenario.trust().ifPresent(trust -> yaml.append("trust: ").append(quoted(trust.toString())).append('\n'));
        expectations(yaml, scenario.expectations());
        return yaml.toString();
    }

    private static void workload(final StringBuilder yaml, final WorkloadSpec workload, final List<String> services)
    {
        yaml.append("workload:\n");
        if (!services.isEmpty())
        {
            yaml.append(INDENT).append("services: [").append(String.join(", ", services)).append("]\n");
        }
        yaml.append(INDENT).append("connections: ").append(perClass(workload.connections())).append('\n');
        yaml.append(INDENT).append("requests_per_second: ").append(number(workload.requestsPerSecond())).append('\n');
        final KeyDistribution keys = workload.keys();
        yaml.append(INDENT).append("keys: ").append(keys.zipfExponent() == 0 ? "uniform"
            : "{zipf: " + number(keys.zipfExponent()) + "}").append('\n');
        yaml.append(INDENT).append("open_over: ").append(VirtualDuration.format(workload.openOverNs())).append('\n');
        yaml.append(INDENT).append("mean_lifetime: ").append(VirtualDuration.format(workload.meanLifetimeNs()))
            .append('\n');
        yaml.append(INDENT).append("devices: ").append(workload.devices()).append('\n');
        yaml.append(INDENT).append("class_weights: ").append(perClass(workload.classWeights())).append('\n');
    }

    private static String perClass(final int[] values)
    {
        final Map<String, String> perClass = new LinkedHashMap<>();
        for (final ConnectionClass connectionClass : ConnectionClass.values())
        {
            perClass.put(connectionClass.name().toLowerCase(Locale.ROOT),
                Integer.toString(values[connectionClass.ordinal()]));
        }
        return flow(perClass);
    }

    /** Every key's default, then what the scenario's own policy block sets. */
    private static PolicyChange withDefaults(final PolicyChange policy)
    {
        final Map<PolicyKey, Object> defaults = new EnumMap<>(PolicyKey.class);
        for (final PolicyKey key : PolicyKey.values())
        {
            defaults.put(key, key.defaultValue());
        }
        return new PolicyChange(defaults).then(policy);
    }

    private static String policy(final PolicyChange policy)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        policy.settings().forEach((key, value) -> settings.put(key.key(), policyValue(key, value)));
        return flow(settings);
    }

    private static String policyValue(final PolicyKey key, final Object value)
    {
        return switch (key.kind())
        {
            case DURATION, POSITIVE_DURATION -> VirtualDuration.format((Long)value);
            case RATIO -> Ratio.format((Double)value);
            case QUIESCENCE -> ((Quiescence)value).name().toLowerCase(Locale.ROOT);
            case STRATEGY -> strategy((Strategy)value);
            default -> value.toString();
        };
    }

    private static String strategy(final Strategy strategy)
    {
        final Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("name", strategy.kind().key());
        switch (strategy.kind())
        {
            case GRADUAL ->
            {
                final StringJoiner shares = new StringJoiner(", ", "[", "]");
                for (final int share : strategy.shares())
                {
                    shares.add(share + "%");
                }
                mapping.put("shares", shares.toString());
            }
            case AB -> mapping.put("share", strategy.shares()[0] + "%");
            case CANARY ->
            {
                final StringJoiner keys = new StringJoiner(", ", "[", "]");
                for (final long key : strategy.chosenKeys())
                {
                    keys.add(Long.toString(key));
                }
                mapping.put(strategy.dimension() == RoutingDimension.DEVICE ? "devices" : "users", keys.toString());
            }
            default ->
            {
                // rolling, immediate, blue-green: no parameter
            }
        }
        return flow(mapping);
    }

    private static String action(final Action action)
    {
        final Map<String, String> mapping = new LinkedHashMap<>();
        if (action instanceof Action.Update)
        {
            final Action.Update update = (Action.Update)action;
            mapping.put("service", quoted(update.service()));
            mapping.put("to", quoted(update.to().toString()));
            mapping.put("policy", policy(update.policy()));
            if (update.tamper() != Action.Tamper.NONE)
            {
                mapping.put("tamper", update.tamper().key());
            }
            if (!update.config().isEmpty())
            {
                final Map<String, String> config = new LinkedHashMap<>();
                update.config().forEach((key, value) -> config.put(key, quoted(value)));
                mapping.put("config", flow(config));
            }
        }
        else if (action instanceof Action.Crash)
        {
            mapping.put("service", quoted(((Action.Crash)action).service()));
            mapping.put("instance", ((Action.Crash)action).instance().key());
        }
        else if (action instanceof Action.Rollback)
        {
            mapping.put("service", quoted(((Action.Rollback)action).service()));
            mapping.put("reason", quoted(((Action.Rollback)action).reason()));
            if (!((Action.Rollback)action).kind().equals("full"))
            {
                mapping.put("kind", ((Action.Rollback)action).kind());
            }
        }
        else if (action instanceof Action.Decision)
        {
            mapping.put("service", quoted(((Action.Decision)action).service()));
        }
        else if (action instanceof Action.SetPolicy)
        {
            final Action.SetPolicy setPolicy = (Action.SetPolicy)action;
            if (setPolicy.service() != null)
            {
                mapping.put("service", quoted(setPolicy.service()));
            }
            setPolicy.policy().settings().forEach((key, value) -> mapping.put(key.key(), policyValue(key, value)));
        }
        else
        {
            final Action.Configure configure = (Action.Configure)action;
            mapping.put("service", quoted(configure.service()));
            configure.values().forEach((key, value) -> mapping.put(key, quoted(value)));
        }
        return flow(mapping);
    }

    private static void expectations(final StringBuilder yaml, final List<Expectation> expectations)
    {
        final Map<String, Map<String, String>> perService = new LinkedHashMap<>();
        final List<String> lines = new ArrayList<>();
        final Map<String, Map<String, String>> alertBounds = new LinkedHashMap<>();
        int alertsAt = -1;
        for (final Expectation expectation : expectations)
        {
            if (expectation instanceof Expectation.Outcome)
            {
                final Expectation.Outcome outcome = (Expectation.Outcome)expectation;
                final StringJoiner outcomes = new StringJoiner(", ", "[", "]");
                outcome.outcomes().stream().map(UpdateOutcome::key).forEach(outcomes::add);
                perService.computeIfAbsent("outcome", key -> new LinkedHashMap<>()).put(quoted(outcome.service()),
                    outcomes.toString());
            }
            else if (expectation instanceof Expectation.Refusal refusal)
            {
                final StringJoiner reasons = new StringJoiner(", ", "[", "]");
                refusal.reasons().forEach(reasons::add);
                perService.computeIfAbsent("refusal", key -> new LinkedHashMap<>()).put(quoted(refusal.service()),
                    reasons.toString());
            }
            else if (expectation instanceof Expectation.FinalVersion)
            {
                final Expectation.FinalVersion version = (Expectation.FinalVersion)expectation;
                perService.computeIfAbsent("final_version", key -> new LinkedHashMap<>()).put(quoted(version.service()),
                    quoted(version.version()));
            }
            else if (expectation instanceof Expectation.Count)
            {
                lines.add(expectation.name() + ": " + ((Expectation.Count)expectation).value());
            }
            else if (expectation instanceof Expectation.RatioLimit)
            {
                lines.add(expectation.name() + ": " + Ratio.format(((Expectation.RatioLimit)expectation).fraction()));
            }
            else if (expectation instanceof Expectation.AlertCount alerts)
            {
                // the bounds are one key: written where its first entry was read
                alertsAt = alertsAt < 0 ? lines.size() : alertsAt;
                alertBounds.computeIfAbsent(alerts.minimum() ? "min" : "max", key -> new LinkedHashMap<>())
                    .put(alerts.priority(), Long.toString(alerts.count()));
            }
            else if (expectation instanceof Expectation.Decisions decisions)
            {
                lines.add(expectation.name() + ": " + (decisions.items().isEmpty() ? Expectation.Decisions.NONE
                    : "[" + String.join(", ", decisions.items()) + "]"));
            }
            else
            {
                lines.add(expectation.name() + ": "
                    + VirtualDuration.format(((Expectation.DurationLimit)expectation).ns()));
            }
        }
        if (!alertBounds.isEmpty())
        {
            final Map<String, String> bounds = new LinkedHashMap<>();
            alertBounds.forEach((bound, priorities) -> bounds.put(bound, flow(priorities)));
            lines.add(alertsAt, "alerts: " + flow(bounds));
        }
        yaml.append("expect:").append(perService.isEmpty() && lines.isEmpty() ? " {}\n" : "\n");
        perService.forEach((key, services) -> yaml.append(INDENT).append(key).append(": ").append(flow(services))
            .append('\n'));
        lines.forEach(line -> yaml.append(INDENT).append(line).append('\n'));
    }

    /** A plain bundle, or {@code {bundle: "counter-1.0.0", as: "counter-a", config: {...}, memory: 2MiB}}. */
    private static String installation(final Installation installation)
    {
        if (installation.isPlain())
        {
            return quoted(installation.bundle().toString());
        }
        final Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("bundle", quoted(installation.bundle().toString()));
        if (!installation.as().isEmpty())
        {
            mapping.put("as", quoted(installation.as()));
        }
        if (!installation.configuration().isEmpty())
        {
            final Map<String, String> configuration = new LinkedHashMap<>();
            installation.configuration().forEach((key, value) -> configuration.put(key, quoted(value)));
            mapping.put("config", flow(configuration));
        }
        if (installation.memoryBytes() != 0)
        {
            mapping.put("memory", MemorySize.format(installation.memoryBytes()));
        }
        return flow(mapping);
    }

    /** {@code {a: 1, b: 2}}, the values already in their YAML form. */
    private static String flow(final Map<String, String> mapping)
    {
        final StringJoiner flow = new StringJoiner(", ", "{", "}");
        mapping.forEach((key, value) -> flow.add(key + ": " + value));
        return flow.toString();
    }

    /** A number in plain decimals, which YAML reads as an integer or a float, never as text. */
    private static String number(final double value)
    {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** A YAML double-quoted string: backslash escapes for quotes, backslashes and characters that break lines. */
    static String quoted(final String text)
    {
        final StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                quoted.append('\\').append(c);
            }
            else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\uFEFF')
            {
                quoted.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
