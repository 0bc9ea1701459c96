package org.hicsim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.dispatch.RoutingDimension;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.workload.KeyDistribution;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.mm.Strategy;
import org.hicsim.mm.UpdateOutcome;
import org.hicsim.mm.UpdatePolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioParserTest
{
    /** Every key of the format, each action and each kind of expectation. */
    private static final String EVERY_KEY = """
        format_version: 1
        name: every-key
        description: |
          Every key.
          And a second line.
        seed: 7
        duration: 90m
        kernel: {memory: 256MiB}
        install: [eth_driver-1.1.0, bundles/counter-1.0.0.hicmod]
        workload:
          connections: {idle: 1, low: 2, medium: 3, high: 4, persistent: 5}
          requests_per_second: 12.5
          keys: {zipf: 1.2}
          open_over: 10s
          mean_lifetime: 30m
          devices: 3
          class_weights: {high: 20}
        policy: {restart_on_crash: true, stability_period: 10m}
        steps:
          - at: 0
            set-policy: {service: netstack, batch_size: 10, quiescence: protocol_free}
          - at: 1s
            set-policy: {migrations_per_second_max: 50}
          - at: 10s
            update:
              service: netstack
              to: netstack-1.3.0-crash-on-start
              strategy: {name: canary, devices: [2, 5]}
              policy: {stability_error_rate_max: 0.5%, allow_downgrade: true}
              config: {fault.after_ns: 2m, fault.rate: 6.2%, fault.after_requests: 10}
          - at: 1.5m
            crash: netstack
          - at: 2m
            crash: {service: netstack, instance: new}
          - at: 2m
            crash: module-manager
          - at: 3m
            rollback: {service: netstack, reason: operator says so}
          - at: 4m
            approve: netstack
          - at: 5m
            reject: {service: netstack}
          - at: 6m
            configure: {service: netstack, fault.error_rate: 0.05, fault.after_ns: 1000}
        costs: {ipc.latency: 2us, store.bandwidth: 100000000}
        trust: pki/root-ca.pem
        expect:
          outcome: {netstack: [refused, completed], eth_driver: completed}
          final_version: {netstack: 1.3.0}
          lost_connections: 3
          rollbacks: 1
          max_error_rate: 0.1%
          min_availability: 0.999
          max_latency_p50: 2ms
          max_latency_p99: 20ms
          max_downtime: 0
        """;

    @Test
    void shouldReadTheReadmeScenario() throws IOException
    {
        final Scenario scenario = builtIn("netstack-rolling-update");

        assertEquals("netstack-rolling-update", scenario.name());
        assertEquals("netstack 1.2.0 to 1.3.0 live, with 1,000 connections and no downtime.", scenario.summary());
        assertEquals(42, scenario.seed());
        assertEquals(3 * Simulation.HOURS, scenario.durationNs());
        assertEquals(1L << 30, scenario.kernelMemoryBytes());
        assertEquals(List.of("eth_driver-1.1.0", "ipc_lib-2.0.0", "netstack-1.2.0", "web_server-1.0.0"),
            scenario.install().stream().map(installation -> installation.bundle().stem()).toList());
        assertEquals(WorkloadSpec.of(150, 150, 300, 300, 100, 200), scenario.workload());
        final Step update = scenario.steps().get(0);
        assertEquals(10 * Simulation.SECONDS, update.atNs());
        assertEquals(new Action.Update("netstack", new BundleRef("netstack-1.3.0", null),
            new PolicyChange(Map.of(PolicyKey.STRATEGY, Strategy.rolling()))), update.action());
        assertEquals(UpdatePolicy.DEFAULT, scenario.updatePolicy(update));
        assertEquals(List.of("outcome.netstack=completed", "final_version.netstack=1.3.0",
                "final_version.eth_driver=1.2.0", "lost_connections=0", "max_error_rate=<= 0.1%", "rollbacks=0"),
            scenario.expectations().stream().map(e -> e.name() + "=" + e.expected()).toList());
    }

    @Test
    void shouldReadEveryKeyIntoTheModel()
    {
        final Scenario scenario = parse(EVERY_KEY, Path.of("scenarios"));

        assertEquals("Every key.", scenario.summary());
        assertEquals(7, scenario.seed());
        assertEquals(90 * Simulation.MINUTES, scenario.durationNs());
        assertEquals(256L << 20, scenario.kernelMemoryBytes());
        assertEquals(List.of(Installation.of(new BundleRef("eth_driver-1.1.0", null)),
            Installation.of(new BundleRef(null, Path.of("scenarios/bundles/counter-1.0.0.hicmod")))),
            scenario.install());
        assertEquals(new WorkloadSpec(new int[] {1, 2, 3, 4, 5}, 12.5, KeyDistribution.zipf(1.2),
            10 * Simulation.SECONDS, 30 * Simulation.MINUTES, new int[] {0, 1, 4, 20, 2}, 3), scenario.workload());
        assertEquals(List.of(new Action.SetPolicy("netstack", new PolicyChange(Map.of(PolicyKey.BATCH_SIZE, 10,
                PolicyKey.QUIESCENCE, Quiescence.PROTOCOL_FREE))),
            new Action.SetPolicy(null, new PolicyChange(Map.of(PolicyKey.MIGRATIONS_PER_SECOND_MAX, 50))),
            new Action.Update("netstack", new BundleRef("netstack-1.3.0-crash-on-start", null),
                new PolicyChange(Map.of(PolicyKey.STRATEGY, Strategy.canary(RoutingDimension.DEVICE, 2, 5),
                    PolicyKey.STABILITY_ERROR_RATE_MAX, 0.005, PolicyKey.ALLOW_DOWNGRADE, true)),
                Action.Tamper.NONE, new TreeMap<>(Map.of("fault.after_ns", "120000000000", "fault.rate", "0.062",
                "fault.after_requests", "10"))),
            new Action.Crash("netstack", Action.Crash.Instance.DEFAULT),
            new Action.Crash("netstack", Action.Crash.Instance.NEW),
            new Action.Crash(Action.Crash.MODULE_MANAGER, Action.Crash.Instance.DEFAULT),
            new Action.Rollback("netstack", "operator says so"),
            new Action.Decision("netstack", true),
            new Action.Decision("netstack", false),
            new Action.Configure("netstack", new java.util.TreeMap<>(Map.of("fault.error_rate", "0.05",
                "fault.after_ns", "1000")))), scenario.steps().stream().map(Step::action).toList());
        assertEquals(new SourceLocation("s.yaml", 24, 5), scenario.steps().get(2).location());
        assertEquals(Map.of(Cost.IPC_LATENCY, 2 * Simulation.MICROS, Cost.STORE_BANDWIDTH, 100_000_000L),
            scenario.costs());
        assertEquals(2 * Simulation.MICROS, scenario.costTable().ipcLatencyNs());
        assertEquals(Optional.of(Path.of("scenarios/pki/root-ca.pem")), scenario.trust());
        assertEquals(List.of(
                new Expectation.Outcome("netstack", List.of(UpdateOutcome.REFUSED, UpdateOutcome.COMPLETED),
                    new SourceLocation("s.yaml", 48, 13)),
                new Expectation.Outcome("eth_driver", List.of(UpdateOutcome.COMPLETED),
                    new SourceLocation("s.yaml", 48, 45)),
                new Expectation.FinalVersion("netstack", "1.3.0", new SourceLocation("s.yaml", 49, 19)),
                new Expectation.Count(Expectation.CountKey.LOST_CONNECTIONS, 3, new SourceLocation("s.yaml", 50, 3)),
                new Expectation.Count(Expectation.CountKey.ROLLBACKS, 1, new SourceLocation("s.yaml", 51, 3)),
                new Expectation.RatioLimit(Expectation.RatioKey.MAX_ERROR_RATE, 0.001,
                    new SourceLocation("s.yaml", 52, 3)),
                new Expectation.RatioLimit(Expectation.RatioKey.MIN_AVAILABILITY, 0.999,
                    new SourceLocation("s.yaml", 53, 3)),
                new Expectation.DurationLimit(Expectation.DurationKey.MAX_LATENCY_P50, 2 * Simulation.MILLIS,
                    new SourceLocation("s.yaml", 54, 3)),
                new Expectation.DurationLimit(Expectation.DurationKey.MAX_LATENCY_P99, 20 * Simulation.MILLIS,
                    new SourceLocation("s.yaml", 55, 3)),
                new Expectation.DurationLimit(Expectation.DurationKey.MAX_DOWNTIME, 0,
                    new SourceLocation("s.yaml", 56, 3))),
            scenario.expectations());
        assertEquals("[refused, completed]", scenario.expectations().get(0).expected());
        assertEquals(">= 99.9%", scenario.expectations().get(6).expected());
    }

    @Test
    void shouldLayerThePolicyDefaultsScenarioSetPolicyStepsAndTheUpdatesOwn()
    {
        final Scenario scenario = parse(EVERY_KEY, null);
        final UpdatePolicy policy = scenario.updatePolicy(scenario.steps().get(2));

        final UpdatePolicy expected = UpdatePolicy.DEFAULT.toBuilder()
            .stabilityPeriodNs(10 * Simulation.MINUTES)
            .batchSize(10)
            .quiescence(Quiescence.PROTOCOL_FREE)
            .migrationsPerSecondMax(50)
            .strategy(Strategy.canary(RoutingDimension.DEVICE, 2, 5))
            .stabilityErrorRateMax(0.005)
            .allowDowngrade(true)
            .build();
        assertEquals(expected, policy);
    }

    @Test
    void shouldApplyASetPolicyStepOnlyToItsServiceAndFromItsTimeOn()
    {
        final Scenario scenario = parse(EVERY_KEY, null);

        assertEquals(Optional.of(true), scenario.policyInForce("netstack", 0).restartOnCrash());
        assertFalse(scenario.policyInForce("eth_driver", 0).settings().containsKey(PolicyKey.BATCH_SIZE));
        assertTrue(scenario.policyInForce("netstack", 0).settings().containsKey(PolicyKey.BATCH_SIZE));
        assertFalse(scenario.policyInForce("netstack", 0).settings()
            .containsKey(PolicyKey.MIGRATIONS_PER_SECOND_MAX));
        assertEquals(50, scenario.policyInForce("eth_driver", Simulation.SECONDS).settings()
            .get(PolicyKey.MIGRATIONS_PER_SECOND_MAX));
    }

    @Test
    void shouldDefaultEveryOptionalKey()
    {
        final Scenario scenario = parse("format_version: 1\nname: minimal\nduration: 1s\n", null);

        assertEquals("", scenario.summary());
        assertEquals(ScenarioParser.DEFAULT_SEED, scenario.seed());
        assertEquals(1L << 30, scenario.kernelMemoryBytes());
        assertEquals(List.of(), scenario.install());
        assertEquals(0, scenario.workload().totalConnections());
        assertEquals(PolicyChange.NONE, scenario.policy());
        assertEquals(List.of(), scenario.steps());
        assertEquals(Map.of(), scenario.costs());
        assertEquals(Optional.empty(), scenario.trust());
        assertEquals(List.of(), scenario.expectations());
    }

    @Test
    void shouldReadStrategiesWithTheirParameters()
    {
        assertEquals(Strategy.gradual(20, 60), strategy("{name: gradual, shares: [20%, 60%]}"));
        assertEquals(Strategy.gradual(), strategy("gradual"));
        assertEquals(Strategy.ab(30), strategy("{name: ab, share: 30%}"));
        assertEquals(Strategy.canary(RoutingDimension.USER, 7, 42), strategy("{name: canary, users: [7, 42]}"));
        assertEquals(Strategy.blueGreen(), strategy("blue-green"));
        assertEquals(Strategy.immediate(), strategy("{name: immediate}"));
    }

    @Test
    void shouldReadAScenarioFileRelativeToItsDirectory(@TempDir final Path directory) throws IOException
    {
        final Path file = directory.resolve("mine.yaml");
        Files.writeString(file, "format_version: 1\nname: mine\nduration: 1s\ninstall: [a/b.hicmod]\n");

        assertEquals(directory.resolve("a/b.hicmod"), ScenarioParser.read(file).install().get(0).bundle().file());
    }

    @Test
    void shouldLocateTheFirstByteThatIsNotUtf8()
    {
        final byte[] latin1 = "format_version: 1\nname: caf\u00e9\nduration: 1h\n"
            .getBytes(StandardCharsets.ISO_8859_1);

        final ScenarioFormatException refusal = org.junit.jupiter.api.Assertions.assertThrows(
            ScenarioFormatException.class, () -> ScenarioParser.parse("s.yaml", latin1, null));

        assertEquals("s.yaml:2:10: not valid UTF-8 (byte 0xe9)", refusal.getMessage());
    }

    @Test
    void shouldAcceptAnAnchorThatNoAliasUses()
    {
        assertEquals(64L << 20, parse("format_version: 1\nname: a\nduration: 1h\nkernel: &k {memory: 64MiB}\n", null)
            .kernelMemoryBytes());
    }

    @Test
    void shouldNameAMissingFile(@TempDir final Path directory)
    {
        final Path missing = directory.resolve("missing.yaml");
        final ScenarioFormatException refusal = org.junit.jupiter.api.Assertions.assertThrows(
            ScenarioFormatException.class, () -> ScenarioParser.read(missing));
        assertEquals(missing.toString(), refusal.location());
    }

    private static Strategy strategy(final String yaml)
    {
        final Scenario scenario = parse("format_version: 1\nname: s\nduration: 1s\npolicy:\n  strategy: " + yaml
            + "\n", null);
        return (Strategy)scenario.policy().settings().get(PolicyKey.STRATEGY);
    }

    private static Scenario parse(final String yaml, final Path directory)
    {
        return ScenarioParser.parse("s.yaml", yaml.getBytes(StandardCharsets.UTF_8), directory);
    }

    private static Scenario builtIn(final String name) throws IOException
    {
        try (InputStream in = ScenarioParserTest.class.getResourceAsStream("/scenarios/" + name + ".yaml"))
        {
            return ScenarioParser.parse(name + ".yaml", in.readAllBytes(), null);
        }
    }
}
