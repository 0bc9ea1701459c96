package org.hicsim.docs;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import org.hicsim.mm.Refusal;
import org.hicsim.mm.UpdateOutcome;
import org.hicsim.scenario.Expectation;
import org.hicsim.scenario.ScenarioFormatException;
import org.hicsim.scenario.ScenarioLibrary;
import org.hicsim.scenario.ScenarioParser;
import org.hicsim.scenario.ScenarioParserErrorsTest;
import org.hicsim.scenario.ScenarioWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/scenario.schema.json} and {@link ScenarioParser} agree: on every built-in scenario, on valid files
 * that use every key, and on malformed ones, but for the checks across keys and ranges the format document lists
 * as the parser's alone (checked here too, so that the list stays true).
 */
class ScenarioSchemaAgreementTest
{
    static final String SCHEMA = "docs/scenario.schema.json";

    /** The malformed cases of {@link ScenarioParserErrorsTest} that only the parser refuses, as the doc lists. */
    private static final Set<String> PARSER_ONLY = Set.of(
        "a step after the end of the run",
        "steps out of time order",
        "shares that do not grow",
        "memory that is not whole frames",
        "an update to another module's bundle",
        "a workload addressing a service not installed",
        "a service installed twice under one name");
    /** Cases that are no YAML tree a schema could see (broken syntax, a key twice). */
    private static final Set<String> NOT_A_TREE = Set.of("not YAML at all", "a key given twice");

    private static final String HEAD = "format_version: 1\nname: valid\nduration: 1h\n";

    private static Schema schema;

    private static Schema schema() throws IOException
    {
        if (schema == null)
        {
            final String text = Files.readString(repositoryRoot().resolve(SCHEMA));
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
        }
        return schema;
    }

