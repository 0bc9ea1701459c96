package org.hicsim.monitor.service;

import java.util.Objects;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.MonitorPolicy;

/**
 * How the Monitor service runs: its decision policy, how often it reads the metrics of the instances it watches
 * (the policy's health-check cadence), how it routes alerts, and whether it restarts a service whose default
 * instance crashed (asked per service at the moment of the crash, since a scenario's policy may change), and
 * when, if ever, it judges an update's promotion gate.
 *
 * @param gateAfterNs how long after an update's new instance takes traffic the Monitor judges whether its
 *                    revision may advance (a rule that cannot judge yet pauses); 0: no gate.
 * @param canaryIntervalNs how long a canary analysis samples an update held after a stage for approval before it is
 *                    judged ({@link CanaryAnalysis}); 0: none.
 */
public record MonitorConfig(
    MonitorPolicy policy,
    long healthCheckNs,
    long alertDedupNs,
    long alertMergeNs,
    RestartPolicy restartOnCrash,
    long gateAfterNs,
    long canaryIntervalNs)
{
    /** HIC's health-check cadence. */
    public static final long HEALTH_CHECK_NS_DEFAULT = 5 * Simulation.SECONDS;
    public static final long ALERT_DEDUP_NS_DEFAULT = 5 * Simulation.MINUTES;
    public static final long ALERT_MERGE_NS_DEFAULT = 10 * Simulation.MINUTES;

    /** Whether a crashed service is restarted. */
    @FunctionalInterface
    public interface RestartPolicy
    {
        boolean restart(String service, long atNs);
    }

    public MonitorConfig
    {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(restartOnCrash, "restartOnCrash");
        if (healthCheckNs <= 0 || alertDedupNs < 0 || alertMergeNs < 0 || gateAfterNs < 0 || canaryIntervalNs < 0)
        {
            throw new IllegalArgumentException("healthCheckNs=" + healthCheckNs + " alertDedupNs=" + alertDedupNs
                + " alertMergeNs=" + alertMergeNs + " gateAfterNs=" + gateAfterNs + " canaryIntervalNs="
                + canaryIntervalNs + " must be positive (the windows, the gate and the canary interval may be 0)");
        }
    }

    /** The HIC document's rules, a check every 5 s, no restarts, no gate, no canary analysis. */
    public static MonitorConfig defaults()
    {
        return new MonitorConfig(MonitorPolicy.defaults(), HEALTH_CHECK_NS_DEFAULT, ALERT_DEDUP_NS_DEFAULT,
            ALERT_MERGE_NS_DEFAULT, (service, atNs) -> false, 0, 0);
    }

    public MonitorConfig withPolicy(final MonitorPolicy newPolicy)
    {
        return new MonitorConfig(newPolicy, healthCheckNs, alertDedupNs, alertMergeNs, restartOnCrash, gateAfterNs,
            canaryIntervalNs);
    }

    public MonitorConfig withHealthCheckNs(final long newHealthCheckNs)
    {
        return new MonitorConfig(policy, newHealthCheckNs, alertDedupNs, alertMergeNs, restartOnCrash, gateAfterNs,
            canaryIntervalNs);
    }

    public MonitorConfig withRestartOnCrash(final RestartPolicy newRestartOnCrash)
    {
        return new MonitorConfig(policy, healthCheckNs, alertDedupNs, alertMergeNs, newRestartOnCrash, gateAfterNs,
            canaryIntervalNs);
    }

    public MonitorConfig withGateAfterNs(final long newGateAfterNs)
    {
        return new MonitorConfig(policy, healthCheckNs, alertDedupNs, alertMergeNs, restartOnCrash, newGateAfterNs,
            canaryIntervalNs);
    }

    public MonitorConfig withCanaryIntervalNs(final long newCanaryIntervalNs)
    {
        return new MonitorConfig(policy, healthCheckNs, alertDedupNs, alertMergeNs, restartOnCrash, gateAfterNs,
            newCanaryIntervalNs);
    }
}
