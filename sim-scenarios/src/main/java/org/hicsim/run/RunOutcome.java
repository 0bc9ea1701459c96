package org.hicsim.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

import org.HdrHistogram.Histogram;
import org.hicsim.mm.ModuleManager;
import org.hicsim.mm.RollbackKind;
import org.hicsim.mm.UpdateOutcome;
import org.hicsim.mm.UpdateReport;
import org.hicsim.report.ControlFlows;
import org.hicsim.report.MetricSeries;
import org.hicsim.report.RunRecord;
import org.hicsim.scenario.Expectation;
import org.hicsim.scenario.Ratio;
import org.hicsim.scenario.Scenario;

/**
 * What a run of a scenario left: its updates' reports, the final versions, the clients' figures, the metric
 * series and the trace's digest; checked against the scenario's expectations into a {@link RunRecord}.
 */
public final class RunOutcome
{
    /** The actual value of an expectation the run had nothing to measure by (a workload that checks nothing). */
    static final String NOT_MEASURED = "not measured";
    /** The phase a restarted Module Manager's report of an update it found half done begins with. */
    private static final String RECOVERY_PHASE = "recovery";

    private final Scenario scenario;
    private final long seed;
    private final ModuleManager manager;
    private final List<UpdateReport> reports;
    private final ClientWorkloads workload;
    private final MetricSeries series;
    private final ControlFlows flows;
    private final Map<String, String> bundleDigests;
    private final String traceSha256;
    private final Counts counts;

    /**
     * The counts the run kept beside the workload's own.
     *
     * @param sandboxesCreated      sandboxes Core-0 created after the installs.
     * @param concurrentSandboxesMax the most sandboxes alive at once.
     * @param lostWrites            writes the service's state lost, as the workload checked them; null if it did
     *                              not check.
     */
    record Counts(long sandboxesCreated, int concurrentSandboxesMax, Long lostWrites)
    {
    }

    private final MonitorRecords monitor;

    RunOutcome(
        final Scenario scenario,
        final long seed,
        final ModuleManager manager,
        final List<UpdateReport> reports,
        final ClientWorkloads workload,
        final MetricSeries series,
        final ControlFlows flows,
        final Map<String, String> bundleDigests,
        final String traceSha256,
        final Counts counts,
        final MonitorRecords monitor)
    {
        this.monitor = monitor;
        this.scenario = scenario;
        this.seed = seed;
        this.manager = manager;
        this.reports = List.copyOf(reports);
        this.workload = workload;
        this.series = series;
        this.flows = flows;
        this.bundleDigests = bundleDigests;
        this.traceSha256 = traceSha256;
        this.counts = counts;
    }

    public MetricSeries series()
    {
        return series;
    }

    public ControlFlows flows()
    {
        return flows;
    }

    public String traceSha256()
    {
        return traceSha256;
    }

    /**
     * The reports of the updates the run made, in order: a dependency's own update and a rollback's included,
     * across restarts of the Module Manager (a killed one's unfinished report is left out: its successor's
     * recovery reports how that update ended).
     */
    public List<UpdateReport> updates()
    {
        return reports;
    }

