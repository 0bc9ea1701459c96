package org.hicsim.run;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Replay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Monitor's decisions in result.json of the built-in {@code monitor-three-crashes}: each with the explanation
 * records the trace has for it, field for field, and replaying those records with the monitor module's
 * {@link Replay} gives the decision's rule action back.
 */
class MonitorDecisionsInResultTest
{
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    static Path directory;

    private static JsonNode decisions;
    private static List<String> trace;

    @BeforeAll
    static void runTheScenarioOnce() throws IOException
    {
        System.setProperty("hicsim.home", Path.of("..").toAbsolutePath().normalize().toString());
        final Path out = directory.resolve("out");
        final RunCommandTest.Ran ran = RunCommandTest.hic("run", "monitor-three-crashes", "--quiet", "--out",
            out.toString());
        assertEquals(0, ran.exitCode(), ran.out() + ran.err());
        decisions = JSON.readTree(out.resolve("result.json").toFile()).path("decisions");
        trace = Files.readAllLines(out.resolve("trace.txt"));
    }

    @Test
    void shouldRecordTheRollbackDecisionWithTheRuleThatHit()
    {
        final JsonNode rollback = find("crashes-3-in-5m");
        assertEquals("rollback_full", rollback.path("action").asText(), rollback.toString());
        assertEquals("P0", rollback.path("priority").asText());
        assertEquals("act", rollback.path("status").asText());
        boolean ruleHit = false;
        for (final JsonNode record : rollback.path("explanations"))
        {
            if ("crashes-3-in-5m".equals(record.path("rule").asText()))
            {
                ruleHit = record.path("hit").asBoolean();
                assertEquals(">=", record.path("operator").asText());
                assertEquals(0, new BigDecimal("3").compareTo(record.path("threshold").decimalValue()), record.toString());
                assertTrue(record.path("n").asLong() >= 3, record.toString());
                assertTrue(record.path("window_right_ns").asLong() - record.path("window_left_ns").asLong()
                    == 300_000_000_000L, record.toString());
            }
        }
        assertTrue(ruleHit, rollback.toString());
    }

    @Test
    void shouldReplayEachDecisionFromItsRecordsInResultJson()
    {
        int replayed = 0;
        for (final JsonNode decision : decisions)
        {
            if (decision.path("explanations").isEmpty())
            {
                continue;
            }
            final Action replay = Replay.decide(lines(decision), "gate".equals(decision.path("trigger").asText()));
            assertEquals(decision.path("rule_action").asText(), replay.name().toLowerCase(Locale.ROOT),
                decision.toString());
            replayed++;
        }
        assertTrue(replayed > 0, "no decision to replay: " + decisions);
    }

    @Test
    void shouldHoldExactlyTheExplanationLinesOfTheTrace()
    {
        final List<List<String>> fromTrace = new ArrayList<>();
        for (final String line : trace)
        {
            if (line.contains(" monitor.decision service="))
            {
                fromTrace.add(new ArrayList<>());
            }
            else if (line.contains(" monitor.explanation "))
            {
                fromTrace.get(fromTrace.size() - 1).add(line.substring(line.indexOf(" explain ") + 1));
            }
        }
        final List<List<String>> fromResult = new ArrayList<>();
        for (final JsonNode decision : decisions)
        {
            fromResult.add(lines(decision));
        }
        assertFalse(fromResult.isEmpty());
        assertEquals(fromTrace, fromResult);
    }

    private static JsonNode find(final String rule)
    {
        for (final JsonNode decision : decisions)
        {
            if (rule.equals(decision.path("rule").asText()))
            {
                return decision;
            }
        }
        throw new AssertionError("no decision by rule=" + rule + " in " + decisions);
    }

    /** The decision's records in the trace's text form, built from result.json's fields alone. */
    private static List<String> lines(final JsonNode decision)
    {
        final List<String> lines = new ArrayList<>();
        for (final JsonNode r : decision.path("explanations"))
        {
            lines.add("explain kind=" + upper(r, "kind") + " rule=" + r.path("rule").asText()
                + " verdict=" + upper(r, "verdict") + " value=" + number(r, "value") + " op="
                + r.path("operator").asText() + " threshold=" + number(r, "threshold")
                + " window=(" + r.path("window_left_ns").asLong() + "," + r.path("window_right_ns").asLong()
                + "] n=" + r.path("n").asLong() + " weight=" + number(r, "weight")
                + " contribution=" + number(r, "contribution") + " hit=" + r.path("hit").asBoolean()
                + " critical=" + r.path("critical").asBoolean() + " dry_run=" + r.path("dry_run").asBoolean()
                + " nodata=" + upper(r, "nodata") + " action=" + upper(r, "action") + " held_since="
                + (r.path("held_since_ns").isNull() ? "-" : r.path("held_since_ns").asText()));
        }
        return lines;
    }

    private static String upper(final JsonNode record, final String key)
    {
        return record.path(key).asText().toUpperCase(Locale.ROOT);
    }

    private static String number(final JsonNode record, final String key)
    {
        final JsonNode value = record.path(key);
        return value.isNull() ? "-" : value.decimalValue().setScale(6).toPlainString();
    }
}
