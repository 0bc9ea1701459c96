package org.hicsim.report;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a finished run found: the figures {@code result.json} holds, key for key (a component {@code traceSha256}
 * is the key {@code trace_sha256}), in the order written here. The runner fills it from the Module Manager's
 * update reports, Core-0 and the scenario's expectations; every output of the run is written from it, so the
 * same record always gives the same files.
 * <p>
 * Times are virtual nanoseconds since the run's start. Maps are copied sorted by key, so their order never
 * depends on how the runner collected them.
 *
 * @param scenario      the scenario's name ({@code netstack-rolling-update}).
 * @param seed          the seed the run used.
 * @param passed        every expectation held.
 * @param traceSha256   SHA-256 of {@code trace.txt}, lower-case hex.
 * @param expectations  each checked expectation, in the scenario's order.
 * @param finalVersions service to the version serving it when the run ended.
 * @param provenance    what made the run: the simulator's build, the bundles, the JVM.
 * @param updates       one per update the run asked for, in the order they were asked for.
 * @param rollbacks     every rollback, in time order.
 * @param alerts        every alert raised, in time order.
 * @param decisions     every decision the Monitor took, in time order, each with its explanation records.
 */
public record RunRecord(
    String scenario,
    long seed,
    boolean passed,
    String traceSha256,
    List<Expectation> expectations,
    Map<String, String> finalVersions,
    Provenance provenance,
    List<Update> updates,
    List<Rollback> rollbacks,
    List<Alert> alerts,
    List<Decision> decisions)
{
    /** A SHA-256 in hex. */
    private static final int SHA256_HEX_LENGTH = 64;

    public RunRecord
    {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(traceSha256, "traceSha256");
        if (traceSha256.length() != SHA256_HEX_LENGTH || !traceSha256.chars().allMatch(RunRecord::isLowerHex))
        {
            throw new IllegalArgumentException("traceSha256=" + traceSha256 + " must be 64 lower-case hex digits");
        }
        expectations = List.copyOf(expectations);
        finalVersions = sorted(finalVersions);
        Objects.requireNonNull(provenance, "provenance");
        updates = List.copyOf(updates);
        rollbacks = List.copyOf(rollbacks);
        alerts = List.copyOf(alerts);
        decisions = List.copyOf(decisions);
    }

    /** The names of the expectations that failed, in the scenario's order. */
    public List<String> failedExpectations()
    {
        return expectations.stream().filter(expectation -> !expectation.passed()).map(Expectation::name).toList();
    }

    /**
     * One checked expectation, as a person reads it: {@code outcome.netstack} expected {@code completed}, actual
     * {@code rolled_back}.
     */
    public record Expectation(String name, String expected, String actual, boolean passed)
    {
        public Expectation
        {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(actual, "actual");
        }
    }

    /**
     * @param simulatorVersion the simulator's version ({@link BuildInfo#version()}).
     * @param commit           the commit it was built from, {@code -dirty} appended if the tree had changes.
     * @param bundleDigests    bundle (file stem) to the SHA-384 of its signed bytes ({@code Bundle.digestHex()}: the
     *                         manifest and code, not the signature), for every bundle the run loaded.
     * @param jvm              the JVM that ran it.
     */
    public record Provenance(String simulatorVersion, String commit, Map<String, String> bundleDigests,
        String jvm)
    {
        public Provenance
        {
            Objects.requireNonNull(simulatorVersion, "simulatorVersion");
            Objects.requireNonNull(commit, "commit");
            bundleDigests = sorted(bundleDigests);
            Objects.requireNonNull(jvm, "jvm");
        }

        /** This build of the simulator on this JVM, with the digests of the bundles a run loaded. */
        public static Provenance ofThisBuild(final Map<String, String> bundleDigests)
        {
            final BuildInfo build = BuildInfo.current();
            return new Provenance(build.version(), build.commitDescription(), bundleDigests, build.jvm());
        }
    }

    /**
     * One update, as the Module Manager reported it.
     *
     * @param from         the version updated from.
     * @param to           the version updated to (or the bundle asked for, if it was never verified).
     * @param outcome      {@code completed}, {@code rolled_back}, {@code refused}, {@code aborted} or
     *                     {@code in_progress} if the run ended first.
     * @param downtimeNs   the longest time any connection's requests were held.
     * @param switchoverNs the endpoint switch's own time.
     * @param requests     requests of clients answered by either instance while the update ran (to the end of its
     *                     migration); with none, the error rate is 0 and measured nothing.
     * @param errorRate    errors over those requests.
     * @param refusal      why it was refused, aborted or rolled back; null when it completed.
     */
    public record Update(
        String service,
        String from,
        String to,
        String outcome,
        List<Phase> phases,
        List<Wave> waves,
        Connections connections,
        long downtimeNs,
        long switchoverNs,
        long requests,
        double errorRate,
        LatencyNs latencyNs,
        String refusal)
    {
        public Update
        {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(outcome, "outcome");
            phases = List.copyOf(phases);
            waves = List.copyOf(waves);
            Objects.requireNonNull(connections, "connections");
            if (requests < 0)
            {
                throw new IllegalArgumentException("requests=" + requests + " must not be negative");
            }
            checkFraction("errorRate", errorRate);
            Objects.requireNonNull(latencyNs, "latencyNs");
        }

        /** 1 minus the error rate: the share of requests answered well during the update. */
        public double availability()
        {
            return 1 - errorRate;
        }

        /** When the first phase started, or -1 without phases (refused before any). */
        public long startNs()
        {
            return phases.isEmpty() ? -1 : phases.get(0).startNs();
        }

        /** When the last phase ended, or -1 without phases. */
        public long endNs()
        {
            return phases.stream().mapToLong(Phase::endNs).max().orElse(-1);
        }
    }

    /** One phase of an update's timeline. */
    public record Phase(String name, long startNs, long endNs)
    {
        public Phase
        {
            Objects.requireNonNull(name, "name");
            if (endNs < startNs)
            {
                throw new IllegalArgumentException("name=" + name + " startNs=" + startNs + " endNs=" + endNs
                    + ": a phase cannot end before it starts");
            }
        }
    }

    /**
     * One wave (stage) of the connection migration, at its end.
     *
     * @param wave               the stage's name ({@code idle-low}, {@code share-25}).
     * @param trafficNewFraction the share of the requests answered during the wave that the new instance served.
     */
    public record Wave(String wave, long cumulativeMigrated, double cumulativeFraction, long endNs,
        double trafficNewFraction)
    {
        public Wave
        {
            Objects.requireNonNull(wave, "wave");
            checkFraction("cumulativeFraction", cumulativeFraction);
            checkFraction("trafficNewFraction", trafficNewFraction);
        }
    }

    /** The update's connections: all of them, and what happened to them. */
    public record Connections(long total, long migrated, long failed, long rebuilt, long lost)
    {
    }

    /** Latency percentiles before, during and after the update. */
    public record LatencyNs(Percentiles before, Percentiles during, Percentiles after)
    {
        public LatencyNs
        {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(during, "during");
            Objects.requireNonNull(after, "after");
        }
    }

    /** Two latency percentiles over one window, in virtual ns; 0 when the window had no requests. */
    public record Percentiles(long p50, long p99)
    {
    }

    /**
     * @param kind   how it was decided: {@code manual}, {@code automatic}, {@code emergency}, {@code recovery}.
     * @param reason    why, as the Module Manager or Monitor recorded it.
     * @param abandoned what an emergency rollback abandoned, as the update's report counts it: the connection
     *                  migrations in flight when it began, or, when it restarted the old version from the rollback
     *                  point, the connections the killed instance owned; their clients reconnect. 0 when none.
     */
    public record Rollback(String service, String kind, String reason, long atNs, long abandoned)
    {
        /** An operator asked for it (a scenario's {@code rollback} or {@code reject} step). */
        public static final String MANUAL = "manual";
        /** The Monitor's rules decided it. */
        public static final String AUTOMATIC = "automatic";
        /** An emergency rollback: the Module Manager found corruption, or it was asked for as one. */
        public static final String EMERGENCY = "emergency";
        /** A restarted Module Manager found the update half done in its journal and rolled it back. */
        public static final String RECOVERY = "recovery";
        /** Every kind result.json may hold, as its schema lists them. */
        public static final List<String> KINDS = List.of(MANUAL, AUTOMATIC, EMERGENCY, RECOVERY);

        public Rollback
        {
            Objects.requireNonNull(service, "service");
            if (!KINDS.contains(kind))
            {
                throw new IllegalArgumentException("kind=" + kind + " is none of " + KINDS);
            }
            Objects.requireNonNull(reason, "reason");
            if (abandoned < 0)
            {
                throw new IllegalArgumentException("abandoned=" + abandoned + " must not be negative");
            }
        }

        /** The same rollback with the abandoned migrations its update's report counted. */
        public Rollback withAbandoned(final long count)
        {
            return new Rollback(service, kind, reason, atNs, count);
        }
    }

    /** @param priority {@code P0} (most urgent) to {@code P3}. */
    public record Alert(String priority, long atNs, String text)
    {
        public Alert
        {
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * One decision of the Monitor, as its trace line {@code monitor.decision} carries it.
     *
     * @param id           the decision's number within its service's analysis.
     * @param trigger      what made the Monitor decide: {@code event}, {@code tick}, {@code gate}, {@code canary},
     *                     {@code operator}.
     * @param rule         the rule that decided (the decision's reason), or how a person or a deadline decided.
     * @param ruleAction   what the explanation records alone give (replaying them gives it back).
     * @param action       what was asked of the Module Manager once the lifecycle had its say.
     * @param status       {@code act}, {@code awaiting_confirmation}, {@code dry_run} or {@code refused}.
     * @param priority     the alert priority of the rule that decided, {@code P0} to {@code P3}.
     * @param failureLevel the failure level of table 4.1 (1 to 4) whose indicator decided; null where none did (a
     *                     matrix row, a person, a deadline).
     * @param deadlineNs   by when the action must be done, or when a pause or confirmation takes its default.
     * @param explanations the records the decision was taken on, in the order the Monitor evaluated them.
     */
    public record Decision(
        String service,
        long id,
        long atNs,
        String trigger,
        String rule,
        String ruleAction,
        String action,
        String status,
        String priority,
        Integer failureLevel,
        long deadlineNs,
        List<Explanation> explanations)
    {
        public Decision
        {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(ruleAction, "ruleAction");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(priority, "priority");
            explanations = List.copyOf(explanations);
        }
    }

    /**
     * One explanation record, the trace's {@code monitor.explanation} line as fields: the criterion's value over
     * the half-open window (windowLeftNs, windowRightNs], its operator and threshold, the samples read, and for a
     * confidence-score component its weight and contribution. Numbers have exactly six decimals, as the trace
     * prints them; null where the trace prints {@code -}.
     *
     * @param kind  {@code rule}, {@code component} (of the confidence score) or {@code score}.
     * @param nodata the criterion's NODATA policy.
     * @param action the rule's action when hit.
     * @param heldSinceNs since when the rule's value has held against its threshold without a break, as judged at
     *               each evaluation; null when it does not hold (and for the score's records).
     */
    public record Explanation(
        String kind,
        String rule,
        String verdict,
        BigDecimal value,
        String operator,
        BigDecimal threshold,
        long windowLeftNs,
        long windowRightNs,
        long n,
        BigDecimal weight,
        BigDecimal contribution,
        boolean hit,
        boolean critical,
        boolean dryRun,
        String nodata,
        String action,
        Long heldSinceNs)
    {
        public Explanation
        {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(nodata, "nodata");
            Objects.requireNonNull(action, "action");
        }
    }

    private static Map<String, String> sorted(final Map<String, String> map)
    {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** A share in [0, 1]; NaN would make result.json invalid JSON. */
    private static void checkFraction(final String name, final double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new IllegalArgumentException(name + "=" + value + " must be in [0, 1]");
        }
    }

    private static boolean isLowerHex(final int c)
    {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
