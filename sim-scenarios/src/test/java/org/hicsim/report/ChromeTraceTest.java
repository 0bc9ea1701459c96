package org.hicsim.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.hicsim.report.MetricSeries.Metric;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * trace.json against the rules of the trace-event format (the JSON object form that Perfetto and chrome://tracing
 * import) and against the run it shows. The rules checked: every event has a name, a known phase, a pid and a
 * timestamp in microseconds; complete slices have a non-negative duration and nest properly on their track (a
 * viewer draws partial overlaps wrongly); every track an event is on is named; each flow has exactly one start
 * and one end, with the same name and category, the end not before the start and bound to its enclosing slice,
 * and both inside a slice of their tracks (a flow step outside any slice is dropped by the viewers); counters
 * carry numbers; instant events have a scope.
 */
class ChromeTraceTest
{
    private static final Set<String> PHASES = Set.of("X", "M", "C", "s", "f", "i");
    private static final Set<String> METADATA = Set.of("process_name", "thread_name", "thread_sort_index");

    private static final RunRecord RECORD = RunFixture.record();
    private static final MetricSeries SERIES = RunFixture.series();
    private static final ControlFlows FLOWS = RunFixture.flows();
    private static final byte[] BYTES = write();
    private static final JsonNode TRACE = read();
    private static final List<JsonNode> EVENTS = events();
    private static final List<JsonNode> SLICES = events("X");

    private static byte[] write()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try
        {
            ChromeTrace.write(RECORD, SERIES, FLOWS, out);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return out.toByteArray();
    }

