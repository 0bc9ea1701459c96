package org.hicsim.services.counter;

import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.common.ConnectionlessService;
import org.hicsim.services.common.PhaseWord;
import org.hicsim.services.common.SandboxMemory;

/**
 * The counter of {@code docs/writing-a-service.md} as the catalogue builds it ({@link CounterProtocol}): named
 * counters in sandbox memory, handed to the next version in a snapshot of their slots. A version writes and reads
 * snapshots in every state version up to its own, a slot of an older one being a prefix of its own (the fields it
 * added read as zero): so a newer version converts up on import and down on export, for a rollback, as
 * Erlang/OTP's {@code code_change} does. While frozen for the consistency point an ADD is answered {@code BUSY},
 * once exported {@code MIGRATED}; a GET is always served.
 */
public abstract class AbstractCounter extends ConnectionlessService
{
    private final int stateVersion;
    private final byte[] slots;
    private ServiceContext context;
    private PhaseWord phase;
    private CounterTable table;

    /** @param stateVersion this version's state structure version (its manifest's {@code state_version}). */
    protected AbstractCounter(final int stateVersion)
    {
        this.stateVersion = stateVersion;
        this.slots = new byte[CounterTableDescriptor.CAPACITY * slotLength(stateVersion)];
    }

    /** The length of a slot in state version {@code version}: 1's, or 2's with the time of the last ADD. */
    public static int slotLength(final int version)
    {
        return version == 1 ? CounterTableDescriptor.SLOT_V1_LENGTH : CounterTableDescriptor.SLOT_V2_LENGTH;
    }

    @Override
    public final void init(final ServiceContext context)
    {
        final long base = SandboxMemory.base(context, CounterTableDescriptor.tableLength(slotLength(stateVersion)),
            "counter table needs");
        this.context = context;
        this.phase = new PhaseWord(context, base + CounterTableDescriptor.PHASE_OFFSET);
        this.table = new CounterTable(context, base, slotLength(stateVersion));
        table.clear();
        phase.serve();
    }

    /** What this version records in an ADDed counter's slot beside its value; nothing by default. */
    protected void added(final ServiceContext context, final long slot)
    {
    }

    @Override
    protected final void serve(final Message request, final Message reply, final int refusal)
    {
        if (!table.name(request))
        {
            reply.status(Status.INVALID_ARGUMENT);
            return;
        }
        switch (request.operation())
        {
            case CounterProtocol.ADD ->
            {
                if (refusal != Status.OK)
                {
                    reply.status(refusal);
                    return;
                }
                final long slot = table.add(request.argument(0), reply);
                if (slot != CounterTable.NOT_FOUND)
                {
                    added(context, slot);
                }
            }
            case CounterProtocol.GET -> table.get(reply);
            default -> reply.status(Status.UNKNOWN_OPERATION);
        }
    }

    @Override
    public final void probe(final HealthReport report)
    {
        final int count = table.count();
        report.clear().health(phase.isRetired() ? Health.UNHEALTHY
                : count == CounterTableDescriptor.CAPACITY ? Health.DEGRADED : Health.HEALTHY)
            .memoryInUseBytes(CounterTableDescriptor.HEADER_LENGTH + (long)count * slotLength(stateVersion));
    }

    /** The used slots, each cut to the snapshot's state version's length; null for a version above this one's. */
    @Override
    protected final StateSnapshot writeSnapshot(final MigrationContext migration)
    {
        final int version = migration.snapshotStateVersion();
        if (version < 1 || version > stateVersion)
        {
            return null;
        }
        final int length = slotLength(version);
        final int count = table.count();
        for (int i = 0; i < count; i++)
        {
            table.copyOut(i, slots, i * length, length);
        }
        return StateSnapshot.builder(version).global(slots, 0, count * length).build();
    }

    /** Whole slots of a state version this one reads, at most a table of them; the fields it adds start at zero. */
    @Override
    protected final int readSnapshot(final StateSnapshot snapshot, final MigrationContext migration)
    {
        final int version = snapshot.stateVersion();
        if (version < 1 || version > stateVersion)
        {
            return Status.STATE_VERSION_UNSUPPORTED;
        }
        final int length = slotLength(version);
        final int bytes = snapshot.globalLength();
        if (bytes % length != 0 || bytes / length > CounterTableDescriptor.CAPACITY || !snapshot.connections().isEmpty())
        {
            return Status.STATE_CORRUPT;
        }
        snapshot.copyGlobal(slots, 0);
        final int count = bytes / length;
        for (int i = 0; i < count; i++)
        {
            table.copyIn(i, slots, i * length, length);
        }
        table.count(count);
        return Status.OK;
    }

    @Override
    protected final PhaseWord phase()
    {
        return phase;
    }
}
