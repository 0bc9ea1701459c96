package org.hicsim.services.faulty;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.services.netstack.MemoryMap;
import org.hicsim.services.netstack.v1_3_0.Netstack;

/**
 * netstack 1.3.0 with one fault built in on purpose, for the rolling update to catch: every method hands over
 * to the real {@link Netstack}, and a fault overrides the few where it strikes, calling up here for the rest of
 * the work. The fault's own state lives in sandbox memory ({@link FaultStateDescriptor}), above netstack's.
 */
public abstract class FaultyNetstack implements Service
{
    private final Netstack netstack = new Netstack();
    private ServiceContext context;
    private long faultState;
    private long netstackEnd;

    /**
     * Clears the fault's state and starts netstack in the context {@link #netstackContext} gives it.
     *
     * @throws IllegalArgumentException when netstack's configured capacity is malformed.
     */
    @Override
    public void init(final ServiceContext context)
    {
        this.context = context;
        this.faultState = FaultStateDescriptor.address(context.memoryBase(), context.memoryBytes());
        this.netstackEnd = context.memoryBase() + MemoryMap.of(context.configuration()).requiredLength();
        for (int offset = 0; offset < FaultStateDescriptor.LENGTH; offset += Long.BYTES)
        {
            context.storeLong(faultState + offset, 0);
        }
        context.storeLong(faultState + FaultStateDescriptor.STARTED_AT_OFFSET, context.nowNs());
        netstack.init(netstackContext(context));
    }

    @Override
    public int configure(final Configuration configuration)
    {
        return netstack.configure(configuration);
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        netstack.handle(request, reply);
    }

    @Override
    public void probe(final HealthReport report)
    {
        netstack.probe(report);
    }

    @Override
    public void shutdown()
    {
        netstack.shutdown();
    }

    @Override
    public StateSnapshot exportState(final MigrationContext migration)
    {
        return netstack.exportState(migration);
    }

    @Override
    public int importState(final StateSnapshot snapshot, final MigrationContext migration)
    {
        return netstack.importState(snapshot, migration);
    }

    @Override
    public int migrateConnection(final long connectionId, final ConnectionTarget target)
    {
        return netstack.migrateConnection(connectionId, target);
    }

    @Override
    public int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        return netstack.activateConnection(connectionId, state, stateLength, bufferRegionHandle);
    }

    @Override
    public boolean prepareMigration(final Quiescence level)
    {
        return netstack.prepareMigration(level);
    }

    @Override
    public void completeMigration()
    {
        netstack.completeMigration();
    }

    @Override
    public void abortMigration()
    {
        netstack.abortMigration();
    }

    /** The context netstack runs in: the sandbox's own, unless a fault changes what it sees. */
    protected ServiceContext netstackContext(final ServiceContext context)
    {
        return context;
    }

    protected final ServiceContext context()
    {
        return context;
    }

    /** The first address of {@link FaultStateDescriptor}'s block. */
    protected final long faultState()
    {
        return faultState;
    }

    /** The first address past netstack's structures, at the capacity it was configured with. */
    protected final long netstackEnd()
    {
        return netstackEnd;
    }
}
