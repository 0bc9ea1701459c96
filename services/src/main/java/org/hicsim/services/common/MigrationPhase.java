package org.hicsim.services.common;

import org.hicsim.core0.spi.Status;

/**
 * Where a service instance stands in a rolling update, kept as one word in its sandbox memory so that it is
 * part of the state a crash or an inspection sees, not a Java field.
 * <p>
 * {@link #SERVING} takes all work. {@link #FROZEN} (after {@code prepare_migration}) holds back, with
 * {@link Status#BUSY}, the requests that change the global state its snapshot will hold, and serves the rest.
 * {@link #EXPORTED} (after the export that follows, the consistency point) serves again, but the global state is
 * the importer's now: a request that would change it, or open a connection, is told {@link Status#MIGRATED}.
 * {@code abort_migration} and {@code import_state} make the instance the owner again ({@link #SERVING});
 * {@code complete_migration} retires an instance that exported, and {@code shutdown} any: a {@link #RETIRED}
 * instance answers every request {@link Status#MIGRATED}, since whatever it served now would be lost with it.
 */
public final class MigrationPhase
{
    public static final int SERVING = 0;
    public static final int FROZEN = 1;
    public static final int EXPORTED = 2;
    public static final int RETIRED = 3;

    private MigrationPhase()
    {
    }

    /** After {@code prepare_migration}: a serving instance freezes; one that exported or retired stays so. */
    public static int afterPrepare(final int phase)
    {
        return phase == SERVING ? FROZEN : phase;
    }

    /**
     * After {@code export_state}: a frozen instance has reached its consistency point and exported; an export
     * nothing prepared only read the state and changes nothing.
     */
    public static int afterExport(final int phase)
    {
        return phase == FROZEN ? EXPORTED : phase;
    }

    /** After {@code abort_migration}: an instance that froze or exported serves as before. */
    public static int afterAbort(final int phase)
    {
        return phase == FROZEN || phase == EXPORTED ? SERVING : phase;
    }

    /**
     * After {@code complete_migration}: the old instance, which froze and exported, retires; the new one, which
     * never froze, goes on serving.
     */
    public static int afterComplete(final int phase)
    {
        return phase == FROZEN || phase == EXPORTED ? RETIRED : phase;
    }

    /**
     * What a request that changes the global state is told in {@code phase}: {@link Status#OK} when it may be
     * served, {@link Status#BUSY} while frozen, {@link Status#MIGRATED} once the state is another instance's.
     */
    public static int refusal(final int phase)
    {
        return switch (phase)
        {
            case SERVING -> Status.OK;
            case FROZEN -> Status.BUSY;
            default -> Status.MIGRATED;
        };
    }
}
