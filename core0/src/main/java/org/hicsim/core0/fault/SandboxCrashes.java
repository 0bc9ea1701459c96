package org.hicsim.core0.fault;

import org.hicsim.core0.sandbox.SandboxManager;
import org.hicsim.core0.sim.EventObserver;

/**
 * {@link FaultPoint#SANDBOX_CRASH}: after each event, by the point's chance, one live sandbox, chosen by the
 * point's random source among the live ones in id order, is killed as a crash would kill it.
 */
public final class SandboxCrashes implements EventObserver
{
    public static final String REASON = "fault: " + FaultPoint.SANDBOX_CRASH.traceName();

    private final Faults faults;
    private final SandboxManager sandboxes;

    public SandboxCrashes(final Faults faults, final SandboxManager sandboxes)
    {
        this.faults = faults;
        this.sandboxes = sandboxes;
    }

    @Override
    public void afterEvent(final long eventNumber)
    {
        if (sandboxes.liveCount() == 0 || !faults.fires(FaultPoint.SANDBOX_CRASH))
        {
            return;
        }
        int victim = faults.choose(FaultPoint.SANDBOX_CRASH, sandboxes.liveCount());
        for (int id = 1; id <= sandboxes.capacity(); id++)
        {
            if (sandboxes.live(id) != null && victim-- == 0)
            {
                sandboxes.kill(id, REASON);
                return;
            }
        }
    }
}
