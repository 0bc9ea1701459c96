package org.hicsim.scenario;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hicsim.core0.cost.Cost;
import org.hicsim.mm.UpdatePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link ScenarioWriter} writes reads back as the same scenario: written again, the same text; and the
 * values of the model are the ones read.
 */
class ScenarioRoundTripTest
{
    static Stream<String> builtInNames()
    {
        return ScenarioLibrary.builtInNames().stream();
    }

    @ParameterizedTest
    @MethodSource("builtInNames")
    void builtInScenarioRoundTrips(final String name)
    {
        assertRoundTrips(ScenarioLibrary.builtIn(name));
    }

    @Property(tries = 300)
    void generatedScenarioRoundTrips(@ForAll("scenarios") final String yaml)
    {
        assertRoundTrips(parse(yaml));
    }

    @Test
    void canonicalFormWritesEveryPolicyKeyAndCostWithItsDefault()
    {
        final String written = ScenarioWriter.write(parse("""
            format_version: 1
            name: bare
            duration: 1s
            install: [netstack-1.2.0]
            """));

        final String policyLine = written.lines().filter(line -> line.startsWith("policy: ")).findFirst().orElseThrow();
        final String costsLine = written.lines().filter(line -> line.startsWith("costs: ")).findFirst().orElseThrow();
        for (final PolicyKey key : PolicyKey.values())
        {
            assertTrue(policyLine.contains(key.key() + ": "), key.key() + " missing from " + policyLine);
        }
        assertTrue(policyLine.contains("rollback_window: 1d"), policyLine);
        assertTrue(policyLine.contains("restart_on_crash: false"), policyLine);
        for (final Cost cost : Cost.values())
        {
            assertTrue(costsLine.contains(cost.key() + ": "), cost.key() + " missing from " + costsLine);
        }
        assertTrue(costsLine.contains("ipc.latency: 1us"), costsLine);
    }

    private static void assertRoundTrips(final Scenario scenario)
    {
        final String written = ScenarioWriter.write(scenario);
        final Scenario read = parse(written);

        assertEquals(written, ScenarioWriter.write(read));
        assertEquals(scenario.name(), read.name());
        assertEquals(scenario.description(), read.description());
        assertEquals(scenario.seed(), read.seed());
        assertEquals(scenario.durationNs(), read.durationNs());
        assertEquals(scenario.kernelMemoryBytes(), read.kernelMemoryBytes());
        assertEquals(scenario.install(), read.install());
        assertEquals(scenario.workload(), read.workload());
        assertEquals(scenario.policy().applyTo(UpdatePolicy.DEFAULT), read.policy().applyTo(UpdatePolicy.DEFAULT));
        assertEquals(scenario.policy().restartOnCrash().orElse(false), read.policy().restartOnCrash().orElse(false));
        assertEquals(scenario.steps().stream().map(step -> step.atNs() + " " + step.action()).toList(),
            read.steps().stream().map(step -> step.atNs() + " " + step.action()).toList());
        for (final Cost cost : Cost.values())
        {
            assertEquals(scenario.costs().getOrDefault(cost, cost.defaultValue()),
                read.costs().getOrDefault(cost, cost.defaultValue()), cost.key());
        }
        assertEquals(scenario.trust(), read.trust());
        assertEquals(scenario.expectations().stream().map(e -> e.name() + "=" + e.expected()).toList(),
            read.expectations().stream().map(e -> e.name() + "=" + e.expected()).toList());
    }

    private static Scenario parse(final String yaml)
    {
        return ScenarioParser.parse("s.yaml", yaml.getBytes(StandardCharsets.UTF_8), null);
    }