    /** Every expectation checked, and the whole as result.json holds it. */
    public RunRecord record()
    {
        final List<RunRecord.Expectation> checked = new ArrayList<>();
        for (final Expectation expectation : scenario.expectations())
        {
            final String actual = actual(expectation);
            checked.add(new RunRecord.Expectation(expectation.name(), expectation.expected(), actual,
                holds(expectation, actual)));
        }
        final boolean passed = checked.stream().allMatch(RunRecord.Expectation::passed);
        final List<RunRecord.Update> updateRecords = new ArrayList<>();
        final List<RunRecord.Rollback> rollbacks = new ArrayList<>();
        final List<RunRecord.Rollback> claimed = new ArrayList<>();
        for (final UpdateReport report : reports)
        {
            updateRecords.add(UpdateRecords.of(report));
            if (report.outcome() == UpdateOutcome.ROLLED_BACK)
            {
                final RunRecord.Rollback decided = monitor.claim(report.service(), report.endNs(), claimed);
                if (decided != null)
                {
                    claimed.add(decided);
                }
                rollbacks.add(decided != null ? decided.withAbandoned(report.abandoned())
                    : new RunRecord.Rollback(report.service(), undecidedKind(report), report.reason(),
                    report.endNs(), report.abandoned()));
            }
            for (final UpdateReport.Rollback configuration : configurationRollbacks(report))
            {
                rollbacks.add(new RunRecord.Rollback(report.service(), RunRecord.Rollback.MANUAL, "configuration: "
                    + configuration.reason(), configuration.atNs(), 0));
            }
        }
        return new RunRecord(scenario.name(), seed, passed, traceSha256, checked, manager.versions(),
            RunRecord.Provenance.ofThisBuild(bundleDigests), updateRecords, rollbacks, monitor.alerts(),
            monitor.decisions());
    }

    /**
     * A rollback no Monitor decided: {@code emergency} if it ended as one (asked for, or the Module Manager's own),
     * {@code recovery} if a restarted Module Manager rolled back what it found half done (its report's timeline
     * begins with the {@code recovery} phase), {@code manual} otherwise.
     */
    private static String undecidedKind(final UpdateReport report)
    {
        final List<UpdateReport.Rollback> taken = report.rollbacks();
        if (!taken.isEmpty() && taken.get(taken.size() - 1).kind() == RollbackKind.EMERGENCY)
        {
            return RunRecord.Rollback.EMERGENCY;
        }
        return !report.phases().isEmpty() && RECOVERY_PHASE.equals(report.phases().get(0).name())
            ? RunRecord.Rollback.RECOVERY : RunRecord.Rollback.MANUAL;
    }

    /** The configuration rollbacks recorded on an update's report (they change no version, so no outcome). */
    private static List<UpdateReport.Rollback> configurationRollbacks(final UpdateReport report)
    {
        return report.rollbacks().stream().filter(rollback -> rollback.kind() == RollbackKind.CONFIGURATION)
            .toList();
    }

    private String actual(final Expectation expectation)
    {
        if (expectation instanceof Expectation.Outcome outcome)
        {
            final List<String> outcomes = reports.stream()
                .filter(report -> report.service().equals(outcome.service()))
                .map(report -> report.outcome().key()).toList();
            return outcomes.size() == 1 ? outcomes.get(0) : outcomes.toString();
        }
        if (expectation instanceof Expectation.Refusal refusal)
        {
            final List<String> reasons = reports.stream()
                .filter(report -> report.service().equals(refusal.service()))
                .map(report -> report.refusal() == null ? Expectation.Refusal.NONE
                    : report.refusal().name().toLowerCase(Locale.ROOT)).toList();
            return reasons.size() == 1 ? reasons.get(0) : reasons.toString();
        }
        if (expectation instanceof Expectation.FinalVersion version)
        {
            return manager.versions().getOrDefault(version.service(), "not installed");
        }
        if (expectation instanceof Expectation.Count count)
        {
            if (count.key() == Expectation.CountKey.LOST_WRITES && counts.lostWrites() == null)
            {
                return NOT_MEASURED;
            }
            return Long.toString(switch (count.key())
            {
                case LOST_CONNECTIONS -> workload.lost();
                case ROLLBACKS -> reports.stream()
                    .filter(report -> report.outcome() == UpdateOutcome.ROLLED_BACK).count()
                    + reports.stream().mapToLong(report -> configurationRollbacks(report).size()).sum();
                case SANDBOXES_CREATED -> counts.sandboxesCreated();
                case MIN_CONCURRENT_SANDBOXES -> counts.concurrentSandboxesMax();
                case LOST_WRITES -> counts.lostWrites();
            });
        }
        if (expectation instanceof Expectation.AlertCount alerts)
        {
            return Long.toString(monitor.alerts().stream()
                .filter(alert -> alert.priority().equals(alerts.priority())).count());
        }
        if (expectation instanceof Expectation.Decisions)
        {
            return decisionsTaken();
        }
        if (expectation instanceof Expectation.RatioLimit ratio)
        {
            final double errorRate = errorRate();
            return Ratio.format(ratio.key() == Expectation.RatioKey.MAX_ERROR_RATE ? errorRate : 1 - errorRate);
        }
        final Expectation.DurationLimit limit = (Expectation.DurationLimit)expectation;
        return Long.toString(switch (limit.key())
        {
            case MAX_LATENCY_P50 -> percentile(50);
            case MAX_LATENCY_P99 -> percentile(99);
            case MAX_DOWNTIME -> reports.stream().mapToLong(UpdateReport::downtimeNs).max().orElse(0);
        }) + "ns";
    }

