package org.hicsim.scenario;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Malformed scenarios: each refused with the exact {@code file:line:column}, the key path and the reason.
 */
public class ScenarioParserErrorsTest
{
    /** Lines 1-3 of every case: a valid scenario that the cases add to or change. */
    private static final String HEAD = "format_version: 1\nname: demo\nduration: 1h\n";

    public static Stream<Arguments> malformedScenarios()
    {
        return Stream.of(
            Arguments.of("a misspelt key, with the near miss",
                "format_version: 1\nname: demo\nduraton: 1h\n",
                "s.yaml:3:1: duraton: unknown key, did you mean 'duration'?"),
            Arguments.of("an unknown key, with the keys there are",
                HEAD + "colour: blue\n",
                "s.yaml:4:1: colour: unknown key (expected one of: format_version, name, description, seed, duration,"
                    + " kernel, install, workload, policy, steps, costs, trust, expect, monitor)"),
            Arguments.of("a missing required key, at the mapping",
                "format_version: 1\nduration: 1h\n",
                "s.yaml:1:1: name: missing required key"),
            Arguments.of("a name outside [a-z0-9-]",
                "format_version: 1\nname: Demo_1\nduration: 1h\n",
                "s.yaml:2:7: name: 'Demo_1' is not a scenario name (lowercase letters, digits and '-', at most 64"
                    + " characters)"),
            Arguments.of("a format version this parser does not read",
                "format_version: 2\nname: demo\nduration: 1h\n",
                "s.yaml:1:17: format_version: 2 is not a version this HIC-Sim reads (it reads 1)"),
            Arguments.of("a duration without a unit it knows",
                "format_version: 1\nname: demo\nduration: 2 hours\n",
                "s.yaml:3:11: duration: '2 hours' is not a duration (a number and a unit: ns, us, ms, s, m, h or d,"
                    + " e.g. 10s, 1.5h, 250us; or 0)"),
            Arguments.of("a quoted number where a number belongs",
                HEAD + "seed: \"42\"\n",
                "s.yaml:4:7: seed: expected a whole number, found text '42'"),
            Arguments.of("a workload addressing a service twice",
                HEAD + "install: [counter-1.0.0]\nworkload:\n  services: [counter, counter]\n",
                "s.yaml:6:23: workload.services[1]: names 'counter' a second time"),
            Arguments.of("a service installed twice under one name",
                HEAD + "install: [{bundle: counter-1.0.0, as: c}, {bundle: counter-2.0.0, as: c}]\n",
                "s.yaml:4:43: install[1]: the service 'c' is installed twice"),
            Arguments.of("a workload addressing a service not installed",
                HEAD + "install: [counter-1.0.0, {bundle: counter-1.0.0, as: counter-b}]\nworkload:\n"
                    + "  services: [counter-b, counter-c]\n",
                "s.yaml:6:25: workload.services[1]: 'counter-c' is not a service the scenario installs (counter,"
                    + " counter-b)"),
            Arguments.of("a workload addressing no service",
                HEAD + "workload:\n  services: []\n",
                "s.yaml:5:13: workload.services: is empty (leave the key out for the default)"),
            Arguments.of("two actions in one step",
                HEAD + "steps:\n  - at: 10s\n    crash: netstack\n    rollback: netstack\n",
                "s.yaml:7:5: steps[0].rollback: a second action in one step (the first is crash); give each its own"
                    + " step"),
            Arguments.of("a step without an action",
                HEAD + "steps:\n  - at: 10s\n",
                "s.yaml:5:5: steps[0]: no action (expected one of: update, crash, rollback, approve, reject,"
                    + " set-policy, configure)"),
            Arguments.of("an alias",
                HEAD + "kernel: &k {memory: 1GiB}\nworkload: *k\n",
                "s.yaml:5:11: aliases (*name) are not allowed"),
            Arguments.of("a merge key, which needs an alias",
                HEAD + "policy: &p {batch_size: 5}\nsteps:\n  - {at: 1s, set-policy: {<<: *p, service: netstack}}\n",
                "s.yaml:6:31: aliases (*name) are not allowed"),
            Arguments.of("a merge key without an alias, a key like any other",
                HEAD + "policy:\n  <<: {batch_size: 5}\n",
                "s.yaml:5:3: policy.<<: unknown key (expected one of: " + String.join(", ", PolicyParser.keys()) + ")"),
            Arguments.of("a monitor health check of 0",
                HEAD + "monitor: {health_check: 0}\n",
                "s.yaml:4:25: monitor.health_check: must be longer than 0"),
            Arguments.of("a monitor canary interval of 0s",
                HEAD + "monitor: {canary: 0s}\n",
                "s.yaml:4:19: monitor.canary: must be longer than 0"),
            Arguments.of("a step after the end of the run",
                HEAD + "steps:\n  - at: 2h\n    crash: netstack\n",
                "s.yaml:5:9: steps[0].at: 2h is after the end of the run (duration 1h)"),
            Arguments.of("steps out of time order",
                HEAD + "steps:\n  - at: 20s\n    crash: netstack\n  - at: 10s\n    crash: netstack\n",
                "s.yaml:7:9: steps[1].at: 10s is before the step above it (20s); write steps in time order"),
            Arguments.of("a misspelt strategy",
                HEAD + "steps:\n  - at: 10s\n    update: {service: netstack, to: netstack-1.3.0, strategy: rollin}\n",
                "s.yaml:6:63: steps[0].update.strategy: 'rollin' is not one of rolling, immediate, gradual,"
                    + " blue-green, canary, ab; did you mean 'rolling'?"),
            Arguments.of("a misspelt policy key",
                HEAD + "policy:\n  batch_sise: 10\n",
                "s.yaml:5:3: policy.batch_sise: unknown key, did you mean 'batch_size'?"),
            Arguments.of("a canary that chooses no one",
                HEAD + "policy:\n  strategy: {name: canary}\n",
                "s.yaml:5:13: policy.strategy: a canary needs users or devices (e.g. users: [7, 42])"),
            Arguments.of("a parameter of another strategy",
                HEAD + "policy:\n  strategy: {name: rolling, share: 50%}\n",
                "s.yaml:5:29: policy.strategy.share: not a parameter of rolling, which has none"),
            Arguments.of("shares that do not grow",
                HEAD + "policy:\n  strategy: {name: gradual, shares: [10%, 50%, 50%]}\n",
                "s.yaml:5:48: policy.strategy.shares[2]: 50% does not grow on 50% (shares are cumulative)"),
            Arguments.of("a misspelt outcome",
                HEAD + "expect:\n  outcome: {netstack: complete}\n",
                "s.yaml:5:23: expect.outcome.netstack: 'complete' is not one of completed, rolled_back, refused,"
                    + " aborted; did you mean 'completed'?"),
            Arguments.of("an error rate above 1 without %",
                HEAD + "expect:\n  max_error_rate: 5\n",
                "s.yaml:5:19: expect.max_error_rate: 5 is out of range (0 to 1)"),
            Arguments.of("a version that is not semantic",
                HEAD + "expect:\n  final_version: {netstack: 1.3}\n",
                "s.yaml:5:29: expect.final_version.netstack: expected text, found the number '1.3'"),
            Arguments.of("an alert priority that does not exist",
                HEAD + "expect:\n  alerts: {min: {P4: 1}}\n",
                "s.yaml:5:18: expect.alerts.min.P4: unknown key, did you mean 'P0'?"),
            Arguments.of("a decision list left empty",
                HEAD + "expect:\n  decisions: []\n",
                "s.yaml:5:14: expect.decisions: is empty (write none for no decision)"),
            Arguments.of("a decision named in capitals",
                HEAD + "expect:\n  decisions: [ROLLBACK_FULL]\n",
                "s.yaml:5:15: expect.decisions[0]: is not a rule name or an action (lower case, such as crashes-3-in-5m"
                    + " or rollback_full): ROLLBACK_FULL"),
            Arguments.of("a misspelt cost",
                HEAD + "costs:\n  ipc.latancy: 2us\n",
                "s.yaml:5:3: costs.ipc.latancy: unknown key, did you mean 'ipc.latency'?"),
            Arguments.of("the Module Manager's old instance",
                HEAD + "steps:\n  - at: 1s\n    crash: {service: module-manager, instance: old}\n",
                "s.yaml:6:48: steps[0].crash.instance: the Module Manager has one instance; leave instance out"),
            Arguments.of("not YAML at all",
                HEAD + "install: [netstack-1.2.0\n",
                "s.yaml:5:1: not valid YAML: expected ',' or ']', but got <stream end>"),
            Arguments.of("a key given twice",
                HEAD + "seed: 1\nseed: 2\n",
                "s.yaml:5:1: seed: duplicate key"),
            Arguments.of("memory that is not whole frames",
                HEAD + "kernel: {memory: 5KiB}\n",
                "s.yaml:4:18: kernel.memory: '5KiB' is not a whole number of 4 KiB frames"),
            Arguments.of("a configuration key in capitals",
                HEAD + "steps:\n  - at: 1s\n    configure: {service: netstack, Fault.Rate: 0.05}\n",
                "s.yaml:6:36: steps[0].configure.Fault.Rate: not a configuration key (lowercase words of letters,"
                    + " digits and _ joined by dots, e.g. fault.error_rate; at most 64 characters)"),
            Arguments.of("a bundle that is neither stem nor file",
                HEAD + "install:\n  - netstack1.3.0\n",
                "s.yaml:5:5: install[0]: 'netstack1.3.0' is neither a catalogue stem (name-version, e.g."
                    + " netstack-1.3.0 or netstack-1.3.0-crash-on-start) nor a path to a .hicmod file"),
            Arguments.of("an update to another module's bundle",
                HEAD + "steps:\n  - at: 1s\n    update: {service: netstack, to: eth_driver-1.2.0}\n",
                "s.yaml:6:37: steps[0].update.to: 'eth_driver-1.2.0' is a bundle of another module than netstack"),
            Arguments.of("a strategy given twice",
                HEAD + "steps:\n  - at: 1s\n    update:\n      service: netstack\n      to: netstack-1.3.0\n"
                    + "      strategy: rolling\n      policy: {strategy: canary}\n",
                "s.yaml:10:26: steps[0].update.policy.strategy: given twice (steps[0].update.strategy too); keep"
                    + " one"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedScenarios")
    void shouldRefuseWithLineColumnAndKey(final String what, final String yaml, final String message)
    {
        final ScenarioFormatException refusal = assertThrows(ScenarioFormatException.class,
            () -> ScenarioParser.parse("s.yaml", yaml.getBytes(StandardCharsets.UTF_8), null));
        assertEquals(message, refusal.getMessage());
    }
}
