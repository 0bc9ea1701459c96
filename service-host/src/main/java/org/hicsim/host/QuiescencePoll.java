package org.hicsim.host;

import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Quiescence;

/**
 * One wait for a quiescent point: asks the service {@code prepare_migration(level)} now and every poll interval
 * of virtual time after, until it answers ready or the deadline passes, which ends it with an
 * {@code abort_migration}, so a service that never quiesces cancels the update and keeps running. The last
 * poll is at the deadline itself.
 */
final class QuiescencePoll implements EventHandler
{
    private final ServiceInstance instance;
    private final Simulation simulation;
    private final Quiescence level;
    private final long deadlineNs;
    private final long pollIntervalNs;
    private final QuiescenceCallback callback;
    private int polls;

    QuiescencePoll(
        final ServiceInstance instance,
        final Simulation simulation,
        final Quiescence level,
        final long deadlineNs,
        final long pollIntervalNs,
        final QuiescenceCallback callback)
    {
        this.instance = instance;
        this.simulation = simulation;
        this.level = level;
        this.deadlineNs = deadlineNs;
        this.pollIntervalNs = pollIntervalNs;
        this.callback = callback;
    }

    /** The first poll runs at the current instant, after the event that started the wait. */
    void start()
    {
        simulation.schedule(0, this, 0);
    }

    @Override
    public void onEvent(final long arg)
    {
        polls++;
        final long nowNs = simulation.nowNs();
        if (instance.prepareMigration(level))
        {
            end(QuiescenceOutcome.READY);
        }
        else if (!instance.isAlive())
        {
            end(QuiescenceOutcome.CRASHED);
        }
        else if (nowNs >= deadlineNs)
        {
            instance.abortMigration();
            end(instance.isAlive() ? QuiescenceOutcome.TIMED_OUT : QuiescenceOutcome.CRASHED);
        }
        else
        {
            simulation.scheduleAt(deadlineNs - nowNs <= pollIntervalNs ? deadlineNs : nowNs + pollIntervalNs, this, 0);
        }
    }

    private void end(final QuiescenceOutcome outcome)
    {
        instance.quiescenceEnded(this);
        simulation.trace().record("service.quiescence", "sandbox=" + instance.sandboxId()
            + " name=" + instance.sandboxName() + " level=" + level + " outcome=" + outcome + " polls=" + polls);
        callback.onQuiescence(instance, outcome);
    }
}
