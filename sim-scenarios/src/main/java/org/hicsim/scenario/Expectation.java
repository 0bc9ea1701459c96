package org.hicsim.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import org.hicsim.mm.UpdateOutcome;

/**
 * One checked expectation of a scenario's {@code expect:} block. Each has the name a report shows it by and the
 * expected value as text; the runner measures the actual value and compares.
 */
public sealed interface Expectation
    permits Expectation.Outcome, Expectation.Refusal, Expectation.FinalVersion, Expectation.Count,
    Expectation.RatioLimit, Expectation.DurationLimit, Expectation.AlertCount, Expectation.Decisions
{
    /** The name a report shows, e.g. {@code outcome.netstack}, {@code max_error_rate}. */
    String name();

    /** The expected value as a report shows it, e.g. {@code [refused, completed]}, {@code <= 0.1%}. */
    String expected();

    /** Where it is written. */
    SourceLocation location();

    /**
     * {@code outcome: {service: …}}: how each update of the service ended, in the order they were asked for.
     *
     * @param outcomes one per update; never {@link UpdateOutcome#IN_PROGRESS}.
     */
    record Outcome(String service, List<UpdateOutcome> outcomes, SourceLocation location) implements Expectation
    {
        public Outcome
        {
            Objects.requireNonNull(service, "service");
            outcomes = List.copyOf(outcomes);
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String name()
        {
            return "outcome." + service;
        }

        @Override
        public String expected()
        {
            return outcomes.size() == 1 ? outcomes.get(0).key()
                : outcomes.stream().map(UpdateOutcome::key).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /**
     * {@code refusal: {service: …}}: why each update of the service was refused or aborted, in the order they
     * were asked for: a {@code Refusal}'s key ({@code bundle_rejected}, {@code quiescence_timeout}, …), or
     * {@value #NONE} for an update that was neither.
     */
    record Refusal(String service, List<String> reasons, SourceLocation location) implements Expectation
    {
        /** The reason of an update that was neither refused nor aborted. */
        public static final String NONE = "none";

        public Refusal
        {
            Objects.requireNonNull(service, "service");
            reasons = List.copyOf(reasons);
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String name()
        {
            return "refusal." + service;
        }

        @Override
        public String expected()
        {
            return reasons.size() == 1 ? reasons.get(0) : reasons.toString();
        }
    }

    /** {@code final_version: {service: version}}: the version the service's default instance runs at the end. */
    record FinalVersion(String service, String version, SourceLocation location) implements Expectation
    {
        public FinalVersion
        {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String name()
        {
            return "final_version." + service;
        }

        @Override
        public String expected()
        {
            return version;
        }
    }

    /** A count that must come out exactly so, e.g. {@code lost_connections: 0}. */
    record Count(CountKey key, long value, SourceLocation location) implements Expectation
    {
        public Count
        {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String name()
        {
            return key.key();
        }

        @Override
        public String expected()
        {
            return (key.isMinimum() ? ">= " : "") + value;
        }
    }

    /** A bound on a share, e.g. {@code max_error_rate: 0.1%}; {@code fraction} from 0 to 1. */
    record RatioLimit(RatioKey key, double fraction, SourceLocation location) implements Expectation
    {
        public RatioLimit
        {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String name()
        {
            return key.key();
        }

        @Override
        public String expected()
        {
            return (key.isMaximum() ? "<= " : ">= ") + Ratio.format(fraction);
        }
    }

    /** An upper bound on a virtual duration, e.g. {@code max_latency_p99: 20ms}. */
    record DurationLimit(DurationKey key, long ns, SourceLocation location) implements Expectation
    {
        public DurationLimit
        {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String name()
        {
            return key.key();
        }

        @Override
        public String expected()
        {
            return "<= " + VirtualDuration.format(ns);
        }
    }

    /**
     * {@code alerts: {min: {P1: 1}, max: {P0: 0}}}: a bound on how many alerts of one priority the Monitor
     * delivered over the run (the {@code alerts} of result.json; deduplicated and silenced ones are not delivered).
     *
     * @param minimum  whether {@code count} is a lower bound ({@code min:}) or an upper one ({@code max:}).
     * @param priority {@code P0} to {@code P3}.
     */
    record AlertCount(boolean minimum, String priority, long count, SourceLocation location) implements Expectation
    {
        /** The priorities an alert may have, most urgent first. */
        public static final List<String> PRIORITIES = List.of("P0", "P1", "P2", "P3");

        public AlertCount
        {
            if (!PRIORITIES.contains(priority) || count < 0)
            {
                throw new IllegalArgumentException("priority=" + priority + " count=" + count);
            }
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String name()
        {
            return "alerts." + (minimum ? "min." : "max.") + priority;
        }

        @Override
        public String expected()
        {
            return (minimum ? ">= " : "<= ") + count;
        }
    }

    /**
     * {@code decisions: [crashes-3-in-5m, rollback_full, level-1]}: each item, a rule's name, an action or a failure
     * level, names at least one decision the Monitor took (by the rule that decided it, the action it asked for or
     * the failure level of table 4.1 whose indicator decided it); {@code none} (an empty {@code items}): the
     * Monitor decided nothing at all.
     */
    record Decisions(List<String> items, SourceLocation location) implements Expectation
    {
        /** What the scenario writes, and the report shows, for "no decision". */
        public static final String NONE = "none";
        /** How an item naming a failure level begins: {@code level-1} to {@code level-4}. */
        public static final String LEVEL_PREFIX = "level-";

        public Decisions
        {
            items = List.copyOf(items);
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String name()
        {
            return "decisions";
        }

        @Override
        public String expected()
        {
            return items.isEmpty() ? NONE : items.toString();
        }
    }

    /** The counts: exact, but for a minimum. */
    enum CountKey
    {
        /** Client connections that ended without their client closing them, over the whole run. */
        LOST_CONNECTIONS(false),
        /** Rollbacks carried out (manual or automatic), over the whole run. */
        ROLLBACKS(false),
        /** Sandboxes Core-0 created after the installs (new instances, restarts), over the whole run. */
        SANDBOXES_CREATED(false),
        /** The most sandboxes alive at once, as Core-0 counts them: at least. */
        MIN_CONCURRENT_SANDBOXES(true),
        /** Writes the service's state answered but no longer shows, as the workload checks its replies. */
        LOST_WRITES(false);

        private final boolean minimum;

        CountKey(final boolean minimum)
        {
            this.minimum = minimum;
        }

        public String key()
        {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the value is a lower bound rather than exact. */
        public boolean isMinimum()
        {
            return minimum;
        }
    }

    /** The bounded shares. */
    enum RatioKey
    {
        /** Failed requests over all requests, over the whole run: at most. */
        MAX_ERROR_RATE(true),
        /** Requests served over requests sent, over the whole run: at least. */
        MIN_AVAILABILITY(false);

        private final boolean maximum;

        RatioKey(final boolean maximum)
        {
            this.maximum = maximum;
        }

        public String key()
        {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the bound is an upper one. */
        public boolean isMaximum()
        {
            return maximum;
        }
    }

    /** The bounded durations, all upper bounds. */
    enum DurationKey
    {
        /** The median request latency over the whole run. */
        MAX_LATENCY_P50,
        /** The 99th percentile request latency over the whole run. */
        MAX_LATENCY_P99,
        /** The longest time any update left its service without an instance answering. */
        MAX_DOWNTIME;

        public String key()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