    private static JsonNode read()
    {
        try
        {
            return ReportJson.mapper().readTree(BYTES);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static List<JsonNode> events()
    {
        final List<JsonNode> all = new ArrayList<>();
        TRACE.path("traceEvents").forEach(all::add);
        return all;
    }

    private static List<JsonNode> events(final String phase)
    {
        return EVENTS.stream().filter(event -> event.path("ph").asText().equals(phase)).toList();
    }

    private static BigDecimal ts(final JsonNode event)
    {
        return event.path("ts").decimalValue();
    }

    private static BigDecimal micros(final long ns)
    {
        return BigDecimal.valueOf(ns, 3);
    }

    @Test
    void shouldBeTheObjectFormWithATimeUnitAndTheRunsIdentity()
    {
        assertTrue(TRACE.path("traceEvents").isArray());
        assertEquals("ns", TRACE.path("displayTimeUnit").asText());
        assertEquals(RunFixture.SCENARIO, TRACE.path("otherData").path("scenario").asText());
        assertEquals(RunFixture.TRACE_SHA256, TRACE.path("otherData").path("trace_sha256").asText());
    }

    @Test
    void shouldGiveEveryEventANamePhasePidAndTimestamp()
    {
        for (final JsonNode event : EVENTS)
        {
            final String phase = event.path("ph").asText();
            assertTrue(PHASES.contains(phase), "unknown phase: " + event);
            assertTrue(event.path("name").isTextual() && !event.path("name").asText().isEmpty(), "no name: " + event);
            assertEquals(ChromeTrace.PID, event.path("pid").asInt(), event.toString());
            if (phase.equals("M"))
            {
                assertTrue(METADATA.contains(event.path("name").asText()), "unknown metadata: " + event);
                assertTrue(event.path("args").isObject(), event.toString());
                continue;
            }
            assertTrue(event.path("ts").isNumber() && ts(event).signum() >= 0, "bad ts: " + event);
            assertTrue(event.path("cat").isTextual(), "no category: " + event);
        }
    }

    @Test
    void shouldNameEveryTrackAnEventIsOn()
    {
        final Set<Integer> named = new HashSet<>();
        for (final JsonNode event : events("M"))
        {
            if (event.path("name").asText().equals("thread_name"))
            {
                assertTrue(named.add(event.path("tid").asInt()), "a track named twice: " + event);
            }
        }
        for (final JsonNode event : EVENTS)
        {
            if (event.has("tid") && !event.path("ph").asText().equals("M"))
            {
                assertTrue(named.contains(event.path("tid").asInt()), "on an unnamed track: " + event);
            }
        }
        assertEquals(2 * RECORD.updates().size() + SERIES.instances().size(), named.size());
    }

    /** A downgrade refused, then allowed: two updates of the same versions, two tracks of different names. */
    @Test
    void shouldNameTheTracksOfTwoUpdatesOfTheSameVersionsApart() throws IOException
    {
        final RunRecord.Update update = RECORD.updates().get(1);
        final RunRecord twice = new RunRecord(RECORD.scenario(), RECORD.seed(), RECORD.passed(), RECORD.traceSha256(),
            RECORD.expectations(), RECORD.finalVersions(), RECORD.provenance(), List.of(update, update),
            RECORD.rollbacks(), RECORD.alerts(), RECORD.decisions());
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTrace.write(twice, SERIES, FLOWS, out);

        final List<String> names = new ArrayList<>();
        ReportJson.mapper().readTree(out.toByteArray()).path("traceEvents").forEach(event ->
        {
            if (event.path("name").asText().equals("thread_name"))
            {
                names.add(event.path("args").path("name").asText());
            }
        });
        final String title = update.service() + " " + update.from() + " -> " + update.to();
        assertEquals(List.of("update " + title, "waves " + title, "update " + title + " (2)", "waves " + title + " (2)"),
            names.subList(0, 4));
        assertEquals(names.size(), new HashSet<>(names).size(), names.toString());
    }

    @Test
    void shouldNestTheSlicesOfEachTrackProperly()
    {
        final Map<Integer, List<JsonNode>> byTrack = new TreeMap<>();
        for (final JsonNode slice : SLICES)
        {
            assertTrue(slice.path("dur").isNumber() && slice.path("dur").decimalValue().signum() >= 0,
                "bad dur: " + slice);
            byTrack.computeIfAbsent(slice.path("tid").asInt(), tid -> new ArrayList<>()).add(slice);
        }
        for (final List<JsonNode> track : byTrack.values())
        {
            final List<JsonNode> ordered = new ArrayList<>(track);
            ordered.sort(Comparator.comparing(ChromeTraceTest::ts)
                .thenComparing(slice -> slice.path("dur").decimalValue(), Comparator.reverseOrder()));
            final Deque<BigDecimal> openEnds = new ArrayDeque<>();
            for (final JsonNode slice : ordered)
            {
                final BigDecimal start = ts(slice);
                final BigDecimal end = start.add(slice.path("dur").decimalValue());
                while (!openEnds.isEmpty() && openEnds.peek().compareTo(start) <= 0)
                {
                    openEnds.pop();
                }
                if (!openEnds.isEmpty() && end.compareTo(openEnds.peek()) > 0)
                {
                    fail("slice overlaps its parent's end: " + slice);
                }
                openEnds.push(end);
            }
        }
    }

    @Test
    void shouldPairEveryFlowStartWithOneEndInsideSlicesOfTheirTracks()
    {
        final Map<Integer, JsonNode> starts = new HashMap<>();
        final Map<Integer, JsonNode> ends = new HashMap<>();
        for (final JsonNode start : events("s"))
        {
            assertEquals(null, starts.put(start.path("id").asInt(), start), "two starts of one flow: " + start);
        }
        for (final JsonNode end : events("f"))
        {
            assertEquals(null, ends.put(end.path("id").asInt(), end), "two ends of one flow: " + end);
            assertEquals("e", end.path("bp").asText(), "not bound to its enclosing slice: " + end);
        }
        assertEquals(starts.keySet(), ends.keySet());
        for (final Map.Entry<Integer, JsonNode> flow : starts.entrySet())
        {
            final JsonNode start = flow.getValue();
            final JsonNode end = ends.get(flow.getKey());
            assertEquals(start.path("name"), end.path("name"));
            assertEquals(start.path("cat"), end.path("cat"));
            assertTrue(ts(end).compareTo(ts(start)) >= 0, "a flow ends before it starts: " + start);
            assertTrue(insideASlice(start) && insideASlice(end), "a flow step outside every slice: " + start);
        }
        assertEquals(RunFixture.NETSTACK_CONNECTIONS / 2 + FLOWS.switches().count(), starts.size(),
            "1,000 moves sampled to every second one, and the endpoint switch");
    }

    private boolean insideASlice(final JsonNode step)
    {
        final BigDecimal at = ts(step);
        return SLICES.stream().anyMatch(slice -> slice.path("tid").equals(step.path("tid"))
            && ts(slice).compareTo(at) <= 0 && at.compareTo(ts(slice).add(slice.path("dur").decimalValue())) <= 0);
    }

    @Test
    void shouldDrawConnectionMovesFromTheOldInstanceToTheNew()
    {
        final int oldTrack = ChromeTrace.instanceTrack(RECORD, label("netstack-1.2.0#3"));
        final int newTrack = ChromeTrace.instanceTrack(RECORD, label("netstack-1.3.0#7"));
        final List<JsonNode> moves = events("s").stream()
            .filter(step -> step.path("name").asText().equals("connection moved")).toList();
        assertTrue(moves.stream().allMatch(step -> step.path("tid").asInt() == oldTrack));
        assertTrue(events("f").stream().filter(step -> step.path("name").asText().equals("connection moved"))
            .allMatch(step -> step.path("tid").asInt() == newTrack));
    }

    private int label(final String label)
    {
        for (int i = 0; i < SERIES.instances().size(); i++)
        {
            if (SERIES.instances().get(i).label().equals(label))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("label=" + label);
    }

    @Test
    void shouldShowEachPhaseAndWaveAsASliceAtItsVirtualTime()
    {
        final List<String> shown = SLICES.stream()
            .map(slice -> slice.path("cat").asText() + " " + slice.path("name").asText() + " " + ts(slice).toPlainString())
            .toList();
        for (final RunRecord.Update update : RECORD.updates())
        {
            for (final RunRecord.Phase phase : update.phases())
            {
                assertTrue(shown.contains("phase " + phase.name() + " " + micros(phase.startNs()).stripTrailingZeros()
                    .toPlainString()), phase + " in " + shown);
            }
            for (final RunRecord.Wave wave : update.waves())
            {
                assertTrue(SLICES.stream().anyMatch(slice -> slice.path("name").asText().equals(wave.wave())
                    && ts(slice).add(slice.path("dur").decimalValue()).compareTo(micros(wave.endNs())) == 0),
                    wave.toString());
            }
        }
    }

    @Test
    void shouldCountEachInstancesConnectionsAndErrorRateAtEachSample()
    {
        final List<JsonNode> connections = events("C").stream()
            .filter(counter -> counter.path("name").asText().equals("connections")).toList();
        assertEquals(SERIES.sampleCount(), connections.size());
        for (int sample = 0; sample < SERIES.sampleCount(); sample += 37)
        {
            final JsonNode counter = connections.get(sample);
            assertEquals(micros(SERIES.timeNs(sample)).compareTo(ts(counter)), 0);
            for (int i = 0; i < SERIES.instances().size(); i++)
            {
                final double value = SERIES.value(i, Metric.CONNECTIONS, sample);
                final JsonNode arg = counter.path("args").path(SERIES.instances().get(i).label());
                assertEquals(Double.isNaN(value), arg.isMissingNode(), counter.toString());
                if (!Double.isNaN(value))
                {
                    assertEquals((long)value, arg.asLong());
                }
            }
        }
        assertTrue(events("C").stream().anyMatch(counter -> counter.path("name").asText().equals("error rate")));
        for (final JsonNode counter : events("C"))
        {
            counter.path("args").forEach(value -> assertTrue(value.isNumber(), counter.toString()));
        }
    }

    @Test
    void shouldMarkRollbacksAlertsAndDecisionsAsScopedInstants()
    {
        final List<JsonNode> instants = events("i");
        assertEquals(RECORD.rollbacks().size() + RECORD.alerts().size() + RECORD.decisions().size(),
            instants.size());
        assertTrue(instants.stream().anyMatch(instant -> instant.path("name").asText()
            .equals("P0 crashes-3-in-5m -> rollback_full") && instant.has("tid")), instants.toString());
        for (final JsonNode instant : instants)
        {
            assertTrue(Set.of("g", "p", "t").contains(instant.path("s").asText()), instant.toString());
            assertEquals(instant.path("s").asText().equals("t"), instant.has("tid"), instant.toString());
        }
    }

    @Test
    void shouldWriteOneEventPerLine()
    {
        final String text = new String(BYTES, StandardCharsets.UTF_8);
        assertEquals(EVENTS.size() + 2, text.lines().count(), "the opening line, one per event, the closing one");
    }
}
