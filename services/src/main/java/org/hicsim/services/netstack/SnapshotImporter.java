package org.hicsim.services.netstack;

import java.util.Arrays;
import java.util.List;

import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;

/**
 * {@code import_state}: checks a snapshot whole (version, checkpoint, buffer length, every record, room for every
 * connection) before changing anything, then reserves each connection's slot and 5-tuple in state "migrating",
 * warms the route table and ARP cache, and takes the global state as its own: connections are handed on in the
 * snapshot's state version from now on, and an instance that had exported owns its global state again. A refused
 * snapshot leaves nothing behind.
 */
final class SnapshotImporter
{
    private final ServiceContext context;
    private final Header header;
    private final ConnectionTable table;
    private final FiveTupleIndex index;
    private final StateFormat format;
    private final SnapshotChecksum checksum;
    private final int bufferBytes;
    private final long stagingAddress;
    private final long recordStagingAddress;
    private final byte[] global = new byte[SnapshotGlobalDescriptor.LENGTH];
    private final byte[] record = new byte[ConnectionState.LENGTH_MAX];
    private final long[] seenSlots;
    private final long[] migratedSlots;

    SnapshotImporter(
        final ServiceContext context,
        final Header header,
        final ConnectionTable table,
        final FiveTupleIndex index,
        final StateFormat format,
        final SnapshotChecksum checksum,
        final MemoryMap map)
    {
        this.context = context;
        this.header = header;
        this.table = table;
        this.index = index;
        this.format = format;
        this.checksum = checksum;
        this.bufferBytes = map.bufferBytes();
        this.seenSlots = new long[map.freeMapWords()];
        this.migratedSlots = new long[map.freeMapWords()];
        this.stagingAddress = context.memoryBase() + MemoryMapDescriptor.STAGING_SNAPSHOT_HEADER_OFFSET;
        this.recordStagingAddress = context.memoryBase() + MemoryMapDescriptor.STAGING_RECORD_OFFSET;
    }

    /**
     * @return {@link Status#OK}; {@link Status#STATE_VERSION_UNSUPPORTED} for a version this instance cannot read;
     * {@link Status#STATE_CORRUPT} when the checkpoint or a structure check fails;
     * {@link NetstackProtocol#BUFFER_LENGTH_MISMATCH} when the exporter's buffers are not this instance's length;
     * {@link Status#NO_CAPACITY} when a connection's slot is taken here or beyond this instance's capacity; or
     * {@link NetstackProtocol#CONNECTION_EXISTS} when its 5-tuple is taken here.
     */
    int importState(final StateSnapshot snapshot)
    {
        final int stateVersion = snapshot.stateVersion();
        final int recordLength = format.recordLength(stateVersion);
        if (recordLength < 0)
        {
            return Status.STATE_VERSION_UNSUPPORTED;
        }
        final List<ConnectionState> connections = snapshot.connections();
        if (snapshot.globalLength() != SnapshotGlobalDescriptor.LENGTH || !isSealed(snapshot, recordLength))
        {
            return Status.STATE_CORRUPT;
        }
        final int routeCount = stagedInt(SnapshotGlobalDescriptor.ROUTE_COUNT_OFFSET);
        final int arpCount = stagedInt(SnapshotGlobalDescriptor.ARP_COUNT_OFFSET);
        if (stagedInt(SnapshotGlobalDescriptor.MAGIC_OFFSET) != SnapshotGlobalDescriptor.MAGIC
            || stagedInt(SnapshotGlobalDescriptor.STATE_VERSION_OFFSET) != stateVersion
            || stagedInt(SnapshotGlobalDescriptor.CONNECTION_COUNT_OFFSET) != connections.size()
            || routeCount < 0 || routeCount > MemoryMapDescriptor.ROUTE_CAPACITY
            || arpCount < 0 || arpCount > MemoryMapDescriptor.ARP_CAPACITY)
        {
            return Status.STATE_CORRUPT;
        }
        if (stagedInt(SnapshotGlobalDescriptor.BUFFER_BYTES_OFFSET) != bufferBytes)
        {
            return NetstackProtocol.BUFFER_LENGTH_MISMATCH;
        }
        final long nextSerial = context.loadLong(stagingAddress + SnapshotGlobalDescriptor.NEXT_SERIAL_OFFSET);
        final int checked = checkConnections(connections, stateVersion, recordLength);
        if (checked != Status.OK)
        {
            return checked;
        }
        final int reserved = reserve(connections, stateVersion);
        if (reserved != Status.OK)
        {
            return reserved;
        }
        final long base = context.memoryBase();
        context.storeBytes(base + MemoryMapDescriptor.ROUTES_OFFSET, global, SnapshotGlobalDescriptor.ROUTES_OFFSET,
            MemoryMapDescriptor.ROUTES_LENGTH);
        context.storeBytes(base + MemoryMapDescriptor.ARP_OFFSET, global, SnapshotGlobalDescriptor.ARP_OFFSET,
            MemoryMapDescriptor.ARP_LENGTH);
        header.routeCount(routeCount);
        header.arpCount(arpCount);
        header.raiseNextSerial(nextSerial);
        header.peerStateVersion(stateVersion);
        header.exported(false);
        return Status.OK;
    }

