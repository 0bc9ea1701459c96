package org.hicsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import org.hicsim.report.MetricSeries.Metric;

/**
 * {@code trace.json}: the run in the Chrome trace-event format (JSON object form), which Perfetto and
 * {@code chrome://tracing} open. One process is the run. Its threads (tracks), in this order:
 * <ul>
 *   <li>per update, one track of its phases and one of its waves, as complete ({@code X}) slices;</li>
 *   <li>per tracked sandbox, one track with a slice for its life (creation to death, or to the run's end).</li>
 * </ul>
 * Each sampled connection move and each default-endpoint switch ({@link ControlFlows}) is a flow arrow
 * ({@code s} on the sandbox it left, {@code f} on the one it reached, both inside their life slices). Counters
 * ({@code C}) give each instance's connections and error rate at each sample; rollbacks and the Monitor's decisions
 * are instant events on their update's track, alerts global instant events.
 * <p>
 * Timestamps are virtual microseconds written with their nanoseconds as decimals ({@code 10000000.25}); the
 * file has one event per line, in the order above, so the same run always gives the same bytes.
 */
public final class ChromeTrace
{
    static final int PID = 1;

    private ChromeTrace()
    {
    }

    public static void write(final RunRecord record, final MetricSeries series, final ControlFlows flows,
        final OutputStream out) throws IOException
    {
        try (JsonGenerator json = ReportJson.mapper().getFactory().createGenerator(out))
        {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setPrettyPrinter(new OneEventPerLine());
            json.writeStartObject();
            json.writeArrayFieldStart("traceEvents");
            new Events(json, record, series).write(flows);
            json.writeEndArray();
            json.writeStringField("displayTimeUnit", "ns");
            json.writeObjectFieldStart("otherData");
            json.writeStringField("scenario", record.scenario());
            json.writeNumberField("seed", record.seed());
            json.writeStringField("trace_sha256", record.traceSha256());
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** Virtual ns as trace-event microseconds: {@code 1234567} as {@code 1234.567}. */
    static String micros(final long ns)
    {
        return VirtualTime.decimal(ns, 1000);
    }

    /** Thread id of update {@code update}'s phase track; its wave track is the next. */
    static int phaseTrack(final int update)
    {
        return 1 + 2 * update;
    }

    /** Thread id of tracked instance {@code instance}, after every update's two tracks. */
    static int instanceTrack(final RunRecord record, final int instance)
    {
        return phaseTrack(record.updates().size()) + instance;
    }

    private static final class Events
    {
        private final JsonGenerator json;
        private final RunRecord record;
        private final MetricSeries series;
        private final long runEndNs;

        Events(final JsonGenerator json, final RunRecord record, final MetricSeries series)
        {
            this.json = json;
            this.record = record;
            this.series = series;
            this.runEndNs = Math.max(series.lastTimeNs(), 0);
        }

        /**
         * {@code netstack 1.2.0 -> 1.3.0}, numbered {@code (2)}, {@code (3)}, ... when an earlier update of the run
         * has the same service and versions (a downgrade refused, then allowed), so no two tracks share a name.
         */
        private static String title(final List<RunRecord.Update> updates, final int index)
        {
            final RunRecord.Update update = updates.get(index);
            final String title = update.service() + " " + update.from() + " -> " + update.to();
            int same = 1;
            for (int earlier = 0; earlier < index; earlier++)
            {
                final RunRecord.Update other = updates.get(earlier);
                if (other.service().equals(update.service()) && other.from().equals(update.from())
                    && other.to().equals(update.to()))
                {
                    same++;
                }
            }
            return same == 1 ? title : title + " (" + same + ")";
        }

        void write(final ControlFlows flows) throws IOException
        {
            metadata("process_name", 0, "HIC-Sim " + record.scenario() + " seed " + record.seed());
            final List<RunRecord.Update> updates = record.updates();
            for (int u = 0; u < updates.size(); u++)
            {
                final RunRecord.Update update = updates.get(u);
                final String title = title(updates, u);
                track(phaseTrack(u), "update " + title);
                track(phaseTrack(u) + 1, "waves " + title);
                for (final RunRecord.Phase phase : update.phases())
                {
                    slice(phaseTrack(u), phase.name(), "phase", phase.startNs(), phase.endNs());
                }
                waves(u, update);
            }
            for (int i = 0; i < series.instances().size(); i++)
            {
                final MetricSeries.Instance instance = series.instances().get(i);
                track(instanceTrack(record, i), "sandbox " + instance.sandboxId() + " " + instance.label());
                slice(instanceTrack(record, i), instance.label(), "sandbox", instance.createdAtNs(), lifeEndNs(i));
            }
            flows(flows.moves(), "connection moved", 0);
            flows(flows.switches(), "default endpoint switched", flows.moves().count());
            counters(Metric.CONNECTIONS, "connections");
            counters(Metric.ERROR_RATE, "error rate");
            for (final RunRecord.Rollback rollback : record.rollbacks())
            {
                final int tid = updateTrack(rollback.service(), rollback.atNs());
                instant(tid, "rollback " + rollback.service() + " (" + rollback.kind() + ")", tid < 0 ? "g" : "t",
                    rollback.atNs(), rollback.reason());
            }
            for (final RunRecord.Alert alert : record.alerts())
            {
                instant(-1, alert.priority() + " " + alert.text(), "g", alert.atNs(), alert.text());
            }
            for (final RunRecord.Decision decision : record.decisions())
            {
                final int tid = updateTrack(decision.service(), decision.atNs());
                instant(tid, decision.priority() + " " + decision.rule() + " -> " + decision.action(),
                    tid < 0 ? "g" : "t", decision.atNs(), "decision " + decision.id() + " " + decision.status()
                    + " (" + decision.trigger() + "), " + decision.explanations().size() + " explanation records");
            }
        }

        /** A wave runs from the end of the one before; the first from the start of the phase it ends in. */
        private void waves(final int u, final RunRecord.Update update) throws IOException
        {
            long startNs = -1;
            for (final RunRecord.Wave wave : update.waves())
            {
                if (startNs < 0)
                {
                    startNs = update.phases().stream()
                        .filter(phase -> phase.startNs() <= wave.endNs() && wave.endNs() <= phase.endNs())
                        .mapToLong(RunRecord.Phase::startNs).findFirst().orElse(wave.endNs());
                }
                json.writeStartObject();
                common(phaseTrack(u) + 1, wave.wave(), "X", "wave", startNs);
                json.writeFieldName("dur");
                json.writeNumber(micros(Math.max(wave.endNs() - startNs, 0)));
                json.writeObjectFieldStart("args");
                json.writeNumberField("cumulative_migrated", wave.cumulativeMigrated());
                json.writeFieldName("cumulative_fraction");
                json.writeNumber(ReportJson.plain(wave.cumulativeFraction()));
                json.writeFieldName("traffic_new_fraction");
                json.writeNumber(ReportJson.plain(wave.trafficNewFraction()));
                json.writeEndObject();
                json.writeEndObject();
                startNs = Math.max(startNs, wave.endNs());
            }
        }

        private void flows(final ControlFlows.Flows flows, final String name, final int firstId) throws IOException
        {
            for (int f = 0; f < flows.count(); f++)
            {
                final long atNs = flows.atNs(f);
                final int from = livingInstanceAt(flows.fromEndpoint(f), atNs);
                final int to = livingInstanceAt(flows.toEndpoint(f), atNs);
                if (from < 0 || to < 0)
                {
                    continue;
                }
                flowStep(instanceTrack(record, from), name, "s", firstId + f, atNs);
                flowStep(instanceTrack(record, to), name, "f", firstId + f, atNs);
            }
        }

        /** The tracked instance serving on the endpoint whose life slice holds {@code atNs}, or -1. */
        private int livingInstanceAt(final int endpointId, final long atNs)
        {
            for (int i = 0; i < series.instances().size(); i++)
            {
                final MetricSeries.Instance instance = series.instances().get(i);
                if (instance.endpointId() == endpointId && instance.createdAtNs() <= atNs && atNs <= lifeEndNs(i))
                {
                    return i;
                }
            }
            return -1;
        }

        private long lifeEndNs(final int instance)
        {
            final long diedAtNs = series.diedAtNs(instance);
            final long endNs = diedAtNs >= 0 ? diedAtNs : runEndNs;
            return Math.max(endNs, series.instances().get(instance).createdAtNs());
        }

        private void counters(final Metric metric, final String name) throws IOException
        {
            for (int sample = 0; sample < series.sampleCount(); sample++)
            {
                boolean open = false;
                for (int i = 0; i < series.instances().size(); i++)
                {
                    final double value = series.value(i, metric, sample);
                    if (Double.isNaN(value))
                    {
                        continue;
                    }
                    if (!open)
                    {
                        json.writeStartObject();
                        common(-1, name, "C", "metrics", series.timeNs(sample));
                        json.writeObjectFieldStart("args");
                        open = true;
                    }
                    json.writeFieldName(series.instances().get(i).label());
                    if (metric.isIntegral())
                    {
                        json.writeNumber((long)value);
                    }
                    else
                    {
                        json.writeNumber(Decimal.format(value));
                    }
                }
                if (open)
                {
                    json.writeEndObject();
                    json.writeEndObject();
                }
            }
        }

        /**
         * The phase track of the service's last update started at or before {@code atNs} (the one a rollback undid,
         * the one a decision judged), or -1 if none.
         */
        private int updateTrack(final String service, final long atNs)
        {
            for (int u = record.updates().size() - 1; u >= 0; u--)
            {
                final RunRecord.Update update = record.updates().get(u);
                if (update.service().equals(service) && update.startNs() <= atNs)
                {
                    return phaseTrack(u);
                }
            }
            return -1;
        }

        private void metadata(final String name, final int tid, final String value) throws IOException
        {
            startMetadata(name, tid);
            json.writeStringField("name", value);
            endMetadata();
        }

        /** A named track, placed in the order of its id. */
        private void track(final int tid, final String name) throws IOException
        {
            metadata("thread_name", tid, name);
            startMetadata("thread_sort_index", tid);
            json.writeNumberField("sort_index", tid);
            endMetadata();
        }

        /** Opens a metadata event up to its arguments, which the caller writes. */
        private void startMetadata(final String name, final int tid) throws IOException
        {
            json.writeStartObject();
            json.writeStringField("name", name);
            json.writeStringField("ph", "M");
            json.writeNumberField("pid", PID);
            json.writeNumberField("tid", tid);
            json.writeObjectFieldStart("args");
        }

        private void endMetadata() throws IOException
        {
            json.writeEndObject();
            json.writeEndObject();
        }

        private void slice(final int tid, final String name, final String category, final long startNs,
            final long endNs) throws IOException
        {
            json.writeStartObject();
            common(tid, name, "X", category, startNs);
            json.writeFieldName("dur");
            json.writeNumber(micros(endNs - startNs));
            json.writeEndObject();
        }

        private void flowStep(final int tid, final String name, final String phase, final int id, final long atNs)
            throws IOException
        {
            json.writeStartObject();
            common(tid, name, phase, "ipc", atNs);
            json.writeNumberField("id", id);
            if ("f".equals(phase))
            {
                // Bind the arrow's head to the slice enclosing it (the sandbox's life), not to the next slice.
                json.writeStringField("bp", "e");
            }
            json.writeEndObject();
        }

        private void instant(final int tid, final String name, final String scope, final long atNs,
            final String detail) throws IOException
        {
            json.writeStartObject();
            common(tid, name, "i", "event", atNs);
            json.writeStringField("s", scope);
            json.writeObjectFieldStart("args");
            json.writeStringField("detail", detail);
            json.writeEndObject();
            json.writeEndObject();
        }

        /** The fields every event has; {@code tid} -1 for a process-wide event (counters, global instants). */
        private void common(final int tid, final String name, final String phase, final String category,
            final long atNs) throws IOException
        {
            json.writeStringField("name", name);
            json.writeStringField("cat", category);
            json.writeStringField("ph", phase);
            json.writeNumberField("pid", PID);
            if (tid >= 0)
            {
                json.writeNumberField("tid", tid);
            }
            json.writeFieldName("ts");
            json.writeNumber(micros(atNs));
        }
    }

    /** Compact JSON with a line break after each element of the event array, so a diff shows events. */
    private static final class OneEventPerLine extends MinimalPrettyPrinter
    {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeStartArray(final JsonGenerator generator) throws IOException
        {
            generator.writeRaw("[\n");
        }

        @Override
        public void writeArrayValueSeparator(final JsonGenerator generator) throws IOException
        {
            generator.writeRaw(",\n");
        }

        @Override
        public void writeEndArray(final JsonGenerator generator, final int valueCount) throws IOException
        {
            generator.writeRaw("\n]");
        }
    }
}
