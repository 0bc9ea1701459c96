package org.hicsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The files a run leaves in its output directory ({@code runs/<name>-<seed>/} by default). {@code trace.txt} is
 * written while the run goes, by a {@link TraceFile} the kernel's trace sink writes to; the others are written
 * once it ends, by {@link #write}, from the {@link RunRecord}, the sampled {@link MetricSeries} and the sampled
 * {@link ControlFlows}. The same three always give byte-identical files.
 */
public final class RunOutputs
{
    public static final String RESULT_JSON = "result.json";
    public static final String TRACE_TXT = "trace.txt";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String TRACE_JSON = "trace.json";
    public static final String REPORT_HTML = "report.html";
    /** Where runs go unless {@code --out} says otherwise; git ignores it. */
    public static final String RUNS_DIRECTORY = "runs";

    private RunOutputs()
    {
    }

    /** {@code runs/<scenario>-<seed>} under {@code base}. */
    public static Path defaultDirectory(final Path base, final String scenario, final long seed)
    {
        return base.resolve(RUNS_DIRECTORY).resolve(scenario + "-" + seed);
    }

    /** Creates the directory (and its parents) if needed, and opens {@code trace.txt} in it for the run. */
    public static TraceFile openTrace(final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        return TraceFile.open(directory.resolve(TRACE_TXT));
    }

    /**
     * Writes result.json, metrics.csv, trace.json and report.html into {@code directory}, replacing them. Each file
     * is written whole by one thread, so its bytes are as a single thread writes them; but two threads write them,
     * which halves the time a run's end takes where a second core is free: this one result.json and report.html
     * (both serialise the record, whose serialisers Jackson builds on first use), a second one metrics.csv and
     * trace.json.
     *
     * @param replayCommand the command line that replays the run ({@link ReplayCommand}), which report.html shows.
     */
    public static void write(final Path directory, final RunRecord record, final MetricSeries series,
        final ControlFlows flows, final String replayCommand) throws IOException
    {
        Files.createDirectories(directory);
        final FutureTask<Void> seriesFiles = new FutureTask<>(() ->
        {
            writeSeries(directory, record, series, flows);
            return null;
        });
        final Thread writer = new Thread(seriesFiles, "run-outputs");
        writer.setDaemon(true);
        writer.start();
        try
        {
            writeRecord(directory, record, series, replayCommand);
        }
        catch (final IOException | RuntimeException | Error failure)
        {
            try
            {
                await(seriesFiles);
            }
            catch (final IOException | RuntimeException | Error other)
            {
                failure.addSuppressed(other);
            }
            throw failure;
        }
        await(seriesFiles);
    }

    private static void writeRecord(final Path directory, final RunRecord record, final MetricSeries series,
        final String replayCommand)
        throws IOException
    {
        try (OutputStream out = Files.newOutputStream(directory.resolve(RESULT_JSON)))
        {
            ResultJson.write(record, out);
        }
        try (Writer out = Files.newBufferedWriter(directory.resolve(REPORT_HTML), StandardCharsets.UTF_8))
        {
            HtmlReport.write(record, series, replayCommand, out);
        }
    }

    private static void writeSeries(final Path directory, final RunRecord record, final MetricSeries series,
        final ControlFlows flows) throws IOException
    {
        try (Writer out = Files.newBufferedWriter(directory.resolve(METRICS_CSV), StandardCharsets.UTF_8))
        {
            MetricsCsv.write(series, out);
        }
        try (OutputStream out = Files.newOutputStream(directory.resolve(TRACE_JSON)))
        {
            ChromeTrace.write(record, series, flows, out);
        }
    }

    /** Waits for {@code task} and throws what it threw. */
    private static void await(final FutureTask<Void> task) throws IOException
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                try
                {
                    task.get();
                    return;
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof IOException io)
            {
                throw io;
            }
            if (cause instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw (Error)cause;
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
