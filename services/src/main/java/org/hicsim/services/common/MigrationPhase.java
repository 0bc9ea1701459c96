package org.hicsim.services.common;

/**
 * Where a service instance stands in a rolling update, kept as one word in its sandbox memory so that it is
 * part of the state a crash or an inspection sees, not a Java field.
 * <p>
 * {@link #SERVING} takes all work. {@link #FROZEN} (after {@code prepare_migration}) refuses the requests that
 * change migratable state with {@link org.hicsim.core0.spi.Status#BUSY}, so the snapshot taken next stays true,
 * and serves the rest. {@code abort_migration} thaws it; {@code complete_migration} and {@code shutdown} retire
 * it: a {@link #RETIRED} instance answers every request {@code BUSY}, since whatever it accepted now would be lost
 * with it.
 */
public final class MigrationPhase
{
    public static final int SERVING = 0;
    public static final int FROZEN = 1;
    public static final int RETIRED = 2;

    private MigrationPhase()
    {
    }

    /** The phase after {@code prepare_migration}: a serving instance freezes; a retired one stays retired. */
    public static int afterPrepare(final int phase)
    {
        return phase == SERVING ? FROZEN : phase;
    }

    /** The phase after {@code abort_migration}: a frozen instance goes back to serving. */
    public static int afterAbort(final int phase)
    {
        return phase == FROZEN ? SERVING : phase;
    }

    /**
     * The phase after {@code complete_migration}: the frozen old instance retires; the new one, which was never
     * frozen, goes on serving.
     */
    public static int afterComplete(final int phase)
    {
        return phase == FROZEN ? RETIRED : phase;
    }
}
