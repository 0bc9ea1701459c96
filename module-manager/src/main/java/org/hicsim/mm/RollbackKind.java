package org.hicsim.mm;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kinds of rollback the Module Manager carries out (HIC 4.3 steps 5.1-5.4 and 4.4), each journaled, traced,
 * audited and listed in the update's report ({@link UpdateReport#rollbacks()}). Semantics in
 * {@code docs/rollback-rules.md}.
 */
public enum RollbackKind
{
    /** Every migrated connection back to the old instance, critical ones first; the new instance shut down. */
    FULL,
    /**
     * Corruption risk: the new instance stopped at once, migrations in flight dropped and counted, the moved
     * connections closed (their clients reconnect to the old instance), the old instance restarted if it is gone.
     */
    EMERGENCY,
    /** The service's configuration back to its last known good version; its code unchanged. */
    CONFIGURATION,
    /** The connections of the running (failing) wave back to the old instance; the rest stay; the update pauses. */
    PARTIAL,
    /** No next wave begins until the update is approved. */
    PAUSE,
    /** The new version kept, no more connections moved, rollbacks refused but the emergency one. */
    FREEZE,
    /** Straight back to a recent rollback point, with no phase-2 analysis and no stability period. */
    FAST_UNDO;

    /** Its name in the trace, the journal and {@code result.json}: {@code fast_undo}. */
    public String key()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the kinds if none has that key. */
    public static RollbackKind ofKey(final String key)
    {
        for (final RollbackKind kind : values())
        {
            if (kind.key().equals(key))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind=" + key + " is no rollback kind; the kinds are "
            + Arrays.stream(values()).map(RollbackKind::key).toList());
    }
}
