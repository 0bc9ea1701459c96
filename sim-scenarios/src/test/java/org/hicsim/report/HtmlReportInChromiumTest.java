package org.hicsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * report.html of the fixture run, opened once in headless Chromium with the network shut off. A probe added to a
 * copy of the page (the page itself carries no test code) records script errors from the first line on, and once
 * the page has loaded writes what it finds into the DOM: whether the page finished, each chart's canvas and how
 * much of it is drawn, the values the charts plotted, and the time range of every chart after one was zoomed.
 * The tests read that from the DOM Chromium prints.
 */
class HtmlReportInChromiumTest
{
    /** Every chart the page promises. */
    private static final List<String> CHARTS = List.of(
        "timeline", "traffic", "errors", "latency", "connections", "memory");
    /** A chart with its axes and one line has thousands of inked pixels; an empty canvas has none. */
    private static final int INKED_PIXELS_MIN = 1500;

    private static final String ERROR_CATCHER = """
        <script>
        window.probeErrors = [];
        window.addEventListener('error', function (e) { window.probeErrors.push('error: ' + e.message); });
        window.addEventListener('unhandledrejection', function (e) { window.probeErrors.push('rejection: ' + e.reason); });
        (function () {
          var original = console.error;
          console.error = function () { window.probeErrors.push('console.error: ' + [].join.call(arguments, ' ')); original.apply(console, arguments); };
        }());
        </script>
        """;
    private static final String PROBE = """
        <script>
        window.addEventListener('load', function () { setTimeout(function () {
          function inked(canvas) {
            var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            var count = 0;
            for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { count++; } }
            return count;
          }
          var report = window.hicReport || { charts: {}, plotted: {} };
          var charts = {};
          Object.keys(report.charts).forEach(function (key) {
            var chart = report.charts[key];
            var canvas = chart.root.querySelector('canvas');
            charts[key] = { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth,
              inked: inked(canvas), plotWidth: chart.bbox.width / (window.devicePixelRatio || 1),
              labels: chart.series.map(function (s) { return s.label; }), data: chart.data,
              incrs: chart.axes.map(function (axis) { return axis._incrs || []; }) };
          });
          // uPlot applies a new scale in a microtask: read the ranges once it has run.
          if (report.charts.traffic) { report.charts.traffic.setScale('x', { min: 9, max: 16 }); }
          setTimeout(function () {
            var zoomed = {};
            Object.keys(report.charts).forEach(function (key) {
              zoomed[key] = [report.charts[key].scales.x.min, report.charts[key].scales.x.max];
            });
            var probe = document.createElement('pre');
            probe.id = 'probe';
            probe.textContent = JSON.stringify({
              rendered: document.documentElement.getAttribute('data-rendered'),
              errors: window.probeErrors, charts: charts, plotted: report.plotted, zoomed: zoomed,
              expectationRows: document.querySelectorAll('section table.table tbody tr.held, section table.table tbody tr.failed').length,
              explanationRows: document.querySelectorAll('#decisions tr.explanation').length,
              problemShown: !document.getElementById('problem').hidden,
              title: document.title, scenario: document.getElementById('scenario').textContent,
              replay: document.getElementById('replay').textContent
            });
            document.body.appendChild(probe);
          }, 0);
        }, 0); });
        </script>
        """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private static JsonNode probe;
    private static String console;
    private static JsonNode result;
    private static List<String> csv;

