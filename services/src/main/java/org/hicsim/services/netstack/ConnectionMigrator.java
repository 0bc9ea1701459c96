package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * {@code migrate_connection} and its receiving half: a connection leaves as its final state record and the
 * capability to its buffer region, whose pages Core-0 moves to the target without copying them, and arrives by
 * mapping that region in the window and loading the record.
 */
final class ConnectionMigrator
{
    private final ServiceContext context;
    private final Header header;
    private final ConnectionTable table;
    private final FiveTupleIndex index;
    private final Connections connections;
    private final StateFormat format;
    private final MemoryMap map;
    private final long windowBase;
    private final long recordStagingAddress;
    private final byte[] record = new byte[ConnectionState.LENGTH_MAX];

    ConnectionMigrator(
        final ServiceContext context,
        final Header header,
        final ConnectionTable table,
        final FiveTupleIndex index,
        final Connections connections,
        final StateFormat format,
        final MemoryMap map)
    {
        this.context = context;
        this.header = header;
        this.table = table;
        this.index = index;
        this.connections = connections;
        this.format = format;
        this.map = map;
        this.windowBase = MemoryMapDescriptor.windowBase(context.memoryBase(), context.memoryBytes());
        this.recordStagingAddress = context.memoryBase() + MemoryMapDescriptor.STAGING_RECORD_OFFSET;
    }

    /**
     * Freezes the connection, and nothing else, for this call: writes its final record in the state version
     * connections are handed on in (the last export's or import's), makes its buffer pages a region, transfers it
     * and delivers both; the connection is then migrated here, answered {@link Status#MIGRATED}. A refused region or transfer leaves the connection
     * as it was (the region ended, its pages where they were); a refused delivery
     * leaves it frozen here, record untouched, until the target hands the buffer back through
     * {@link #activate}.
     *
     * @return {@link Status#OK}, {@link Status#UNKNOWN_CONNECTION}, {@link Status#BUSY},
     * {@link Status#MIGRATED}, {@link NetstackProtocol#TRANSFER_REFUSED}, or the target's code.
     */
    int migrate(final long connectionId, final ConnectionTarget target)
    {
        final int slot = connections.lookup(connectionId);
        if (slot < 0)
        {
            return slot;
        }
        final int length = format.exportRecord(
            context, table.recordAddress(slot), header.peerStateVersion(), record);
        final long regionHandle = context.createRegion(table.bufferAddress(slot), map.bufferPages());
        if (regionHandle < 0)
        {
            return NetstackProtocol.TRANSFER_REFUSED;
        }
        table.moveTo(slot, SlotState.FROZEN);
        final long movedHandle = context.transfer(regionHandle, target.sandboxId());
        if (movedHandle < 0)
        {
            context.delete(regionHandle);
            table.moveTo(slot, SlotState.ACTIVE);
            return NetstackProtocol.TRANSFER_REFUSED;
        }
        table.detachBuffer(slot);
        final int delivered = target.deliver(connectionId, record, length, movedHandle);
        if (delivered != Status.OK)
        {
            return delivered;
        }
        index.remove(slot);
        table.moveTo(slot, SlotState.MIGRATED);
        return Status.OK;
    }

    /**
     * Takes a connection over: into its reserved slot, its own frozen or migrated slot coming back, or a free
     * slot whose buffer, if any, is its own pool pages, which are set aside unused; maps the buffer region at the
     * slot's place in the window, deletes the region's capability (the pages stay mapped, now this sandbox's
     * memory, and are made a region again if the connection moves on), and loads the record, converting it up to
     * this version.
     *
     * @return {@link Status#OK}; {@link Status#STATE_VERSION_UNSUPPORTED}; {@link Status#INVALID_ARGUMENT} for a
     * record that is not this connection's; {@link Status#NO_CAPACITY} when its slot is taken;
     * {@link NetstackProtocol#CONNECTION_EXISTS}; or Core-0's code refusing the mapping.
     */
    int activate(final long connectionId, final byte[] state, final int stateLength, final long regionHandle)
    {
        final int slot = ConnectionIdDescriptor.slot(connectionId);
        if (stateLength <= ConnectionRecordV1Descriptor.STATE_VERSION_OFFSET || !table.isSlot(slot))
        {
            return Status.INVALID_ARGUMENT;
        }
        final int stateVersion = state[ConnectionRecordV1Descriptor.STATE_VERSION_OFFSET];
        final int recordLength = format.recordLength(stateVersion);
        if (recordLength < 0)
        {
            return Status.STATE_VERSION_UNSUPPORTED;
        }
        if (stateLength != recordLength)
        {
            return Status.INVALID_ARGUMENT;
        }
        context.storeBytes(recordStagingAddress, state, 0, recordLength);
        if (!StagedRecord.isValid(context, recordStagingAddress, connectionId, stateVersion))
        {
            return Status.INVALID_ARGUMENT;
        }
        final int admitted = admit(slot, connectionId);
        if (admitted != Status.OK)
        {
            return admitted;
        }
        final long bufferAddress = map.windowBufferAddress(windowBase, slot);
        final int mapped = context.mapRegion(regionHandle, bufferAddress);
        if (mapped != Status.OK)
        {
            return mapped;
        }
        context.delete(regionHandle);
        if (table.bufferAddress(slot) != 0)
        {
            table.setAsideBuffer(slot);
        }
        final boolean indexed = table.state(slot) == SlotState.RESERVED || table.state(slot) == SlotState.FROZEN;
        final long address = table.recordAddress(slot);
        format.importRecord(context, state, stateVersion, address);
        table.attachBuffer(slot, bufferAddress);
        if (!indexed)
        {
            index.insert(slot);
        }
        table.moveTo(slot, SlotState.ACTIVE);
        header.raiseDrainedAt(context.loadLong(address + ConnectionRecordV1Descriptor.DRAIN_AT_OFFSET));
        if (TcpState.isTransient(context.loadByte(address + ConnectionRecordV1Descriptor.TCP_STATE_OFFSET)))
        {
            header.raiseSettledAt(context.loadLong(address + ConnectionRecordV1Descriptor.STATE_SINCE_OFFSET)
                + format.roundTripNs(context, address));
        }
        return Status.OK;
    }

    /**
     * Whether the staged record may take {@code slot}: a slot holding a buffer may only if it is free and the
     * buffer is its pool pages; a window buffer would be where the incoming one must be mapped.
     */
    private int admit(final int slot, final long connectionId)
    {
        final long buffer = table.bufferAddress(slot);
        final int slotState = table.state(slot);
        if (buffer != 0 && (slotState != SlotState.FREE || buffer != table.poolBufferAddress(slot)))
        {
            return Status.NO_CAPACITY;
        }
        final boolean sameConnection = table.connectionId(slot) == connectionId;
        if ((slotState == SlotState.RESERVED || slotState == SlotState.FROZEN) && sameConnection)
        {
            return StagedRecord.hasTupleOf(context, recordStagingAddress, table.recordAddress(slot))
                ? Status.OK
                : Status.INVALID_ARGUMENT;
        }
        if ((slotState == SlotState.MIGRATED && sameConnection)
            || slotState == SlotState.FREE || slotState == SlotState.RETIRED)
        {
            return StagedRecord.findTuple(context, recordStagingAddress, index) == FiveTupleIndex.NOT_FOUND
                ? Status.OK
                : NetstackProtocol.CONNECTION_EXISTS;
        }
        return Status.NO_CAPACITY;
    }
}
