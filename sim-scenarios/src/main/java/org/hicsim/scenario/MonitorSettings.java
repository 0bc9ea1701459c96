package org.hicsim.scenario;

import org.hicsim.core0.sim.Simulation;

/**
 * A scenario's {@code monitor:} block: the Monitor service runs, reading every update's instances at the
 * health-check cadence and sending its decisions to the Module Manager (docs/scenario-format.md, "The Monitor").
 *
 * @param healthCheckNs          how often it reads the metrics regions.
 * @param confirmation           a rollback the rules decide waits for a person (an {@code approve} or
 *                               {@code reject} step) until {@code confirmationTimeoutNs}, then is carried out.
 * @param pauseDeadlineNs        how long a pause waits for an answer before its default action.
 * @param pauseDefaultRollback   the pause's default action: roll back (true) or resume.
 * @param dryRun                 every rule is evaluated and reported, none acted on.
 * @param gateAfterNs            how long after an update's new instance takes traffic its promotion gate is
 *                               judged; 0: never.
 * @param canaryIntervalNs       how long a canary analysis samples an update held after its canary stage before
 *                               the Monitor judges it (approve on PASS, roll back on FAIL); 0: none.
 */
public record MonitorSettings(
    long healthCheckNs,
    boolean confirmation,
    long confirmationTimeoutNs,
    long pauseDeadlineNs,
    boolean pauseDefaultRollback,
    boolean dryRun,
    long gateAfterNs,
    long canaryIntervalNs)
{
    public static final MonitorSettings DEFAULTS = new MonitorSettings(5 * Simulation.SECONDS, false,
        5 * Simulation.MINUTES, 10 * Simulation.MINUTES, true, false, 0, 0);
}
