package org.hicsim.report;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on a terminal (me.tongfei:progressbar), over the run's virtual time in seconds, with the phase
 * beside it and the speed in virtual seconds per wall second. The library redraws it from its own thread a few
 * times a second, so {@link #advance} only records where the run is. What the bar shows reads the wall clock;
 * nothing of it reaches the run.
 */
final class ProgressBarDisplay implements RunProgress
{
    private static final int REDRAW_INTERVAL_MS = 200;
    private static final long NS_PER_MS = 1_000_000;
    private static final long MS_PER_S = 1_000;

    private final String task;
    private final PrintWriter out;
    private ProgressBar bar;
    private WriterConsumer consumer;
    private long totalMs;
    private String shownPhase;

    ProgressBarDisplay(final String task, final PrintWriter out)
    {
        this.task = task;
        this.out = out;
    }

    @Override
    public void start(final long totalVirtualNs)
    {
        totalMs = Math.max(1, VirtualTime.requirePositive("totalVirtualNs", totalVirtualNs) / NS_PER_MS);
        consumer = new WriterConsumer(out);
        bar = new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(totalMs)
            .setUnit(" s", MS_PER_S)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setUpdateIntervalMillis(REDRAW_INTERVAL_MS)
            .showSpeed(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
            .setConsumer(consumer)
            .build();
    }

    @Override
    public void advance(final long nowNs, final String phase)
    {
        if (bar == null)
        {
            throw new IllegalStateException("advance before start: nowNs=" + nowNs);
        }
        bar.stepTo(Math.min(totalMs, nowNs / NS_PER_MS));
        if (!phase.equals(shownPhase))
        {
            shownPhase = phase;
            // The library writes the message right after the speed.
            bar.setExtraMessage(" " + phase);
        }
    }

    @Override
    public void finish()
    {
        if (bar != null)
        {
            bar.stepTo(totalMs);
            bar.setExtraMessage(" done");
            bar.close();
            // A bar closed before its first redraw is drawn once more but never closes its consumer.
            consumer.close();
        }
    }

    /**
     * Draws on the command's writer instead of a stream; the terminal's width comes from the library's own
     * console consumer, which asks the terminal.
     */
    private static final class WriterConsumer extends ConsoleProgressBarConsumer
    {
        private final PrintWriter out;
        private boolean closed;

        WriterConsumer(final PrintWriter out)
        {
            super(new PrintStream(OutputStream.nullOutputStream()));
            this.out = out;
        }

        @Override
        public synchronized void accept(final String rendered)
        {
            out.print('\r');
            out.print(rendered);
            out.flush();
        }

        /** Ends the bar's line, once. */
        @Override
        public synchronized void close()
        {
            if (!closed)
            {
                closed = true;
                out.println();
                out.flush();
            }
        }
    }
}
