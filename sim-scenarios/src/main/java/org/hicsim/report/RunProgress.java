package org.hicsim.report;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * How far a run has come, shown while it runs: the runner calls {@link #start} once, {@link #advance} as virtual
 * time goes on (cheaply: a display draws at its own pace), and {@link #finish} at the end. What it shows depends on
 * where the output goes ({@link #create}): a progress bar on a terminal, plain lines elsewhere (a CI log, a
 * pipe), nothing with {@code --quiet}. It writes to the writer it is given (the command's {@code getErr()}), so
 * standard output holds only the summary.
 */
public interface RunProgress
{
    /** Shows nothing ({@code --quiet}). */
    RunProgress NONE = new RunProgress()
    {
        @Override
        public void start(final long totalVirtualNs)
        {
        }

        @Override
        public void advance(final long nowNs, final String phase)
        {
        }

        @Override
        public void finish()
        {
        }
    };

    /** The run will take {@code totalVirtualNs} of virtual time. */
    void start(long totalVirtualNs);

    /**
     * Virtual time is now {@code nowNs}; {@code phase} says what the run is doing ({@code migration},
     * {@code netstack 1.2.0 -> 1.3.0: migration}, {@code steady}).
     */
    void advance(long nowNs, String phase);

    /** The run has ended; a bar is completed and its line ended. */
    void finish();

    /**
     * @param quiet    {@code --quiet}: show nothing.
     * @param terminal the output is a terminal a bar can be redrawn on ({@link #isTerminal()}).
     * @param task     what is running, shown before the bar or on each line (the scenario's name).
     */
    static RunProgress create(final boolean quiet, final boolean terminal, final String task, final PrintWriter out)
    {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(out, "out");
        if (quiet)
        {
            return NONE;
        }
        return terminal ? new ProgressBarDisplay(task, out) : new ProgressLines(task, out);
    }

    /** Whether this JVM's standard streams are a terminal (Java 17: both input and output are). */
    static boolean isTerminal()
    {
        return System.console() != null;
    }
}
