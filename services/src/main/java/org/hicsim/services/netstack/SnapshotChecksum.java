package org.hicsim.services.netstack;

import java.util.zip.CRC32C;

/**
 * The consistency checkpoint of a snapshot ({@link SnapshotGlobalDescriptor}): CRC32C over the connections in
 * order, then over the global part without the checkpoint field. The exporter and the importer compute it the
 * same way.
 */
final class SnapshotChecksum
{
    private final CRC32C crc = new CRC32C();

    void reset()
    {
        crc.reset();
    }

    void addConnection(final long connectionId, final int classCode, final byte[] record, final int length)
    {
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE)
        {
            crc.update((int)(connectionId >>> shift));
        }
        crc.update(classCode);
        crc.update(record, 0, length);
    }

    int finish(final byte[] global)
    {
        final int afterCheckpoint =
            SnapshotGlobalDescriptor.CHECKPOINT_OFFSET + SnapshotGlobalDescriptor.CHECKPOINT_LENGTH;
        crc.update(global, 0, SnapshotGlobalDescriptor.CHECKPOINT_OFFSET);
        crc.update(global, afterCheckpoint, SnapshotGlobalDescriptor.LENGTH - afterCheckpoint);
        return (int)crc.getValue();
    }
}