    @BeforeAll
    static void openTheReportOnce() throws IOException, InterruptedException
    {
        final HeadlessChromium chromium = HeadlessChromium.require();
        RunOutputs.write(directory, RunFixture.record(), RunFixture.series(), RunFixture.flows(),
            RunFixture.REPLAY);
        final String page = Files.readString(directory.resolve(RunOutputs.REPORT_HTML), StandardCharsets.UTF_8);
        final String probed = page.replaceFirst("<head>", "<head>\n" + ERROR_CATCHER)
            .replace("</body>", PROBE + "</body>");
        final Path probedPage = directory.resolve("probed-report.html");
        Files.writeString(probedPage, probed, StandardCharsets.UTF_8);

        final HeadlessChromium.Page shown = chromium.dumpDom(probedPage, directory);
        console = shown.console();
        final Matcher matcher = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL).matcher(shown.dom());
        assertTrue(matcher.find(), "the probe wrote nothing: the page did not load. Console: " + console);
        probe = JSON.readTree(unescapeText(matcher.group(1)));
        result = JSON.readTree(directory.resolve(RunOutputs.RESULT_JSON).toFile());
        csv = Files.readAllLines(directory.resolve(RunOutputs.METRICS_CSV), StandardCharsets.UTF_8);
    }

    @Test
    void shouldRenderTheWholePageWithoutAnyScriptError()
    {
        assertEquals("true", probe.path("rendered").asText(), "the page did not finish; errors: " + probe.path("errors"));
        assertEquals(0, probe.path("errors").size(), "script errors: " + probe.path("errors"));
        assertFalse(probe.path("problemShown").asBoolean(), "the page shows its problem banner");
        assertFalse(console.contains("CONSOLE"), "the page wrote to the console:\n" + console);
        assertEquals(RunFixture.SCENARIO, probe.path("scenario").asText());
        assertTrue(probe.path("title").asText().contains(RunFixture.SCENARIO), probe.path("title").asText());
    }

    @Test
    void shouldDrawEveryChartOnACanvasOfNonZeroSize()
    {
        final JsonNode charts = probe.path("charts");
        for (final String key : CHARTS)
        {
            final JsonNode chart = charts.path(key);
            assertTrue(chart.isObject(), "chart " + key + " is missing; drawn: " + names(charts));
            assertTrue(chart.path("width").asInt() > 0 && chart.path("height").asInt() > 0, key + ": " + chart);
            assertTrue(chart.path("cssWidth").asInt() > 300, key + " is squeezed: " + chart.path("cssWidth"));
            assertTrue(chart.path("inked").asInt() > INKED_PIXELS_MIN, key + " is (nearly) blank: " + chart.path("inked"));
        }
        assertEquals(CHARTS.size(), charts.size(), "charts: " + names(charts));
    }

    @Test
    void shouldPlotEachPhaseWhereResultJsonPutsIt()
    {
        final List<String> expected = new ArrayList<>();
        for (final JsonNode update : result.path("updates"))
        {
            for (final JsonNode phase : update.path("phases"))
            {
                expected.add(update.path("service").asText() + " " + phase.path("name").asText() + " "
                    + phase.path("start_ns").asLong() + ".." + phase.path("end_ns").asLong());
            }
        }
        final List<String> plotted = new ArrayList<>();
        final double plotWidth = probe.path("charts").path("timeline").path("plotWidth").asDouble();
        for (final JsonNode phase : probe.path("plotted").path("timeline"))
        {
            plotted.add(phase.path("service").asText() + " " + phase.path("phase").asText() + " "
                + phase.path("start_ns").asLong() + ".." + phase.path("end_ns").asLong());
            final double x0 = phase.path("x0").asDouble();
            final double x1 = phase.path("x1").asDouble();
            assertTrue(0 <= x0 && x0 <= x1 && x1 <= plotWidth + 1, "phase drawn outside the plot: " + phase);
        }
        assertEquals(expected, plotted);
    }

    @Test
    void shouldPlotEachWavesTrafficShareAsResultJsonHasIt()
    {
        final List<String> expected = new ArrayList<>();
        for (final JsonNode update : result.path("updates"))
        {
            for (final JsonNode wave : update.path("waves"))
            {
                expected.add(update.path("service").asText() + " " + wave.path("wave").asText() + " at "
                    + wave.path("end_ns").asLong() + " new " + wave.path("traffic_new_fraction").asDouble());
            }
        }
        final List<String> plotted = new ArrayList<>();
        for (final JsonNode wave : probe.path("plotted").path("waves"))
        {
            plotted.add(wave.path("service").asText() + " " + wave.path("wave").asText() + " at "
                + wave.path("end_ns").asLong() + " new " + wave.path("traffic_new_fraction").asDouble());
        }
        assertEquals(expected, plotted);
    }

    /** result.json writes the bound as the run checked it ({@code <= 0.1%}); the error chart draws it at 0.001. */
    @Test
    void shouldDrawTheScenariosMaxErrorRateOnTheErrorChart()
    {
        assertEquals("<= 0.1%", result.path("expectations").findParents("name").stream()
            .filter(e -> e.path("name").asText().equals("max_error_rate")).findFirst().orElseThrow()
            .path("expected").asText());
        assertEquals(0.001, probe.path("plotted").path("errorRateLimit").asDouble(-1), 1e-12,
            probe.path("plotted").toString());
    }

    @Test
    void shouldPlotTheConnectionsMetricsCsvHolds()
    {
        assertChartPlotsMetricsCsv("connections", "connections");
    }

    @Test
    void shouldPlotTheMemoryInUseMetricsCsvHolds()
    {
        assertChartPlotsMetricsCsv("memory", "memory_in_use_bytes");
    }

    private static void assertChartPlotsMetricsCsv(final String chartKey, final String metric)
    {
        final JsonNode chart = probe.path("charts").path(chartKey);
        final Map<String, Integer> seriesByLabel = new HashMap<>();
        for (int i = 0; i < chart.path("labels").size(); i++)
        {
            seriesByLabel.put(chart.path("labels").get(i).asText(), i);
        }
        final JsonNode times = chart.path("data").get(0);
        int compared = 0;
        for (final String row : csv.subList(1, csv.size()))
        {
            final String[] field = row.split(",");
            if (!field[5].equals(metric) || Long.parseLong(field[0]) % (10 * RunFixture.SAMPLE_NS) != 0)
            {
                continue;
            }
            final int sample = (int)(Long.parseLong(field[0]) / RunFixture.SAMPLE_NS) - 1;
            assertEquals(Long.parseLong(field[0]) / 1e9, times.get(sample).asDouble(), 1e-9, row);
            final JsonNode plotted = chart.path("data").get(seriesByLabel.get(field[1])).get(sample);
            assertEquals(Long.parseLong(field[6]), plotted.asLong(), row);
            compared++;
        }
        assertTrue(compared > 100, "compared only " + compared + " values");
    }

    /** Time ticks fall on the clock's units (never 1000 s, 16m40s) and memory ticks on powers of two bytes. */
    @Test
    void shouldTickTimeInClockUnitsAndMemoryInPowersOfTwo()
    {
        for (final String chart : CHARTS)
        {
            for (final JsonNode step : probe.path("charts").path(chart).path("incrs").get(0))
            {
                final double seconds = step.asDouble();
                assertTrue(seconds < 60 || seconds % 60 == 0, chart + " time step " + seconds);
                assertTrue(seconds < 3600 || seconds % 3600 == 0, chart + " time step " + seconds);
            }
        }
        final JsonNode memorySteps = probe.path("charts").path("memory").path("incrs").get(1);
        assertTrue(memorySteps.size() > 0, "the memory axis has no steps");
        for (final JsonNode step : memorySteps)
        {
            assertEquals(1, Long.bitCount(step.asLong()), "memory step " + step);
        }
    }

    @Test
    void shouldZoomEveryChartWhenOneIsZoomed()
    {
        final JsonNode zoomed = probe.path("zoomed");
        assertEquals(CHARTS.size(), zoomed.size(), zoomed.toString());
        zoomed.forEach(range -> assertEquals("[9,16]", range.toString(), zoomed.toString()));
    }

    @Test
    void shouldMarkEachDecisionOfResultJsonAtItsTimeInItsPriorityColour()
    {
        final List<String> expected = new ArrayList<>();
        for (final JsonNode decision : result.path("decisions"))
        {
            expected.add(decision.path("service").asText() + " #" + decision.path("id").asLong() + " at "
                + decision.path("at_ns").asLong() + " " + decision.path("rule").asText() + " "
                + decision.path("action").asText() + " " + decision.path("priority").asText());
        }
        assertFalse(expected.isEmpty(), "the fixture has no decision");
        final List<String> marked = new ArrayList<>();
        final double plotWidth = probe.path("charts").path("timeline").path("plotWidth").asDouble();
        final Map<String, String> colours = new HashMap<>();
        for (final JsonNode marker : probe.path("plotted").path("markers"))
        {
            marked.add(marker.path("service").asText() + " #" + marker.path("id").asLong() + " at "
                + marker.path("at_ns").asLong() + " " + marker.path("rule").asText() + " "
                + marker.path("action").asText() + " " + marker.path("priority").asText());
            final double x = marker.path("x").asDouble();
            assertTrue(0 <= x && x <= plotWidth + 1, "marker drawn outside the plot: " + marker);
            final String before = colours.put(marker.path("priority").asText(), marker.path("colour").asText());
            assertTrue(before == null || before.equals(marker.path("colour").asText()), "one colour per priority");
        }
        assertEquals(expected, marked);
        assertEquals(colours.size(), new java.util.HashSet<>(colours.values()).size(), "priorities share a colour");
    }

    @Test
    void shouldListEveryExplanationRecordOfEveryDecision()
    {
        int records = 0;
        for (final JsonNode decision : result.path("decisions"))
        {
            records += decision.path("explanations").size();
        }
        assertTrue(records > 0, "the fixture's decisions have no records");
        assertEquals(records, probe.path("explanationRows").asInt());
    }

    /** The run's own replay command, a scenario file's path quoted, not the scenario's name (no built-in has it). */
    @Test
    void shouldShowTheCommandThatReplaysTheRun()
    {
        assertEquals("./hic run 'my runs/netstack-rolling-update.yaml' --seed 42", probe.path("replay").asText());
    }

    @Test
    void shouldListEveryExpectation()
    {
        assertEquals(result.path("expectations").size(), probe.path("expectationRows").asInt());
    }

    private static List<String> names(final JsonNode object)
    {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Chromium's DOM dump escapes these three in text. */
    private static String unescapeText(final String text)
    {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
