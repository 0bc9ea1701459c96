package org.hicsim.run;

import org.hicsim.core0.sim.TraceSink;

/**
 * Counts sandboxes as Core-0's trace reports them: each {@code sandbox.create} one more alive, each
 * {@code sandbox.kill} or {@code sandbox.destroy} one fewer. It keeps the most alive at once and how many were
 * created since {@link #markInstalled()}, which the scenario's {@code min_concurrent_sandboxes} and
 * {@code sandboxes_created} are checked against.
 */
final class SandboxCensus implements TraceSink
{
    private static final String CREATE = "sandbox.create";
    private static final String KILL = "sandbox.kill";
    private static final String DESTROY = "sandbox.destroy";

    private int alive;
    private int aliveMax;
    private long created;
    private long createdAtInstall;

    /** A trace line is {@code t=<ns> <kind> <detail>}; only the kind is read. */
    @Override
    public void accept(final String line)
    {
        final int kind = line.indexOf(' ') + 1;
        if (line.startsWith(CREATE, kind))
        {
            created++;
            alive++;
            aliveMax = Math.max(aliveMax, alive);
        }
        else if (line.startsWith(KILL, kind) || line.startsWith(DESTROY, kind))
        {
            alive--;
        }
    }

    /** The installs (and the runner's own client sandboxes) are done: what is created from now on is counted. */
    void markInstalled()
    {
        createdAtInstall = created;
    }

    /** Sandboxes created since {@link #markInstalled()}. */
    long createdSinceInstall()
    {
        return created - createdAtInstall;
    }

    /** The most sandboxes alive at once so far, Core-0 not counted. */
    int aliveMax()
    {
        return aliveMax;
    }
}
