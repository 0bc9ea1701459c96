package org.hicsim.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import org.hicsim.report.MetricSeries.Metric;

/**
 * {@code report.html}: one self-contained page a person opens after a run. The page ({@code report.html},
 * {@code report.css} and {@code report.js} beside this class) is filled with the run's data as JSON, and the
 * uPlot chart library is inlined from its WebJar on the class path with its licence, so the page loads nothing
 * from anywhere: it opens from a file, offline, in any browser, and shows the same thing in ten years.
 * <p>
 * The data: {@code result} is exactly what {@code result.json} holds; {@code series} holds the sample times, the
 * tracked instances and, per charted metric, one array per instance aligned on the sample times (null where the
 * instance had no value), with the numbers written as {@code metrics.csv} writes them.
 */
public final class HtmlReport
{
    /** The metrics the page charts; the rest stay in metrics.csv. */
    private static final Metric[] CHARTED = {
        Metric.TRAFFIC_SHARE, Metric.ERROR_RATE, Metric.LATENCY_P50_NS, Metric.LATENCY_P99_NS, Metric.CONNECTIONS,
        Metric.MEMORY_IN_USE_BYTES};
    private static final String UPLOT_POM_PROPERTIES = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
    /**
     * uPlot's build opens with a comment naming its project's web address: the page names no address at all, so
     * that a check for external references finds none (the licence and the library's name stay).
     */
    private static final Pattern PROJECT_URL_BANNER = Pattern.compile("/\\*! https?://[^*]*\\*/");

    private HtmlReport()
    {
    }

    /** @param replayCommand the command line that replays the run ({@link ReplayCommand}), shown at the top. */
    public static void write(final RunRecord record, final MetricSeries series, final String replayCommand,
        final Writer out) throws IOException
    {
        final String uplotVersion = uplotVersion();
        final String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion + "/";
        final Map<String, String> parts = new LinkedHashMap<>();
        parts.put("title", "HIC-Sim · " + escapeHtml(record.scenario()) + " · seed " + record.seed() + " · "
            + (record.passed() ? "passed" : "FAILED"));
        parts.put("uplot.css", resource(uplot + "dist/uPlot.min.css"));
        parts.put("report.css", resource("report.css"));
        parts.put("uplot.license", resource(uplot + "LICENSE").replace("--", "- -"));
        parts.put("run-data", runData(record, series, replayCommand));
        parts.put("uplot.js", PROJECT_URL_BANNER.matcher(resource(uplot + "dist/uPlot.iife.min.js"))
            .replaceFirst(Matcher.quoteReplacement("/*! uPlot v" + uplotVersion + " (MIT licence: the comment above) */")));
        parts.put("report.js", resource("report.js"));
        fill(resource("report.html"), parts, out);
    }

    /**
     * Writes {@code template} with each {@code {{name}}} replaced by its part, in the template's order. Each
     * marker must appear exactly once, so a part's own text is never searched for markers.
     */
    static void fill(final String template, final Map<String, String> parts, final Writer out) throws IOException
    {
        int from = 0;
        for (final Map.Entry<String, String> part : parts.entrySet())
        {
            final String marker = "{{" + part.getKey() + "}}";
            final int at = template.indexOf(marker, from);
            if (at < 0 || template.indexOf(marker, at + marker.length()) >= 0)
            {
                throw new IllegalStateException("marker=" + marker + " must appear once in the template, after "
                    + "the one before it");
            }
            out.write(template, from, at - from);
            out.write(part.getValue());
            from = at + marker.length();
        }
        out.write(template, from, template.length() - from);
    }

    private static String runData(final RunRecord record, final MetricSeries series, final String replayCommand)
        throws IOException
    {
        final StringWriter text = new StringWriter();
        try (JsonGenerator json = ReportJson.inlineInHtml().createGenerator(text))
        {
            json.writeStartObject();
            json.writeFieldName("result");
            json.writeTree(ResultJson.tree(record));
            json.writeStringField("replay", replayCommand);
            json.writeObjectFieldStart("series");
            json.writeArrayFieldStart("times_ns");
            for (int sample = 0; sample < series.sampleCount(); sample++)
            {
                json.writeNumber(series.timeNs(sample));
            }
            json.writeEndArray();
            json.writeArrayFieldStart("instances");
            for (int i = 0; i < series.instances().size(); i++)
            {
                final MetricSeries.Instance instance = series.instances().get(i);
                json.writeStartObject();
                json.writeStringField("label", instance.label());
                json.writeStringField("service", instance.service());
                json.writeStringField("version", instance.version());
                json.writeNumberField("sandbox_id", instance.sandboxId());
                json.writeNumberField("endpoint_id", instance.endpointId());
                json.writeNumberField("created_at_ns", instance.createdAtNs());
                json.writeNumberField("died_at_ns", series.diedAtNs(i));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("metrics");
            for (final Metric metric : CHARTED)
            {
                json.writeArrayFieldStart(metric.key());
                for (int i = 0; i < series.instances().size(); i++)
                {
                    json.writeStartArray();
                    for (int sample = 0; sample < series.sampleCount(); sample++)
                    {
                        writeValue(json, metric, series.value(i, metric, sample));
                    }
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        }
        return text.toString();
    }

    private static void writeValue(final JsonGenerator json, final Metric metric, final double value)
        throws IOException
    {
        if (Double.isNaN(value))
        {
            json.writeNull();
        }
        else if (metric.isIntegral())
        {
            json.writeNumber((long)value);
        }
        else
        {
            json.writeNumber(Decimal.format(value));
        }
    }

    private static String uplotVersion()
    {
        final Properties pom = new Properties();
        try (InputStream in = HtmlReport.class.getResourceAsStream(UPLOT_POM_PROPERTIES))
        {
            if (in == null)
            {
                throw new IllegalStateException("the uPlot WebJar is not on the class path: " + UPLOT_POM_PROPERTIES);
            }
            pom.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return pom.getProperty("version");
    }

    private static String resource(final String name)
    {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalStateException("resource=" + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static String escapeHtml(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
