package org.hicsim.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hicsim.report.RunRecord.Alert;
import org.hicsim.report.RunRecord.Connections;
import org.hicsim.report.RunRecord.Expectation;
import org.hicsim.report.RunRecord.LatencyNs;
import org.hicsim.report.RunRecord.Percentiles;
import org.hicsim.report.RunRecord.Phase;
import org.hicsim.report.RunRecord.Provenance;
import org.hicsim.report.RunRecord.Rollback;
import org.hicsim.report.RunRecord.Update;
import org.hicsim.report.RunRecord.Wave;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * result.json is a contract: exactly the keys the issue names, in its shapes, described by the schema in docs,
 * the same bytes for the same record, and read back to the record it was written from.
 */
class ResultJsonTest
{
    private static final Schema RESULT_SCHEMA = ResultSchema.get();

    private static JsonNode tree(final RunRecord record) throws IOException
    {
        return ReportJson.mapper().readTree(ResultJson.text(record));
    }

    private static List<String> keys(final JsonNode object)
    {
        final List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void shouldWriteTheIssuesKeysInItsOrder() throws IOException
    {
        final JsonNode result = tree(RunFixture.record());
        assertEquals(List.of("scenario", "seed", "passed", "trace_sha256", "expectations", "final_versions",
            "provenance", "updates", "rollbacks", "alerts", "decisions"), keys(result));
        assertEquals(List.of("name", "expected", "actual", "passed"), keys(result.path("expectations").get(0)));
        assertEquals(List.of("simulator_version", "commit", "bundle_digests", "jvm"), keys(result.path("provenance")));
        final JsonNode update = result.path("updates").get(1);
        assertEquals(List.of("service", "from", "to", "outcome", "phases", "waves", "connections", "downtime_ns",
            "switchover_ns", "requests", "error_rate", "latency_ns", "refusal"), keys(update));
        assertEquals(List.of("name", "start_ns", "end_ns"), keys(update.path("phases").get(0)));
        assertEquals(List.of("wave", "cumulative_migrated", "cumulative_fraction", "end_ns", "traffic_new_fraction"),
            keys(update.path("waves").get(0)));
        assertEquals(List.of("total", "migrated", "failed", "rebuilt", "lost"), keys(update.path("connections")));
        assertEquals(List.of("before", "during", "after"), keys(update.path("latency_ns")));
        assertEquals(List.of("p50", "p99"), keys(update.path("latency_ns").path("during")));
        assertEquals(List.of("service", "kind", "reason", "at_ns", "abandoned"), keys(result.path("rollbacks").get(0)));
        assertEquals(List.of("priority", "at_ns", "text"), keys(result.path("alerts").get(0)));
        final JsonNode decision = result.path("decisions").get(1);
        assertEquals(List.of("service", "id", "at_ns", "trigger", "rule", "rule_action", "action", "status",
            "priority", "failure_level", "deadline_ns", "explanations"), keys(decision));
        assertEquals(List.of("kind", "rule", "verdict", "value", "operator", "threshold", "window_left_ns",
            "window_right_ns", "n", "weight", "contribution", "hit", "critical", "dry_run", "nodata", "action",
            "held_since_ns"),
            keys(decision.path("explanations").get(0)));
    }

    @Test
    void shouldWriteExplanationNumbersWithTheTracesSixDecimalsAndNoneAsNull()
    {
        final String text = ResultJson.text(RunFixture.record());
        assertTrue(text.contains("\"value\": 3.000000,"), text);
        assertTrue(text.contains("\"threshold\": 0.050000,"), text);
        assertTrue(text.contains("\"window_left_ns\": -214000000000,"), text);
        assertTrue(text.contains("\"weight\": null,"), text);
    }

    @Test
    void shouldSortMapsByKey() throws IOException
    {
        final JsonNode result = tree(RunFixture.record());
        assertEquals(List.of("eth_driver", "ipc_lib", "netstack", "web_server"), keys(result.path("final_versions")));
        final List<String> bundles = keys(result.path("provenance").path("bundle_digests"));
        assertEquals(bundles.stream().sorted().toList(), bundles);
    }

    @Test
    void shouldWriteDecimalsWithoutExponentAndAMissingRefusalAsNull()
    {
        final String text = ResultJson.text(RunFixture.record());
        assertTrue(text.contains("\"error_rate\": 0.00042,"), text);
        assertTrue(text.contains("\"refusal\": null"), text);
        assertTrue(text.endsWith("}\n"), "one final newline");
    }

    @Test
    void shouldConformToTheSchemaInDocs() throws IOException
    {
        for (final RunRecord record : List.of(RunFixture.record(), RunFixture.failingRecord()))
        {
            assertEquals(List.of(), RESULT_SCHEMA.validate(tree(record)));
        }
    }

    @Test
    void schemaShouldRefuseARollbackKindItDoesNotList() throws IOException
    {
        final com.fasterxml.jackson.databind.node.ObjectNode result = (com.fasterxml.jackson.databind.node.ObjectNode)
            tree(RunFixture.record());
        ((com.fasterxml.jackson.databind.node.ObjectNode)result.path("rollbacks").get(0)).put("kind", "rollback_full");
        assertEquals(1, RESULT_SCHEMA.validate(result).size());
    }

    @Test
    void schemaShouldRefuseAnUnknownKeyAndAMissingOne() throws IOException
    {
        final com.fasterxml.jackson.databind.node.ObjectNode extra = (com.fasterxml.jackson.databind.node.ObjectNode)
            tree(RunFixture.record());
        extra.put("surprise", 1);
        assertEquals(1, RESULT_SCHEMA.validate(extra).size());
        final com.fasterxml.jackson.databind.node.ObjectNode missing = (com.fasterxml.jackson.databind.node.ObjectNode)
            tree(RunFixture.record());
        ((com.fasterxml.jackson.databind.node.ObjectNode)missing.path("updates").get(0)).remove("waves");
        assertEquals(1, RESULT_SCHEMA.validate(missing).size());
    }

    @Property(tries = 200)
    void shouldReadBackTheRecordItWasWrittenFrom(@ForAll("records") final RunRecord record) throws IOException
    {
        final String text = ResultJson.text(record);
        assertEquals(record, ReportJson.mapper().readValue(text, RunRecord.class));
        assertEquals(text, ResultJson.text(record), "the same record gives the same text");
        assertEquals(List.of(), RESULT_SCHEMA.validate(ReportJson.mapper().readTree(text)));
    }

    @Test
    void shouldRefuseAFractionThatIsNotOne()
    {
        assertThrows(IllegalArgumentException.class, () -> new Wave("w", 1, Double.NaN, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Wave("w", 1, 0.5, 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Phase("p", 10, 9));
        assertThrows(IllegalArgumentException.class, () -> new RunRecord("s", 1, true, "ABC", List.of(), Map.of(),
            RunFixture.record().provenance(), List.of(), List.of(), List.of(), List.of()));
    }

    @Provide
    Arbitrary<RunRecord> records()
    {
        final Arbitrary<String> names = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
            .ofMinLength(1).ofMaxLength(20);
        final Arbitrary<String> texts = Arbitraries.strings().ofMaxLength(40);
        final Arbitrary<Long> times = Arbitraries.longs().between(0, Long.MAX_VALUE / 4);
        final Arbitrary<Double> fractions = Arbitraries.doubles().between(0, 1);
        final Arbitrary<String> versions = Arbitraries.integers().between(0, 30).list().ofSize(3)
            .map(parts -> parts.get(0) + "." + parts.get(1) + "." + parts.get(2));
        final Arbitrary<String> sha = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        final Arbitrary<String> sha384 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(96);
        final Arbitrary<Expectation> expectation = Combinators.combine(names, texts, texts, Arbitraries.of(true, false))
            .as(Expectation::new);
        final Arbitrary<Phase> phase = Combinators.combine(names, times, times)
            .as((name, a, b) -> new Phase(name, Math.min(a, b), Math.max(a, b)));
        final Arbitrary<Wave> wave = Combinators.combine(names, Arbitraries.longs().between(0, 1_000_000), fractions,
            times, fractions).as(Wave::new);
        final Arbitrary<Percentiles> percentiles = Combinators.combine(times, times).as(Percentiles::new);
        final Arbitrary<Update> update = Combinators.combine(
            names, versions, versions, Arbitraries.of("completed", "rolled_back", "refused", "aborted", "in_progress"),
            phase.list().ofMaxSize(6), wave.list().ofMaxSize(5),
            Arbitraries.longs().between(0, 1_000_000).list().ofSize(5)
                .map(c -> new Connections(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4))),
            Combinators.combine(times, times, times, fractions, percentiles.list().ofSize(3)).as(Figures::new))
            .flatAs((service, from, to, outcome, phases, waves, connections, figures) -> texts.injectNull(0.5)
                .map(refusal -> new Update(service, from, to, outcome, phases, waves, connections, figures.downtimeNs,
                    figures.switchoverNs, figures.requests, figures.errorRate, new LatencyNs(figures.latency.get(0),
                    figures.latency.get(1), figures.latency.get(2)), refusal)));
        final Arbitrary<String> commit = Arbitraries.strings().withChars("0123456789abcdef").ofLength(40)
            .flatMap(id -> Arbitraries.of(id, id + "-dirty"));
        final Arbitrary<Provenance> provenance = Combinators.combine(versions, commit,
            Arbitraries.maps(names, sha384).ofMaxSize(4), texts).as(Provenance::new);
        return Combinators.combine(names, Arbitraries.longs(), Arbitraries.of(true, false), sha,
            expectation.list().ofMaxSize(5), Arbitraries.maps(names, versions).ofMaxSize(4), provenance,
            update.list().ofMaxSize(3))
            .flatAs((scenario, seed, passed, digest, expectations, finalVersions, origin, updates) -> Combinators
                .combine(Combinators.combine(names, Arbitraries.of(Rollback.KINDS), texts, times,
                    Arbitraries.longs().between(0, 1_000_000)).as(Rollback::new).list().ofMaxSize(3),
                    Combinators.combine(Arbitraries.of("P0", "P1", "P2", "P3"), times, texts).as(Alert::new).list()
                        .ofMaxSize(3))
                .as((rollbacks, alerts) -> new RunRecord(scenario, seed, passed, digest, expectations, finalVersions,
                    origin, updates, rollbacks, alerts, List.of())));
    }

    /** The update's figures that are not lists, generated together. */
    private record Figures(long downtimeNs, long switchoverNs, long requests, double errorRate,
        List<Percentiles> latency)
    {
    }
}