    private boolean holds(final Expectation expectation, final String actual)
    {
        if (expectation instanceof Expectation.Outcome outcome)
        {
            final List<String> expected = outcome.outcomes().stream().map(UpdateOutcome::key).toList();
            return actual.equals(expected.size() == 1 ? expected.get(0) : expected.toString());
        }
        if (expectation instanceof Expectation.FinalVersion version)
        {
            return actual.equals(version.version());
        }
        if (expectation instanceof Expectation.Refusal refusal)
        {
            return actual.equals(refusal.expected());
        }
        if (expectation instanceof Expectation.Count count)
        {
            if (NOT_MEASURED.equals(actual))
            {
                return false;
            }
            return count.key().isMinimum() ? Long.parseLong(actual) >= count.value()
                : Long.parseLong(actual) == count.value();
        }
        if (expectation instanceof Expectation.AlertCount alerts)
        {
            return alerts.minimum() ? Long.parseLong(actual) >= alerts.count() : Long.parseLong(actual) <= alerts.count();
        }
        if (expectation instanceof Expectation.Decisions decisions)
        {
            return decisions.items().isEmpty() ? Expectation.Decisions.NONE.equals(actual)
                : decisions.items().stream().allMatch(item -> monitor.decisions().stream()
                    .anyMatch(decision -> item.equals(decision.rule()) || item.equals(decision.action())
                        || item.equals(Expectation.Decisions.LEVEL_PREFIX + decision.failureLevel())));
        }
        if (expectation instanceof Expectation.RatioLimit ratio)
        {
            final double value = Ratio.parsePercent(actual);
            return ratio.key().isMaximum() ? value <= ratio.fraction() : value >= ratio.fraction();
        }
        final Expectation.DurationLimit limit = (Expectation.DurationLimit)expectation;
        return Long.parseLong(actual.substring(0, actual.length() - 2)) <= limit.ns();
    }

    /**
     * The Monitor's decisions as a person reads them, each rule once with the actions it asked for, in the order
     * first decided: {@code [crashes-3-in-5m -> rollback_full]}; {@code none} without any.
     */
    private String decisionsTaken()
    {
        final Map<String, Set<String>> actions = new LinkedHashMap<>();
        for (final RunRecord.Decision decision : monitor.decisions())
        {
            actions.computeIfAbsent(decision.rule(), rule -> new TreeSet<>()).add(decision.action());
        }
        if (actions.isEmpty())
        {
            return Expectation.Decisions.NONE;
        }
        final StringJoiner taken = new StringJoiner(", ", "[", "]");
        actions.forEach((rule, asked) -> taken.add(rule + " -> " + String.join("/", asked)));
        return taken.toString();
    }

    /** Errors over requests the clients had answered, over the whole run. */
    private double errorRate()
    {
        return workload.answered() == 0 ? 0 : (double)workload.errors() / workload.answered();
    }

    private long percentile(final double percentile)
    {
        final Histogram latency = workload.latency();
        return latency == null || latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile);
    }
}