    /**
     * Whether every record has the version's length and the checkpoint matches; leaves the global part in
     * {@link #global} and its header in the staging page.
     */
    private boolean isSealed(final StateSnapshot snapshot, final int recordLength)
    {
        snapshot.copyGlobal(global, 0);
        checksum.reset();
        for (final ConnectionState connection : snapshot.connections())
        {
            if (connection.length() != recordLength)
            {
                return false;
            }
            connection.copyRecord(record, 0);
            checksum.addConnection(
                connection.connectionId(), connection.connectionClass().code(), record, recordLength);
        }
        final int expected = checksum.finish(global);
        context.storeBytes(stagingAddress, global, 0, SnapshotGlobalDescriptor.HEADER_LENGTH);
        return stagedInt(SnapshotGlobalDescriptor.CHECKPOINT_OFFSET) == expected;
    }

    private int checkConnections(
        final List<ConnectionState> connections, final int stateVersion, final int recordLength)
    {
        Arrays.fill(seenSlots, 0);
        Arrays.fill(migratedSlots, 0);
        for (final ConnectionState connection : connections)
        {
            final long connectionId = connection.connectionId();
            final int slot = ConnectionIdDescriptor.slot(connectionId);
            if (!table.isSlot(slot))
            {
                return Status.NO_CAPACITY;
            }
            if (isMarked(seenSlots, slot))
            {
                return Status.STATE_CORRUPT;
            }
            mark(seenSlots, slot);
            connection.copyRecord(record, 0);
            context.storeBytes(recordStagingAddress, record, 0, recordLength);
            if (!StagedRecord.isValid(context, recordStagingAddress, connectionId, stateVersion)
                || context.loadByte(recordStagingAddress + ConnectionRecordV1Descriptor.CLASS_OFFSET)
                != connection.connectionClass().code())
            {
                return Status.STATE_CORRUPT;
            }
            final int state = table.state(slot);
            if (state == SlotState.MIGRATED && table.connectionId(slot) == connectionId)
            {
                mark(migratedSlots, slot);
            }
            else if ((state != SlotState.FREE && state != SlotState.RETIRED) || table.bufferAddress(slot) != 0)
            {
                return Status.NO_CAPACITY;
            }
            if (StagedRecord.findTuple(context, recordStagingAddress, index) != FiveTupleIndex.NOT_FOUND)
            {
                return NetstackProtocol.CONNECTION_EXISTS;
            }
        }
        return Status.OK;
    }

    /**
     * Writes and indexes each connection as reserved; a 5-tuple that two connections of the snapshot share
     * undoes what was done and refuses the snapshot.
     */
    private int reserve(final List<ConnectionState> connections, final int stateVersion)
    {
        for (int i = 0; i < connections.size(); i++)
        {
            final ConnectionState connection = connections.get(i);
            final int slot = ConnectionIdDescriptor.slot(connection.connectionId());
            connection.copyRecord(record, 0);
            format.importRecord(context, record, stateVersion, table.recordAddress(slot));
            if (!index.insert(slot))
            {
                unreserve(connections, i);
                return Status.STATE_CORRUPT;
            }
            table.moveTo(slot, SlotState.RESERVED);
        }
        return Status.OK;
    }

    private void unreserve(final List<ConnectionState> connections, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final int slot = ConnectionIdDescriptor.slot(connections.get(i).connectionId());
            index.remove(slot);
            if (isMarked(migratedSlots, slot))
            {
                table.moveTo(slot, SlotState.MIGRATED);
            }
            else
            {
                table.release(slot);
            }
        }
    }

    private int stagedInt(final int offset)
    {
        return context.loadInt(stagingAddress + offset);
    }

    private static boolean isMarked(final long[] bits, final int slot)
    {
        return (bits[slot / Long.SIZE] & (1L << (slot % Long.SIZE))) != 0;
    }

    private static void mark(final long[] bits, final int slot)
    {
        bits[slot / Long.SIZE] |= 1L << (slot % Long.SIZE);
    }
}
