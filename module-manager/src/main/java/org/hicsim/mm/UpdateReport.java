package org.hicsim.mm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one update did, figure by figure (HIC step 4.3's report, and what a scenario's {@code result.json} shows):
 * the phase timeline, each wave's end, the connections moved, failed, rebuilt and lost, the longest time any
 * connection's requests were held (the downtime a client could see), the endpoint switch, the error rate and
 * latency before, during and after, and the memory reclaimed. Every figure is measured from the run (the clock,
 * Core-0's metrics, the dispatch table), none is set by construction.
 */
public final class UpdateReport
{
    /** One phase or step of the timeline. */
    public record PhaseSpan(String name, long startNs, long endNs)
    {
    }

    /**
     * One wave's (stage's) end: connections moved so far and their share of all, and the share of the requests
     * answered during the wave that the new instance served.
     */
    public record Wave(String name, long cumulativeMigrated, double cumulativeFraction, long endNs,
        double trafficNewFraction)
    {
    }

    /** One rollback action taken on the update: its kind, why, and when it was asked for. */
    public record Rollback(RollbackKind kind, String reason, long atNs)
    {
    }

    /** Latency percentiles over one window, in virtual ns. */
    public record Latency(long p50Ns, long p99Ns, long count)
    {
    }

    private final String service;
    private final String fromVersion;
    private String toVersion;
    private String toDigest;
    private final long startNs;
    private final List<PhaseSpan> phases = new ArrayList<>();
    private final List<Wave> waves = new ArrayList<>();
    private final List<Rollback> rollbacks = new ArrayList<>();
    private long abandoned;
    private RootCause rootCause;
    private Boolean validated;
    private UpdateOutcome outcome = UpdateOutcome.IN_PROGRESS;
    private Refusal refusal;
    private String reason = "";
    private long endNs = -1;
    private long connectionsTotal;
    private long migrated;
    private long failed;
    private long rebuilt;
    private long lost;
    private long downtimeNs;
    private long switchoverNs;
    private long requestsDuring;
    private long errorsDuring;
    private Latency latencyBefore = new Latency(0, 0, 0);
    private Latency latencyDuring = new Latency(0, 0, 0);
    private Latency latencyAfter = new Latency(0, 0, 0);
    private long memoryReleasedBytes;
    private long rollbackWindowNs;
    private long retried;
    private long verificationFailed;
    private long channelRefused;
    private long channelsOpened;
    private long baselineOldNs = -1;
    private long baselineNewNs = -1;
    private long leakGrowthBytes;

    UpdateReport(final String service, final String fromVersion, final String toVersion, final String toDigest,
        final long startNs)
    {
        this.service = service;
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.toDigest = toDigest;
        this.startNs = startNs;
    }

    public String service()
    {
        return service;
    }

    public String fromVersion()
    {
        return fromVersion;
    }

    /** The version updated to, or the bundle asked for until it was fetched and verified. */
    public String toVersion()
    {
        return toVersion;
    }

    /** The digest of the bundle updated to (empty if it was never fetched and verified). */
    public String toDigest()
    {
        return toDigest;
    }

    public long startNs()
    {
        return startNs;
    }

    /** When the update ended, or -1 while it runs. */
    public long endNs()
    {
        return endNs;
    }

    public UpdateOutcome outcome()
    {
        return outcome;
    }

    /** Why it was refused, aborted or rolled back; null when it completed or runs. */
    public Refusal refusal()
    {
        return refusal;
    }

    /** The detail of the refusal or of the rollback's cause. */
    public String reason()
    {
        return reason;
    }

    public List<PhaseSpan> phases()
    {
        return Collections.unmodifiableList(phases);
    }

    public List<Wave> waves()
    {
        return Collections.unmodifiableList(waves);
    }

    /** Every rollback action taken on this update, in the order they were taken. */
    public List<Rollback> rollbacks()
    {
        return Collections.unmodifiableList(rollbacks);
    }

    /** Connection migrations an emergency rollback abandoned: in flight when it began, their clients reconnect. */
    public long abandoned()
    {
        return abandoned;
    }

    /** The root-cause report of a rollback of this update in progress, or null. */
    public RootCause rootCause()
    {
        return rootCause;
    }

    /**
     * Whether the post-rollback validation passed (every connection on the old instance, which is healthy), or
     * null if no rollback of this update in progress ended.
     */
    public Boolean validated()
    {
        return validated;
    }

    void rootCause(final RootCause cause)
    {
        rootCause = cause;
    }

    void validation(final boolean passed)
    {
        validated = passed;
    }

    void rollback(final Rollback rollback)
    {
        rollbacks.add(rollback);
    }

    void abandoned(final long count)
    {
        abandoned += count;
    }

    public long connectionsTotal()
    {
        return connectionsTotal;
    }

    public long migrated()
    {
        return migrated;
    }

    public long failed()
    {
        return failed;
    }

    public long rebuilt()
    {
        return rebuilt;
    }

    public long lost()
    {
        return lost;
    }

    /** The longest time any connection was frozen: requests on it were held that long at most. */
    public long downtimeNs()
    {
        return downtimeNs;
    }

    /** From the switch request to the registry's new default: the endpoint switch's own time. */
    public long switchoverNs()
    {
        return switchoverNs;
    }

    /** Errors over requests answered by either instance while the update ran. */
    public double errorRate()
    {
        return requestsDuring == 0 ? 0 : (double)errorsDuring / requestsDuring;
    }

    /** 1 minus {@link #errorRate()}: the share of requests answered well during the update. */
    public double availability()
    {
        return 1 - errorRate();
    }

    public long requestsDuring()
    {
        return requestsDuring;
    }

    public Latency latencyBefore()
    {
        return latencyBefore;
    }

    public Latency latencyDuring()
    {
        return latencyDuring;
    }

    public Latency latencyAfter()
    {
        return latencyAfter;
    }

    public long memoryReleasedBytes()
    {
        return memoryReleasedBytes;
    }

    /** Tries again of a connection whose move or check failed (each try after the first, both directions). */
    public long retried()
    {
        return retried;
    }

    /** Moves a connection's check refused: its sequence did not continue, or its first request was too slow. */
    public long verificationFailed()
    {
        return verificationFailed;
    }

    /** Records the migration channel refused (tampered with, replayed, out of order); each one's state moved again. */
    public long channelRefused()
    {
        return channelRefused;
    }

    /** Migration channels opened between the two instances: the first, and one after each refusal or failure. */
    public long channelsOpened()
    {
        return channelsOpened;
    }

    /** The old instance's fastest answer to the phase-2 test packets, in ns; -1 if none was sent. */
    public long baselineOldNs()
    {
        return baselineOldNs;
    }

    /** The new instance's fastest answer to the phase-2 test packets, in ns; -1 if none was sent. */
    public long baselineNewNs()
    {
        return baselineNewNs;
    }

    /** How much the new instance's memory grew over the phase-2 leak check, in bytes. */
    public long leakGrowthBytes()
    {
        return leakGrowthBytes;
    }

    void retriedOne()
    {
        retried++;
    }

    void verificationFailedOne()
    {
        verificationFailed++;
    }

    void channel(final long refused, final long opened)
    {
        channelRefused = refused;
        channelsOpened = opened;
    }

    void baseline(final long oldNs, final long newNs)
    {
        baselineOldNs = oldNs;
        baselineNewNs = newNs;
    }

    void leakGrowth(final long bytes)
    {
        leakGrowthBytes = bytes;
    }

    /** The bundle was fetched and verified: the version and digest updated to. */
    void target(final String version, final String digest)
    {
        toVersion = version;
        toDigest = digest;
    }

    void phase(final String name, final long phaseStartNs, final long phaseEndNs)
    {
        phases.add(new PhaseSpan(name, phaseStartNs, phaseEndNs));
    }

    void wave(final Wave wave)
    {
        waves.add(wave);
    }

    /** How long after completion the update may still be rolled back (the policy's window). */
    public long rollbackWindowNs()
    {
        return rollbackWindowNs;
    }

    void rollbackWindow(final long ns)
    {
        rollbackWindowNs = ns;
    }

    /** A completed update was undone from its rollback point: the service runs the version it replaced again. */
    void rolledBackAfterCompletion(final String why, final long atNs)
    {
        outcome = UpdateOutcome.ROLLED_BACK;
        reason = why;
        endNs = atNs;
    }

    void end(final UpdateOutcome finalOutcome, final Refusal why, final String detail, final long atNs)
    {
        outcome = finalOutcome;
        refusal = why;
        reason = detail;
        endNs = atNs;
    }

    void connectionsTotal(final long total)
    {
        connectionsTotal = total;
    }

    void migratedOne()
    {
        migrated++;
    }

    void migratedBack()
    {
        migrated--;
    }

    void failedOne()
    {
        failed++;
    }

    void rebuilt(final long count)
    {
        rebuilt += count;
    }

    void lost(final long count)
    {
        lost += count;
    }

    void frozenFor(final long ns)
    {
        downtimeNs = Math.max(downtimeNs, ns);
    }

    void switchover(final long ns)
    {
        switchoverNs = ns;
    }

    void traffic(final long requests, final long errors)
    {
        requestsDuring = requests;
        errorsDuring = errors;
    }

    void latency(final Latency before, final Latency during, final Latency after)
    {
        latencyBefore = before;
        latencyDuring = during;
        latencyAfter = after;
    }

    void memoryReleased(final long bytes)
    {
        memoryReleasedBytes += bytes;
    }

    @Override
    public String toString()
    {
        return "update " + service + " " + fromVersion + " -> " + toVersion + ": " + outcome.key()
            + (refusal == null ? "" : " (" + refusal + (reason.isEmpty() ? "" : ": " + reason) + ")")
            + " migrated=" + migrated + "/" + connectionsTotal + " failed=" + failed + " lost=" + lost
            + " channelRefused=" + channelRefused;
    }
}