    static Stream<Arguments> validScenarios()
    {
        final List<Arguments> valid = new ArrayList<>();
        for (final String name : ScenarioLibrary.builtInNames())
        {
            valid.add(Arguments.of("built-in " + name, builtIn(name)));
            valid.add(Arguments.of("canonical " + name, ScenarioWriter.write(ScenarioLibrary.builtIn(name))));
        }
        valid.add(Arguments.of("the least a scenario says", HEAD));
        valid.add(Arguments.of("every top-level key", HEAD + """
            description: two\\nlines
            seed: 9223372036854775807
            kernel: {memory: 64 MiB}
            install: [netstack-1.2.0, ../bundles/mine.hicmod]
            workload:
              services: [netstack, mine]
              connections: {idle: 0, persistent: 1000000}
              requests_per_second: 1e3
              keys: {zipf: 10}
              open_over: 0
              mean_lifetime: 99999.999999999d
              devices: 2
              class_weights: {idle: 1}
            policy:
              max_downtime: 0
              rollback_window: 24h
              health_check_interval: 0.5s
              critical_health_check_interval: 2s
              migrations_per_second_max: 100
              batch_size: 1
              memory_headroom_factor: 2
              quiescence: request_free
              quiescence_deadline: 30s
              quiescence_poll: 10ms
              baseline_tolerance_ratio: 5%
              first_request_latency_increase_max: 10ms
              connection_retries: 0
              stability_period: 1h
              stability_error_rate_max: 0.0001
              old_shutdown_grace: 5m
              new_shutdown_grace: 2m
              retention: 7d
              allow_downgrade: false
              strategy: {name: gradual, shares: [10%, 25%, 100%]}
              restart_on_crash: true
            costs: {ipc.latency: 0, store.bandwidth: 1, signature.verify: 105us}
            trust: root-ca.pem
            expect:
              outcome: {netstack: [refused, completed], eth_driver: aborted}
              final_version: {netstack: 65535.0.255}
              lost_connections: 0
              rollbacks: 2
              max_error_rate: 100%
              min_availability: 1
              max_latency_p50: 1500us
              max_latency_p99: 1.5ms
              max_downtime: 0
              alerts: {min: {P0: 1, P3: 0}, max: {P1: 2}}
              decisions: [crashes-3-in-5m, rollback_full]
            """));
        valid.add(Arguments.of("whole numbers written with a fraction or an exponent, as JSON numbers may be",
            HEAD.replace("format_version: 1", "format_version: 1.0") + """
            seed: 42.0
            workload: {connections: {idle: 1e2, low: 1.}, devices: 2.50e1, requests_per_second: 1.}
            policy: {batch_size: 5.0, connection_retries: 0.0}
            costs: {store.bandwidth: 1.0e6}
            expect: {lost_connections: 0.0, alerts: {min: {P0: 1.0}}}
            """));
        valid.add(Arguments.of("no decision expected", HEAD + """
            expect:
              decisions: none
            """));
        valid.add(Arguments.of("every action", HEAD + """
            steps:
              - {at: 0, set-policy: {service: netstack, strategy: {name: ab, share: 50%}}}
              - {at: 1s, set-policy: {restart_on_crash: false}}
              - {at: 1s, update: {service: netstack, to: netstack-1.3.0-crash-on-start,
                                  strategy: {name: canary, users: [1, 2]}, policy: {batch_size: 5}}}
              - {at: 2s, update: {service: netstack, to: new/netstack.hicmod,
                                  policy: {strategy: {name: canary, devices: [0]}}}}
              - {at: 3s, crash: netstack}
              - {at: 3s, crash: module-manager}
              - {at: 3s, crash: {service: module-manager, instance: default}}
              - {at: 3s, crash: {service: netstack, instance: old}}
              - {at: 4s, rollback: netstack}
              - {at: 4s, rollback: {service: netstack, reason: "why not"}}
              - {at: 5s, approve: netstack}
              - {at: 5s, approve: {service: netstack}}
              - {at: 5s, reject: {service: netstack}}
              - {at: 6s, configure: {service: netstack, fault.error_rate: 0.05, enabled: true, mode: fast}}
              - {at: 1h, update: {service: eth_driver, to: eth_driver-1.2.0, strategy: blue-green}}
            """));
        return valid.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validScenarios")
    void shouldBothAcceptAValidScenario(final String what, final String yaml) throws IOException
    {
        ScenarioParser.parse("s.yaml", yaml.getBytes(StandardCharsets.UTF_8), null);
        final List<Error> errors = schema().validate(json(yaml));
        assertEquals(List.of(), errors.stream().map(Error::toString).toList());
    }

    static Stream<Arguments> malformedTrees()
    {
        return ScenarioParserErrorsTest.malformedScenarios()
            .filter(arguments -> !NOT_A_TREE.contains((String)arguments.get()[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTrees")
    void shouldBothRefuseAMalformedScenarioButForTheParsersOwnChecks(final String what, final String yaml,
        final String message) throws IOException
    {
        assertThrows(ScenarioFormatException.class,
            () -> ScenarioParser.parse("s.yaml", yaml.getBytes(StandardCharsets.UTF_8), null));
        final List<Error> errors = schema().validate(json(yaml));
        if (PARSER_ONLY.contains(what))
        {
            assertEquals(List.of(), errors.stream().map(Error::toString).toList(), what + " is the parser's alone");
        }
        else
        {
            assertTrue(!errors.isEmpty(), "the schema accepts " + what + ": " + yaml);
        }
    }

    @Test
    void shouldBeAValidDraft202012Schema() throws IOException
    {
        final JsonNode schemaJson = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Files.readString(repositoryRoot().resolve(SCHEMA)));
        final Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(com.networknt.schema.SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        assertEquals(List.of(), metaSchema.validate(schemaJson).stream().map(Error::toString).toList());
    }

    /** A value the model can give is one the schema allows: a new refusal or outcome cannot leave it behind. */
    @Test
    void shouldListEveryRefusalAndOutcomeTheParserAccepts() throws IOException
    {
        final JsonNode definitions = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Files.readString(repositoryRoot().resolve(SCHEMA))).get("$defs");

        assertEquals(Stream.concat(Stream.of(Expectation.Refusal.NONE),
                Arrays.stream(Refusal.values()).map(refusal -> refusal.name().toLowerCase(Locale.ROOT))).toList(),
            texts(definitions.get("refusal").get("enum")));
        assertEquals(Arrays.stream(UpdateOutcome.values()).filter(outcome -> outcome != UpdateOutcome.IN_PROGRESS)
            .map(UpdateOutcome::key).toList(), texts(definitions.get("outcome").get("enum")));
    }

    private static List<String> texts(final JsonNode array)
    {
        final List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    /** The YAML as the JSON a schema validator sees: each scalar typed by its YAML tag, as the parser types it. */
    static JsonNode json(final String yaml)
    {
        final Node root = new Compose(LoadSettings.builder().build()).composeString(yaml).orElseThrow();
        return json(root);
    }

    private static JsonNode json(final Node node)
    {
        final JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node instanceof MappingNode)
        {
            final ObjectNode object = nodes.objectNode();
            for (final NodeTuple tuple : ((MappingNode)node).getValue())
            {
                object.set(((ScalarNode)tuple.getKeyNode()).getValue(), json(tuple.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode)
        {
            final ArrayNode array = nodes.arrayNode();
            ((SequenceNode)node).getValue().forEach(item -> array.add(json(item)));
            return array;
        }
        final String text = ((ScalarNode)node).getValue();
        final Tag tag = node.getTag();
        if (tag.equals(Tag.INT))
        {
            return nodes.numberNode(new BigInteger(text));
        }
        if (tag.equals(Tag.FLOAT))
        {
            return nodes.numberNode(new BigDecimal(text));
        }
        if (tag.equals(Tag.BOOL))
        {
            return nodes.booleanNode(Boolean.parseBoolean(text));
        }
        return tag.equals(Tag.NULL) ? nodes.nullNode() : nodes.textNode(text);
    }

    private static String builtIn(final String name)
    {
        try (InputStream in = ScenarioSchemaAgreementTest.class.getClassLoader()
            .getResourceAsStream(ScenarioLibrary.DIRECTORY + "/" + name + ScenarioLibrary.SUFFIX))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static java.nio.file.Path repositoryRoot()
    {
        return WritingAServiceDocTest.repositoryRoot();
    }
}
