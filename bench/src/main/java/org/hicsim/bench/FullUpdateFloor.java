package org.hicsim.bench;

import java.util.Locale;
import java.util.zip.CRC32;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.mm.snapshot.ShardRecordDescriptor;
import org.hicsim.mm.snapshot.ShardSet;

/**
 * The floor {@link FullUpdateBenchmark} is measured against: the same N connection records exported, compressed
 * and imported with no simulation around them. Each connection's record is what netstack's snapshot holds for it
 * (a shard record header and the connection's state, 112 bytes in all, about what a netstack snapshot takes a
 * connection), written into the shard its id hashes to ({@link ShardSet#shardOf}), each of the 1024 shards
 * CRC32'd and LZ4-compressed with the snapshot store's codec (lz4-java's safe fast compressor), then every shard
 * decompressed, its CRC checked, and each record read back into a connection table. No sandbox, no memory model,
 * no migration channel, no audit or trace. Prints a checksum of the imported table and the wall time since the
 * JVM started; time it as a whole process, as the benchmark is.
 * <pre>
 * java -Xmx2g --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
 *     -cp bench/target/benchmarks.jar org.hicsim.bench.FullUpdateFloor 1000000
 * </pre>
 */
public final class FullUpdateFloor
{
    /** A connection's state in the snapshot, after its shard record header. */
    static final int STATE_LENGTH = 96;
    static final int RECORD_LENGTH = ShardRecordDescriptor.HEADER_LENGTH + STATE_LENGTH;
    private static final int STATE_WORDS = STATE_LENGTH / Long.BYTES;
    private static final int SHARDS = ShardSet.SHARD_COUNT;
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.safeInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.safeInstance().safeDecompressor();

    private FullUpdateFloor()
    {
    }

    public static void main(final String[] args)
    {
        final int connections = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        final long[] ids = new long[connections];
        final int[] shardOf = new int[connections];
        final int[] shardLength = new int[SHARDS];
        for (int i = 0; i < connections; i++)
        {
            ids[i] = 0x1000_0000L + i;
            shardOf[i] = ShardSet.shardOf(ids[i]);
            shardLength[shardOf[i]] += RECORD_LENGTH;
        }

        final byte[][] stored = new byte[SHARDS][];
        final long[] crcs = new long[SHARDS];
        exportAndCompress(connections, ids, shardOf, shardLength, stored, crcs);
        final long[] table = new long[connections * (STATE_WORDS + 1)];
        importAll(stored, crcs, shardLength, table);

        long checksum = 0;
        long storedBytes = 0;
        for (final long word : table)
        {
            checksum = checksum * 31 + word;
        }
        for (final byte[] shard : stored)
        {
            storedBytes += shard.length;
        }
        System.out.printf(Locale.ROOT, "connections=%d dataBytes=%d storedBytes=%d checksum=%016x%n", connections,
            (long)connections * RECORD_LENGTH, storedBytes, checksum);
        System.out.printf(Locale.ROOT, "wall %d ms since the JVM started%n", JvmUptime.millis());
    }

    /** Each connection's record into its shard, then each shard's CRC32 and LZ4 block. */
    private static void exportAndCompress(final int connections, final long[] ids, final int[] shardOf,
        final int[] shardLength, final byte[][] stored, final long[] crcs)
    {
        final byte[][] data = new byte[SHARDS][];
        final int[] position = new int[SHARDS];
        for (int shard = 0; shard < SHARDS; shard++)
        {
            data[shard] = new byte[shardLength[shard]];
        }
        final UnsafeBuffer record = new UnsafeBuffer(new byte[0]);
        for (int i = 0; i < connections; i++)
        {
            final int shard = shardOf[i];
            record.wrap(data[shard], position[shard], RECORD_LENGTH);
            record.putInt(ShardRecordDescriptor.ORDINAL_OFFSET, i);
            record.putShort(ShardRecordDescriptor.RECORD_LENGTH_OFFSET, (short)STATE_LENGTH);
            record.putByte(ShardRecordDescriptor.CLASS_OFFSET, (byte)2);
            record.putLong(ShardRecordDescriptor.CONNECTION_ID_OFFSET, ids[i]);
            for (int word = 0; word < STATE_WORDS; word++)
            {
                // Sequence numbers, byte counters, addresses: distinct per connection, as the real ones are.
                record.putLong(ShardRecordDescriptor.RECORD_OFFSET + word * Long.BYTES, ids[i] * (word + 1) + word);
            }
            position[shard] += RECORD_LENGTH;
        }
        final CRC32 crc = new CRC32();
        for (int shard = 0; shard < SHARDS; shard++)
        {
            crc.reset();
            crc.update(data[shard], 0, data[shard].length);
            crcs[shard] = crc.getValue();
            stored[shard] = COMPRESSOR.compress(data[shard]);
            data[shard] = null;
        }
    }

    /** Each shard decompressed and checked, each record back into the table at its ordinal. */
    private static void importAll(final byte[][] stored, final long[] crcs, final int[] shardLength,
        final long[] table)
    {
        final CRC32 crc = new CRC32();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[0]);
        for (int shard = 0; shard < SHARDS; shard++)
        {
            final byte[] data = new byte[shardLength[shard]];
            if (DECOMPRESSOR.decompress(stored[shard], 0, stored[shard].length, data, 0) != data.length)
            {
                throw new IllegalStateException("shard=" + shard + " decompressed to the wrong length");
            }
            crc.reset();
            crc.update(data, 0, data.length);
            if (crc.getValue() != crcs[shard])
            {
                throw new IllegalStateException("shard=" + shard + " CRC32 mismatch");
            }
            for (int offset = 0; offset < data.length; offset += RECORD_LENGTH)
            {
                record.wrap(data, offset, RECORD_LENGTH);
                final int ordinal = record.getInt(ShardRecordDescriptor.ORDINAL_OFFSET);
                final int base = ordinal * (STATE_WORDS + 1);
                table[base] = record.getLong(ShardRecordDescriptor.CONNECTION_ID_OFFSET);
                for (int word = 0; word < STATE_WORDS; word++)
                {
                    table[base + 1 + word] = record.getLong(ShardRecordDescriptor.RECORD_OFFSET + word * Long.BYTES);
                }
            }
        }
    }
}
