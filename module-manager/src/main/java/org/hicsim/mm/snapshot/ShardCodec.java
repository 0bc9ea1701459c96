package org.hicsim.mm.snapshot;

import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;

/**
 * Turns one part of a snapshot (the global part, or a shard's connections in {@link ShardRecordDescriptor}
 * layout) into its data, CRC32 and LZ4 block, and back, checking everything on the way back. One scratch buffer
 * for a part's data, reused, so a snapshot of any size needs only its largest part here.
 * <p>
 * LZ4 is lz4-java's pure-Java safe instance ({@link LZ4Factory#safeInstance()}), not the fastest one: the JNI
 * binding may compress differently on another platform's native library, and the "unsafe" Java port reads
 * words in the host's byte order where unaligned access is allowed, so only the safe port is sure to give the
 * same bytes, and so the same store transfer times, on every JVM and machine.
 */
final class ShardCodec
{
    /** Bound on one part's data: its LZ4 block must fit one store operation. */
    static final int DATA_LENGTH_MAX = 24 << 20;

    private static final int CLASS_COUNT = ConnectionClass.values().length;
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.safeInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.safeInstance().safeDecompressor();

    private final CRC32 crc = new CRC32();
    private final byte[] record = new byte[ConnectionState.LENGTH_MAX];
    private byte[] data = new byte[64 * 1024];

    static int storedLengthMax(final int dataLength)
    {
        return COMPRESSOR.maxCompressedLength(dataLength);
    }

    /** Writes the global part into the scratch buffer; returns its length. */
    int encodeGlobal(final StateSnapshot snapshot)
    {
        ensure(snapshot.globalLength());
        return snapshot.copyGlobal(data, 0);
    }

    /** Writes a shard's connections, in snapshot order, into the scratch buffer; returns its length. */
    int encodeShard(final ShardSet shards, final int shard, final List<ConnectionState> connections)
    {
        ensure(shards.dataLength(shard));
        int position = 0;
        for (int i = 0; i < shards.connectionCount(shard); i++)
        {
            final int ordinal = shards.ordinal(shard, i);
            final ConnectionState connection = connections.get(ordinal);
            LittleEndian.INT.set(data, position + ShardRecordDescriptor.ORDINAL_OFFSET, ordinal);
            LittleEndian.SHORT.set(
                data, position + ShardRecordDescriptor.RECORD_LENGTH_OFFSET, (short)connection.length());
            data[position + ShardRecordDescriptor.CLASS_OFFSET] = (byte)connection.connectionClass().code();
            data[position + ShardRecordDescriptor.RESERVED_OFFSET] = 0;
            LittleEndian.LONG.set(
                data, position + ShardRecordDescriptor.CONNECTION_ID_OFFSET, connection.connectionId());
            position += ShardRecordDescriptor.HEADER_LENGTH;
            position += connection.copyRecord(data, position);
        }
        return position;
    }

    /** CRC32 of the first {@code dataLength} bytes of the scratch buffer. */
    int crc32(final int dataLength)
    {
        crc.reset();
        crc.update(data, 0, dataLength);
        return (int)crc.getValue();
    }

    /**
     * LZ4-compresses the scratch buffer's data into {@code dst}, which has room for
     * {@link #storedLengthMax(int)}; returns the block's length.
     */
    int compress(final int dataLength, final byte[] dst, final int dstOffset)
    {
        return COMPRESSOR.compress(data, 0, dataLength, dst, dstOffset, dst.length - dstOffset);
    }

    /**
     * Decompresses a part's block into the scratch buffer and checks its length and CRC32.
     *
     * @throws SnapshotCorruptedException naming the part if the block does not decompress to the data length or
     *                                    the CRC32 does not match.
     */
    void restore(final String snapshot, final ShardMetadata part, final byte[] src, final int srcOffset)
        throws SnapshotCorruptedException
    {
        if (part.dataLength() > DATA_LENGTH_MAX)
        {
            throw corrupt(snapshot, part, "dataLength=" + part.dataLength() + " exceeds " + DATA_LENGTH_MAX);
        }
        ensure(part.dataLength());
        final int restored;
        try
        {
            restored = DECOMPRESSOR.decompress(src, srcOffset, part.storedLength(), data, 0, part.dataLength());
        }
        catch (final LZ4Exception ex)
        {
            throw corrupt(snapshot, part, "LZ4 block does not decompress: " + ex.getMessage());
        }
        if (restored != part.dataLength())
        {
            throw corrupt(snapshot, part, "decompressed=" + restored + " dataLength=" + part.dataLength());
        }
        if (crc32(restored) != part.crc32())
        {
            throw corrupt(snapshot, part, "crc32 mismatch");
        }
    }

    /** The restored global part. */
    byte[] global(final ShardMetadata part)
    {
        return Arrays.copyOf(data, part.dataLength());
    }

    /**
     * Hands the restored shard's connections to {@code visitor}, after checking that they are exactly what its
     * metadata says.
     *
     * @throws SnapshotCorruptedException naming the shard if its records do not fit its data or its count.
     */
    void deliver(
        final String snapshot, final ShardMetadata part, final long connectionCount, final SnapshotVisitor visitor)
        throws SnapshotCorruptedException
    {
        final int length = part.dataLength();
        int position = 0;
        int delivered = 0;
        while (position < length)
        {
            if (length - position < ShardRecordDescriptor.HEADER_LENGTH || delivered == part.connectionCount())
            {
                throw corrupt(snapshot, part, "records do not fill the shard at position=" + position);
            }
            final int ordinal = (int)LittleEndian.INT.get(data, position + ShardRecordDescriptor.ORDINAL_OFFSET);
            final int recordLength =
                Short.toUnsignedInt((short)LittleEndian.SHORT.get(
                    data, position + ShardRecordDescriptor.RECORD_LENGTH_OFFSET));
            final int classCode = data[position + ShardRecordDescriptor.CLASS_OFFSET];
            final long connectionId =
                (long)LittleEndian.LONG.get(data, position + ShardRecordDescriptor.CONNECTION_ID_OFFSET);
            final int recordStart = position + ShardRecordDescriptor.RECORD_OFFSET;
            if (ordinal < 0 || ordinal >= connectionCount || recordLength > ConnectionState.LENGTH_MAX
                || recordLength > length - recordStart || classCode < 0 || classCode >= CLASS_COUNT
                || ShardSet.shardOf(connectionId) != part.shardId())
            {
                throw corrupt(snapshot, part, "bad record at position=" + position);
            }
            System.arraycopy(data, recordStart, record, 0, recordLength);
            visitor.onConnection(ordinal,
                new ConnectionState(connectionId, ConnectionClass.fromCode(classCode), record, recordLength));
            delivered++;
            position = recordStart + recordLength;
        }
        if (delivered != part.connectionCount())
        {
            throw corrupt(snapshot, part, "connections=" + delivered + " expected=" + part.connectionCount());
        }
    }

    private void ensure(final int length)
    {
        if (data.length < length)
        {
            data = new byte[Math.max(length, data.length * 2)];
        }
    }

    private static SnapshotCorruptedException corrupt(
        final String snapshot, final ShardMetadata part, final String reason)
    {
        return new SnapshotCorruptedException(snapshot, part.shardId(), reason);
    }
}
