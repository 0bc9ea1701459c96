package org.hicsim.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary {@code hic run} prints when a run ends: per update its phases with their virtual times, the
 * connections migrated, failed, rebuilt and lost, availability and error rate, latency p50/p99 before, during and
 * after; then the rollbacks, the alerts, each expectation with what was expected and what was found, the failed
 * ones named with the command that replays the run; and {@code trace sha256: <hex>} as the last line, always.
 * Plain text in aligned columns, the same for the same record.
 */
public final class SummaryPrinter
{
    private static final String INDENT = "  ";
    private static final int PERCENT_DECIMALS = 3;

    private SummaryPrinter()
    {
    }

    /**
     * @param replayCommand the command line that replays the run ({@link ReplayCommand}), printed when an
     *                      expectation failed.
     */
    public static void print(final RunRecord record, final String replayCommand, final PrintWriter out)
    {
        final long held = record.expectations().stream().filter(RunRecord.Expectation::passed).count();
        out.println(record.scenario() + "  seed " + record.seed() + "  " + (record.passed() ? "PASSED" : "FAILED")
            + " (" + held + " of " + record.expectations().size() + " expectations held)");
        for (final RunRecord.Update update : record.updates())
        {
            out.println();
            printUpdate(update, out);
        }
        out.println();
        printRollbacks(record, out);
        printAlerts(record, out);
        printExpectations(record, out);
        if (!record.passed())
        {
            out.println("failed: " + String.join(", ", record.failedExpectations()));
            out.println("replay: " + replayCommand);
        }
        out.println("trace sha256: " + record.traceSha256());
        out.flush();
    }

    private static void printUpdate(final RunRecord.Update update, final PrintWriter out)
    {
        out.println("update " + update.service() + " " + update.from() + " -> " + update.to() + ": "
            + update.outcome() + (update.refusal() == null ? "" : " (" + update.refusal() + ")"));
        final Table phases = new Table("phase", "start", "end", "took");
        for (final RunRecord.Phase phase : update.phases())
        {
            phases.row(phase.name(), VirtualTime.format(phase.startNs()), VirtualTime.format(phase.endNs()),
                VirtualTime.format(phase.endNs() - phase.startNs()));
        }
        if (!update.waves().isEmpty())
        {
            phases.separate();
            phases.row("wave", "ended", "moved", "traffic to new");
            for (final RunRecord.Wave wave : update.waves())
            {
                phases.row(wave.wave(), VirtualTime.format(wave.endNs()), wave.cumulativeMigrated() + " ("
                    + Decimal.percent(wave.cumulativeFraction(), 1) + ")",
                    Decimal.percent(wave.trafficNewFraction(), 1));
            }
        }
        phases.print(out, INDENT);
        final RunRecord.Connections connections = update.connections();
        final RunRecord.LatencyNs latency = update.latencyNs();
        final Table figures = new Table();
        figures.row("connections", connections.total() + ": migrated " + connections.migrated() + ", failed "
            + connections.failed() + ", rebuilt " + connections.rebuilt() + ", lost " + connections.lost());
        figures.row("availability", update.requests() == 0 ? "no requests during the update"
            : Decimal.percent(update.availability(), PERCENT_DECIMALS) + ", error rate "
            + Decimal.percent(update.errorRate(), PERCENT_DECIMALS));
        figures.row("latency p50", VirtualTime.format(latency.before().p50()) + " before, "
            + VirtualTime.format(latency.during().p50()) + " during, " + VirtualTime.format(latency.after().p50())
            + " after");
        figures.row("latency p99", VirtualTime.format(latency.before().p99()) + " before, "
            + VirtualTime.format(latency.during().p99()) + " during, " + VirtualTime.format(latency.after().p99())
            + " after");
        figures.row("downtime", VirtualTime.format(update.downtimeNs()) + " longest hold, endpoint switch "
            + VirtualTime.format(update.switchoverNs()));
        figures.print(out, INDENT);
    }

    private static void printRollbacks(final RunRecord record, final PrintWriter out)
    {
        out.println("rollbacks: " + (record.rollbacks().isEmpty() ? "none" : record.rollbacks().size()));
        final Table rollbacks = new Table();
        for (final RunRecord.Rollback rollback : record.rollbacks())
        {
            rollbacks.row(VirtualTime.format(rollback.atNs()), rollback.service(), rollback.kind(),
                rollback.abandoned() > 0
                    ? rollback.reason() + " (abandoned " + rollback.abandoned() + ", their clients reconnect)"
                    : rollback.reason());
        }
        rollbacks.print(out, INDENT);
    }

    private static void printAlerts(final RunRecord record, final PrintWriter out)
    {
        out.println("alerts: " + (record.alerts().isEmpty() ? "none" : record.alerts().size()));
        final Table alerts = new Table();
        for (final RunRecord.Alert alert : record.alerts())
        {
            alerts.row(VirtualTime.format(alert.atNs()), alert.priority(), alert.text());
        }
        alerts.print(out, INDENT);
    }

    private static void printExpectations(final RunRecord record, final PrintWriter out)
    {
        out.println("expectations:" + (record.expectations().isEmpty() ? " none" : ""));
        final Table expectations = new Table();
        for (final RunRecord.Expectation expectation : record.expectations())
        {
            expectations.row(expectation.passed() ? "ok" : "FAILED", expectation.name(),
                "expected " + expectation.expected(), "actual " + expectation.actual());
        }
        expectations.print(out, INDENT);
    }

    /** Rows of cells printed in columns as wide as their widest cell; a separator starts a new set of widths. */
    private static final class Table
    {
        private final List<List<String[]>> blocks = new ArrayList<>();

        Table(final String... header)
        {
            blocks.add(new ArrayList<>());
            if (header.length > 0)
            {
                row(header);
            }
        }

        void row(final String... cells)
        {
            blocks.get(blocks.size() - 1).add(cells);
        }

        void separate()
        {
            blocks.add(new ArrayList<>());
        }

        void print(final PrintWriter out, final String indent)
        {
            for (final List<String[]> rows : blocks)
            {
                final int columns = rows.stream().mapToInt(cells -> cells.length).max().orElse(0);
                final int[] widths = new int[columns];
                for (final String[] cells : rows)
                {
                    for (int c = 0; c < cells.length; c++)
                    {
                        widths[c] = Math.max(widths[c], cells[c].length());
                    }
                }
                for (final String[] cells : rows)
                {
                    final StringBuilder line = new StringBuilder(indent);
                    for (int c = 0; c < cells.length; c++)
                    {
                        line.append(cells[c]);
                        if (c < cells.length - 1)
                        {
                            line.append(" ".repeat(widths[c] - cells[c].length() + 2));
                        }
                    }
                    out.println(line);
                }
            }
        }
    }
}
