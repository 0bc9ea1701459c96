package org.hicsim.services.faulty;

import org.hicsim.core0.spi.Quiescence;

/**
 * Fault {@value #KIND}: prepares as netstack 1.3.0 does (it holds back the work the level forbids) but, once
 * armed, never reports the quiescent point reached, so the update's deadline passes, the host aborts, and netstack
 * serves on.
 */
public final class NeverQuiescesNetstack extends DelayedFaultNetstack
{
    public static final String KIND = "never-quiesces";

    @Override
    public boolean prepareMigration(final Quiescence level)
    {
        return super.prepareMigration(level) && !isArmed();
    }
}
