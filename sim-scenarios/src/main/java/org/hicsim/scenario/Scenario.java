package org.hicsim.scenario;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.mm.UpdatePolicy;

/**
 * A scenario as its file says it, checked and typed by {@link ScenarioParser}: what to install, the workload, the
 * timed steps and the expectations. Plain data: nothing here runs anything. {@code docs/scenario-format.md}
 * describes every key.
 *
 * @param source            the file (or built-in resource) as named in messages.
 * @param formatVersion     {@value ScenarioParser#FORMAT_VERSION}.
 * @param name              {@code [a-z0-9-]+}.
 * @param description       as written; its first line is the scenario's {@link #summary()}.
 * @param seed              the default seed of a run ({@code --seed} overrides it).
 * @param durationNs        virtual time to run.
 * @param kernelMemoryBytes Core-0's physical memory.
 * @param install           the bundles installed before the run starts (and how), in the order written.
 * @param workload          the client workload, from the start of the run.
 * @param policy            the scenario's own policy settings, over {@link UpdatePolicy#DEFAULT}.
 * @param steps             by time, in the order written.
 * @param costs             entries of the cost table that the scenario overrides.
 * @param trust             the trust root bundles must chain to; empty for the catalogue's own.
 * @param expectations      in the order written.
 * @param monitor           the Monitor's settings, when the scenario runs it.
 * @param workloadServices  the services the workload addresses ({@code workload.services}), each sent the
 *                          workload of its own; empty: the one service the runner picks (docs/scenario-format.md).
 */
public record Scenario(
    String source,
    int formatVersion,
    String name,
    String description,
    long seed,
    long durationNs,
    long kernelMemoryBytes,
    List<Installation> install,
    WorkloadSpec workload,
    PolicyChange policy,
    List<Step> steps,
    Map<Cost, Long> costs,
    Optional<Path> trust,
    List<Expectation> expectations,
    Optional<MonitorSettings> monitor,
    List<String> workloadServices)
{
    public Scenario
    {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(monitor, "monitor");
        install = List.copyOf(install);
        steps = List.copyOf(steps);
        final EnumMap<Cost, Long> costCopy = new EnumMap<>(Cost.class);
        costCopy.putAll(costs);
        costs = Collections.unmodifiableMap(costCopy);
        expectations = List.copyOf(expectations);
        workloadServices = List.copyOf(workloadServices);
    }

    /** The first line of the description, as {@code hic scenarios} lists it. */
    public String summary()
    {
        final int end = description.indexOf('\n');
        return (end < 0 ? description : description.substring(0, end)).strip();
    }

    /** The model's cost table with this scenario's overrides. */
    public CostTable costTable()
    {
        final Map<String, Long> byKey = new TreeMap<>();
        costs.forEach((cost, value) -> byKey.put(cost.key(), value));
        return CostTable.defaults().withOverrides(byKey);
    }

    /**
     * The policy settings in force for {@code service} at {@code atNs}: the scenario's {@code policy:}, then every
     * {@code set-policy} step for all services or this one up to and including that time, in order.
     */
    public PolicyChange policyInForce(final String service, final long atNs)
    {
        PolicyChange inForce = policy;
        for (final Step step : steps)
        {
            if (step.atNs() > atNs)
            {
                break;
            }
            inForce = inForce.then(setPolicyFor(step, service));
        }
        return inForce;
    }

    /**
     * The whole policy the update step {@code updateStep} runs under: {@link UpdatePolicy#DEFAULT}, the
     * scenario's {@code policy:}, the {@code set-policy} steps for all services or this one written before it,
     * then the update's own settings.
     *
     * @throws IllegalArgumentException if {@code updateStep} is not an update step of this scenario.
     */
    public UpdatePolicy updatePolicy(final Step updateStep)
    {
        if (!(updateStep.action() instanceof Action.Update))
        {
            throw new IllegalArgumentException("step=" + updateStep + " is not an update");
        }
        final Action.Update update = (Action.Update)updateStep.action();
        PolicyChange inForce = policy;
        for (final Step step : steps)
        {
            if (step == updateStep)
            {
                return inForce.then(update.policy()).applyTo(UpdatePolicy.DEFAULT);
            }
            inForce = inForce.then(setPolicyFor(step, update.service()));
        }
        throw new IllegalArgumentException("step=" + updateStep + " is not a step of scenario " + name);
    }

    private static PolicyChange setPolicyFor(final Step step, final String service)
    {
        if (step.action() instanceof Action.SetPolicy)
        {
            final Action.SetPolicy setPolicy = (Action.SetPolicy)step.action();
            if (setPolicy.service() == null || setPolicy.service().equals(service))
            {
                return setPolicy.policy();
            }
        }
        return PolicyChange.NONE;
    }
}