    @Provide
    Arbitrary<String> scenarios()
    {
        final Arbitrary<String> description = Arbitraries.strings().ofMaxLength(40)
            .map(ScenarioWriter::quoted);
        final Arbitrary<String> workload = Combinators.combine(
                Arbitraries.integers().between(0, 1_000_000).list().ofSize(5),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(1_000_000_000)).ofScale(3),
                durations(), Arbitraries.integers().between(1, Integer.MAX_VALUE),
                Arbitraries.bigDecimals().between(new BigDecimal("0.001"), BigDecimal.TEN).ofScale(3))
            .as((connections, rate, lifetime, devices, zipf) -> "workload:\n"
                + "  connections: {idle: " + connections.get(0) + ", low: " + connections.get(1) + ", medium: "
                + connections.get(2) + ", high: " + connections.get(3) + ", persistent: " + connections.get(4) + "}\n"
                + "  requests_per_second: " + rate.toPlainString() + "\n  keys: {zipf: " + zipf.toPlainString()
                + "}\n  mean_lifetime: " + lifetime + "\n  devices: " + devices + "\n");
        final Arbitrary<String> steps = step().list().ofMaxSize(6).map(list ->
        {
            final StringBuilder yaml = new StringBuilder("steps:\n");
            for (int i = 0; i < list.size(); i++)
            {
                yaml.append("  - at: ").append(i).append("s\n    ").append(list.get(i)).append('\n');
            }
            return list.isEmpty() ? "steps: []\n" : yaml.toString();
        });
        final Arbitrary<String> expect = Combinators.combine(ratios(), durations(),
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.of("completed", "rolled_back", "refused",
                    "aborted").list().ofMinSize(1).ofMaxSize(3))
            .as((ratio, duration, count, outcomes) -> "expect:\n  outcome: {netstack: " + outcomes + "}\n"
                + "  max_error_rate: " + ratio + "\n  max_latency_p99: " + duration + "\n  lost_connections: "
                + count + "\n  alerts: {min: {P1: 1}, max: {P0: " + outcomes.size() + "}}\n  decisions: "
                + (outcomes.size() == 1 ? "none" : "[crashes-3-in-5m, rollback_full]") + "\n");
        return Combinators.combine(description, Arbitraries.longs().between(0, Long.MAX_VALUE), workload,
                policy(), steps, expect)
            .as((text, seed, load, policy, stepList, expectations) -> "format_version: 1\nname: generated\n"
                + "description: " + text + "\nseed: " + seed + "\nduration: 1d\n" + load + "policy: " + policy
                + "\n" + stepList + expectations);
    }

    private static Arbitrary<String> step()
    {
        return Arbitraries.oneOf(
            policy().map(policy -> "update: {service: netstack, to: netstack-1.3.0, policy: " + policy + "}"),
            Arbitraries.of("default", "old", "new").map(instance ->
                "crash: {service: netstack, instance: " + instance + "}"),
            Arbitraries.of("crash: module-manager", "approve: netstack", "reject: {service: eth_driver}",
                "rollback: {service: netstack, reason: \"it \\\"broke\\\"\\n\"}"),
            policy().map(policy -> policy.equals("{}") ? "set-policy: {restart_on_crash: true}"
                : "set-policy: " + policy),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20).filter(value -> value.indexOf('"') < 0
                && value.indexOf('\\') < 0).map(value -> "configure: {service: netstack,"
                + " fault.after_requests: \"" + value + "\"}"));
    }

    private static Arbitrary<String> policy()
    {
        final List<Arbitrary<String>> settings = new ArrayList<>();
        settings.add(durations().map(value -> "rollback_window: " + value));
        settings.add(durations().filter(value -> VirtualDuration.parseNs(value) > 0).map(value -> "quiescence_poll: " + value));
        settings.add(Arbitraries.integers().between(1, Integer.MAX_VALUE).map(value -> "batch_size: " + value));
        settings.add(ratios().map(value -> "stability_error_rate_max: " + value));
        settings.add(Arbitraries.of("work_free", "request_free", "protocol_free").map(value -> "quiescence: " + value));
        settings.add(Arbitraries.of(true, false).map(value -> "allow_downgrade: " + value));
        settings.add(Arbitraries.of("rolling", "{name: gradual, shares: [5%, 50%]}", "{name: ab, share: 1%}",
            "{name: canary, devices: [3, 1]}", "{name: canary, users: [9223372036854775807]}", "blue-green")
            .map(value -> "strategy: " + value));
        return Arbitraries.subsetOf(settings).flatMap(chosen -> Combinators.combine(new ArrayList<>(chosen))
            .as(values -> "{" + String.join(", ", values) + "}"));
    }

    private static Arbitrary<String> durations()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(0, 999_999_999_999_999_999L).map(ns -> ns + "ns"),
            Combinators.combine(Arbitraries.longs().between(0, 99_999), Arbitraries.integers().between(0, 999_999_999))
                .as((whole, nanos) -> whole + "." + String.format("%09d", nanos) + "d"),
            Arbitraries.of("0", "1.5h", "250us", "10s", "0.001ms"));
    }

    private static Arbitrary<String> ratios()
    {
        return Arbitraries.oneOf(
            Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100)).ofScale(4).map(percent -> percent.toPlainString() + "%"),
            Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(6).map(fraction -> fraction.toPlainString()));
    }
}
