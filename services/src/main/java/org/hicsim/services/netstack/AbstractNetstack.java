package org.hicsim.services.netstack;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;

/**
 * netstack, every version: the SPI wired to the parts that do the work, all of whose state is in sandbox memory.
 * A version is this class with its {@link StateFormat}. The fields are set once by {@link #init} and never
 * change: they hold the context, the {@link MemoryMap} its configured capacity gives, and the parts, which hold
 * addresses and scratch buffers. The capacity ({@link MemoryMap#CONNECTIONS_KEY}, {@link MemoryMap#BUFFER_BYTES_KEY})
 * is read at init and fixed: a configuration that changes it at run time is refused.
 */
public abstract class AbstractNetstack implements Service
{
    /** First two bytes of the interface MAC: locally administered, unicast. */
    static final long INTERFACE_MAC_PREFIX = 0x0200_0000_0000L;
    /** More than this share of usable slots taken is {@link Health#DEGRADED}, as a percentage. */
    static final int DEGRADED_PERCENT = 80;

    private final StateFormat format;
    private ServiceContext context;
    private MemoryMap map;
    private Header header;
    private ConnectionTable table;
    private Connections connections;
    private Operations operations;
    private SnapshotExporter exporter;
    private SnapshotImporter importer;
    private ConnectionMigrator migrator;
    private MigrationPreparation preparation;

    protected AbstractNetstack(final StateFormat format)
    {
        this.format = format;
    }

    /**
     * @throws IllegalArgumentException when the configured capacity is malformed or out of range.
     * @throws IllegalStateException    when the sandbox is smaller than that capacity needs
     *                                  ({@link MemoryMap#requiredLength()}).
     */
    @Override
    public final void init(final ServiceContext context)
    {
        map = MemoryMap.of(context.configuration());
        map.checkMemory(context.memoryBase(), context.memoryBytes());
        this.context = context;
        header = new Header(context);
        table = new ConnectionTable(context, header, map);
        final FiveTupleIndex index = new FiveTupleIndex(context, table, map);
        final RouteTable routes = new RouteTable(context, header);
        final ArpCache arp = new ArpCache(context, header);
        final SnapshotChecksum checksum = new SnapshotChecksum();
        connections = new Connections(context, header, table, index, routes, arp, format, map);
        operations = new Operations(context, header, table, connections, routes, arp, format, map);
        exporter = new SnapshotExporter(context, header, table, connections, format, checksum, map);
        importer = new SnapshotImporter(context, header, table, index, format, checksum, map);
        migrator = new ConnectionMigrator(context, header, table, index, connections, format, map);
        preparation = new MigrationPreparation(context, header, table, connections, format);
        header.format(format.stateVersion(), map, context.capability("eth_driver"),
            INTERFACE_MAC_PREFIX | context.sandboxId(), context.nextRandom());
        table.format();
    }

    /**
     * netstack reads nothing at run time: a configuration is taken when it keeps the capacity the instance was
     * started with.
     */
    @Override
    public final int configure(final Configuration configuration)
    {
        final MemoryMap asked;
        try
        {
            asked = MemoryMap.of(configuration);
        }
        catch (final IllegalArgumentException malformed)
        {
            return Status.INVALID_ARGUMENT;
        }
        return asked.connections() == map.connections() && asked.bufferBytes() == map.bufferBytes()
            ? Status.OK
            : Status.INVALID_ARGUMENT;
    }

    @Override
    public final void handle(final Message request, final Message reply)
    {
        operations.handle(request, reply);
    }

    /**
     * UNHEALTHY when the header is not intact or no slot is free, DEGRADED when more than
     * {@link #DEGRADED_PERCENT}% of the usable slots are taken.
     */
    @Override
    public final void probe(final HealthReport report)
    {
        connections.settleAll(context.nowNs());
        final int free = header.count(SlotState.FREE);
        final int usable = map.connections() - header.count(SlotState.RETIRED);
        final Health health;
        if (!header.isIntact(format.stateVersion()) || free == 0)
        {
            health = Health.UNHEALTHY;
        }
        else
        {
            health = (long)(usable - free) * 100 > (long)usable * DEGRADED_PERCENT ? Health.DEGRADED : Health.HEALTHY;
        }
        report.health(health)
            .memoryInUseBytes(map.fixedStructuresLength() + (long)header.buffersHeld() * map.bufferBytes())
            .connections(header.count(SlotState.ACTIVE));
    }

    /** Marks the header dead: nothing else is held outside the sandbox's memory, which is destroyed next. */
    @Override
    public final void shutdown()
    {
        header.invalidate();
    }

    @Override
    public final StateSnapshot exportState(final MigrationContext migration)
    {
        return exporter.export(migration);
    }

    @Override
    public final int importState(final StateSnapshot snapshot, final MigrationContext migration)
    {
        return importer.importState(snapshot);
    }

    @Override
    public final int migrateConnection(final long connectionId, final ConnectionTarget target)
    {
        return migrator.migrate(connectionId, target);
    }

    @Override
    public final int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        return migrator.activate(connectionId, state, stateLength, bufferRegionHandle);
    }

    @Override
    public final boolean prepareMigration(final Quiescence level)
    {
        return preparation.prepare(level);
    }

    @Override
    public final void completeMigration()
    {
        preparation.complete();
    }

    @Override
    public final void abortMigration()
    {
        preparation.abort();
    }
}
