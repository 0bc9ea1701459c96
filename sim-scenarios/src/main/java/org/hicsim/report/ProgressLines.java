package org.hicsim.report;

import java.io.PrintWriter;

/**
 * Progress as plain lines, for output that is not a terminal: one when the run starts, one each time the phase
 * changes or another tenth of the virtual time has passed, one at the end. Only virtual time is shown, so the
 * lines are the same for the same run.
 * <pre>
 * netstack-rolling-update: running 3h00m of virtual time
 * netstack-rolling-update:   0% at 20s (eth_driver validation)
 * netstack-rolling-update:  30% at 1h00m20s (netstack migration)
 * netstack-rolling-update:  30% at 1h00m40s (netstack validation)
 * netstack-rolling-update: done, 3h00m of virtual time
 * </pre>
 */
final class ProgressLines implements RunProgress
{
    private static final int STEPS = 10;

    private final String task;
    private final PrintWriter out;
    private long totalNs = -1;
    private long lastNs;
    private int lastTenth = -1;
    private String lastPhase;

    ProgressLines(final String task, final PrintWriter out)
    {
        this.task = task;
        this.out = out;
    }

    @Override
    public void start(final long totalVirtualNs)
    {
        totalNs = VirtualTime.requirePositive("totalVirtualNs", totalVirtualNs);
        out.println(task + ": running " + VirtualTime.format(totalNs) + " of virtual time");
        out.flush();
    }

    @Override
    public void advance(final long nowNs, final String phase)
    {
        if (totalNs < 0)
        {
            throw new IllegalStateException("advance before start: nowNs=" + nowNs);
        }
        lastNs = nowNs;
        final int tenth = (int)Math.min(STEPS, nowNs * STEPS / totalNs);
        if (tenth == lastTenth && phase.equals(lastPhase))
        {
            return;
        }
        lastTenth = tenth;
        lastPhase = phase;
        final String percent = Integer.toString(tenth * 100 / STEPS);
        out.println(task + ": " + " ".repeat(3 - percent.length()) + percent + "% at "
            + (nowNs == 0 ? "0" : VirtualTime.format(nowNs)) + " (" + phase + ")");
        out.flush();
    }

    @Override
    public void finish()
    {
        out.println(task + ": done, " + VirtualTime.format(Math.max(lastNs, totalNs)) + " of virtual time");
        out.flush();
    }
}
