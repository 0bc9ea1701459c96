package org.hicsim.services.common;

import org.hicsim.core0.spi.ServiceContext;

/**
 * A service instance's {@link MigrationPhase} word in its sandbox memory, and the moves the SPI makes on it, so
 * that every service steps the phase the same way. One per instance, made in {@code init} once the word's
 * address is known.
 */
public final class PhaseWord
{
    private final ServiceContext context;
    private final long address;

    public PhaseWord(final ServiceContext context, final long address)
    {
        this.context = context;
        this.address = address;
    }

    public boolean isFrozen()
    {
        return load() == MigrationPhase.FROZEN;
    }

    public boolean isRetired()
    {
        return load() == MigrationPhase.RETIRED;
    }

    /** {@link MigrationPhase#refusal}: {@code Status.OK} when the global state may change now. */
    public int refusal()
    {
        return MigrationPhase.refusal(load());
    }

    /** {@code init}: a new instance serves. */
    public void serve()
    {
        store(MigrationPhase.SERVING);
    }

    /** {@code prepare_migration}. */
    public void freeze()
    {
        store(MigrationPhase.afterPrepare(load()));
    }

    /** {@code export_state}. */
    public void exported()
    {
        store(MigrationPhase.afterExport(load()));
    }

    /** {@code import_state}, accepted: the instance owns the state it took, whatever it was before. */
    public void imported()
    {
        store(MigrationPhase.SERVING);
    }

    /** {@code complete_migration}. */
    public void complete()
    {
        store(MigrationPhase.afterComplete(load()));
    }

    /** {@code abort_migration}. */
    public void abort()
    {
        store(MigrationPhase.afterAbort(load()));
    }

    /** {@code shutdown}. */
    public void retire()
    {
        store(MigrationPhase.RETIRED);
    }

    private int load()
    {
        return context.loadInt(address);
    }

    private void store(final int phase)
    {
        context.storeInt(address, phase);
    }
}
