package org.hicsim.core0.supervisor;

import java.util.Objects;

import org.agrona.collections.Int2ObjectHashMap;
import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.sandbox.SandboxManager;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;

/**
 * Core-0's boot supervisor: restarts the privileged services it was told to supervise (the Module Manager, the
 * Monitor) when their sandbox is killed, as HIC's boot sequence does: after {@link #RESTART_DELAY_NS}, at most
 * {@link #ATTEMPTS_MAX} attempts in a row, then it gives up, loudly. An attempt that starts the service resets
 * the count once the service has stayed up for {@link #HEALTHY_PERIOD_NS}.
 * <p>
 * A death is acted on from the event loop, never inside the call that killed the sandbox. A sandbox destroyed on
 * purpose (a graceful shutdown) is not restarted.
 */
public final class BootSupervisor
{
    /** HIC's restart policy: three attempts... */
    public static final int ATTEMPTS_MAX = 3;
    /** ...one second apart. */
    public static final long RESTART_DELAY_NS = Simulation.SECONDS;
    /** How long a restarted service must stay up before a later crash counts as a first one again. */
    public static final long HEALTHY_PERIOD_NS = Simulation.MINUTES;

    /** Starts a supervised service again. */
    @FunctionalInterface
    public interface Restart
    {
        /**
         * @param attempt 1 to {@link #ATTEMPTS_MAX}.
         * @return the new sandbox's id, or a negative number if the service could not be started.
         */
        int restart(int attempt);
    }

    private final Simulation simulation;
    private final AuditSink audit;
    private final Int2ObjectHashMap<Supervised> bySandbox = new Int2ObjectHashMap<>();
    private final EventHandler onRestart = this::restart;
    private final Int2ObjectHashMap<Supervised> pending = new Int2ObjectHashMap<>();
    private int nextPending;

    public BootSupervisor(final Simulation simulation, final AuditSink audit)
    {
        this.simulation = simulation;
        this.audit = audit;
    }

    /**
     * Supervises the service now running in {@code sandboxId}.
     */
    public void supervise(final String name, final int sandboxId, final Restart restart)
    {
        Objects.requireNonNull(restart, "restart");
        bySandbox.put(sandboxId, new Supervised(name, restart, simulation.nowNs()));
        simulation.trace().record("supervisor.watch", "name=" + name + " sandbox=" + sandboxId);
    }

    /** Called by Core-0 when a sandbox ends: a supervised one that was killed gets a restart scheduled. */
    public void terminated(final int sandboxId, final String reason)
    {
        final Supervised supervised = bySandbox.remove(sandboxId);
        if (supervised == null || SandboxManager.DESTROYED.equals(reason))
        {
            return;
        }
        if (simulation.nowNs() - supervised.upSinceNs >= HEALTHY_PERIOD_NS)
        {
            supervised.attempts = 0;
        }
        schedule(supervised);
    }

    /** Attempts made since the service last stayed up; what reports and tests read. */
    public int attempts(final String name)
    {
        for (final Supervised supervised : pending.values())
        {
            if (supervised.name.equals(name))
            {
                return supervised.attempts;
            }
        }
        for (final Supervised supervised : bySandbox.values())
        {
            if (supervised.name.equals(name))
            {
                return supervised.attempts;
            }
        }
        return 0;
    }

    private void schedule(final Supervised supervised)
    {
        if (supervised.attempts == ATTEMPTS_MAX)
        {
            final String detail = "name=" + supervised.name + " attempts=" + supervised.attempts;
            simulation.trace().record("supervisor.gave-up", detail);
            audit.record("supervisor.gave-up", 0, detail);
            return;
        }
        final int id = nextPending++;
        pending.put(id, supervised);
        simulation.schedule(RESTART_DELAY_NS, onRestart, id);
    }

    private void restart(final long pendingId)
    {
        final Supervised supervised = pending.remove((int)pendingId);
        supervised.attempts++;
        final int sandboxId = supervised.restart.restart(supervised.attempts);
        final String detail = "name=" + supervised.name + " attempt=" + supervised.attempts + " sandbox=" + sandboxId;
        simulation.trace().record("supervisor.restart", detail);
        audit.record("supervisor.restart", Math.max(sandboxId, 0), detail);
        if (sandboxId < 0)
        {
            schedule(supervised);
            return;
        }
        supervised.upSinceNs = simulation.nowNs();
        bySandbox.put(sandboxId, supervised);
    }

    private static final class Supervised
    {
        private final String name;
        private final Restart restart;
        private long upSinceNs;
        private int attempts;

        Supervised(final String name, final Restart restart, final long upSinceNs)
        {
            this.name = name;
            this.restart = restart;
            this.upSinceNs = upSinceNs;
        }
    }
}
