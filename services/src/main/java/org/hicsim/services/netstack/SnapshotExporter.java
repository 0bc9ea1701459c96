package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;

/**
 * {@code export_state}: every connection this instance holds, served or reserved, in slot order and in the state
 * version the importer asked for, the route table and ARP cache, and the checkpoint over all of it. After a
 * {@code prepare_migration} it is the consistency point: the hold ends, and the global state and the opening of
 * connections are the importer's. A reserved connection is exported as the snapshot that reserved it brought
 * it, so an instance that imported exports the same snapshot back, byte for byte, while nothing has changed.
 */
final class SnapshotExporter
{
    private final ServiceContext context;
    private final Header header;
    private final ConnectionTable table;
    private final Connections connections;
    private final StateFormat format;
    private final SnapshotChecksum checksum;
    private final int bufferBytes;
    private final long stagingAddress;
    private final byte[] record = new byte[ConnectionState.LENGTH_MAX];
    private final byte[] global = new byte[SnapshotGlobalDescriptor.LENGTH];

    SnapshotExporter(
        final ServiceContext context,
        final Header header,
        final ConnectionTable table,
        final Connections connections,
        final StateFormat format,
        final SnapshotChecksum checksum,
        final MemoryMap map)
    {
        this.context = context;
        this.header = header;
        this.table = table;
        this.connections = connections;
        this.format = format;
        this.checksum = checksum;
        this.bufferBytes = map.bufferBytes();
        this.stagingAddress = context.memoryBase() + MemoryMapDescriptor.STAGING_SNAPSHOT_HEADER_OFFSET;
    }

    /**
     * @return the snapshot, or null when this version cannot write {@code migration}'s peer state version.
     */
    StateSnapshot export(final MigrationContext migration)
    {
        final int stateVersion = migration.snapshotStateVersion();
        if (format.recordLength(stateVersion) < 0)
        {
            return null;
        }
        header.peerStateVersion(stateVersion);
        connections.settleAll(context.nowNs());
        final StateSnapshot.Builder snapshot = StateSnapshot.builder(stateVersion);
        checksum.reset();
        int count = 0;
        for (int slot = 0; slot < table.capacity(); slot++)
        {
            final int state = table.state(slot);
            if (state == SlotState.ACTIVE || state == SlotState.RESERVED)
            {
                final long address = table.recordAddress(slot);
                final int length = format.exportRecord(context, address, stateVersion, record);
                final long connectionId = table.connectionId(slot);
                final int classCode = context.loadByte(address + ConnectionRecordV1Descriptor.CLASS_OFFSET);
                snapshot.connection(
                    new ConnectionState(connectionId, ConnectionClass.fromCode(classCode), record, length));
                checksum.addConnection(connectionId, classCode, record, length);
                count++;
            }
        }
        context.storeInt(stagingAddress + SnapshotGlobalDescriptor.MAGIC_OFFSET, SnapshotGlobalDescriptor.MAGIC);
        context.storeInt(stagingAddress + SnapshotGlobalDescriptor.STATE_VERSION_OFFSET, stateVersion);
        context.storeInt(stagingAddress + SnapshotGlobalDescriptor.CONNECTION_COUNT_OFFSET, count);
        context.storeInt(stagingAddress + SnapshotGlobalDescriptor.CHECKPOINT_OFFSET, 0);
        context.storeLong(stagingAddress + SnapshotGlobalDescriptor.NEXT_SERIAL_OFFSET, header.nextSerial());
        context.storeInt(stagingAddress + SnapshotGlobalDescriptor.ROUTE_COUNT_OFFSET, header.routeCount());
        context.storeInt(stagingAddress + SnapshotGlobalDescriptor.ARP_COUNT_OFFSET, header.arpCount());
        context.storeInt(stagingAddress + SnapshotGlobalDescriptor.BUFFER_BYTES_OFFSET, bufferBytes);
        context.storeInt(stagingAddress + SnapshotGlobalDescriptor.RESERVED_OFFSET, 0);
        context.loadBytes(stagingAddress, global, 0, SnapshotGlobalDescriptor.HEADER_LENGTH);
        final long base = context.memoryBase();
        context.loadBytes(base + MemoryMapDescriptor.ROUTES_OFFSET, global, SnapshotGlobalDescriptor.ROUTES_OFFSET,
            MemoryMapDescriptor.ROUTES_LENGTH);
        context.loadBytes(base + MemoryMapDescriptor.ARP_OFFSET, global, SnapshotGlobalDescriptor.ARP_OFFSET,
            MemoryMapDescriptor.ARP_LENGTH);
        context.storeInt(stagingAddress + SnapshotGlobalDescriptor.CHECKPOINT_OFFSET, checksum.finish(global));
        context.loadBytes(stagingAddress + SnapshotGlobalDescriptor.CHECKPOINT_OFFSET, global,
            SnapshotGlobalDescriptor.CHECKPOINT_OFFSET, SnapshotGlobalDescriptor.CHECKPOINT_LENGTH);
        if (header.preparedLevel() != HeaderDescriptor.NOT_PREPARING)
        {
            header.preparedLevel(HeaderDescriptor.NOT_PREPARING);
            header.exported(true);
        }
        return snapshot.global(global, 0, global.length).build();
    }
}
