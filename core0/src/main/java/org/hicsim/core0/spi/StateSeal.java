package org.hicsim.core0.spi;

import java.util.List;
import java.util.zip.CRC32;

/**
 * The exporter's seal on a {@link StateSnapshot} (HIC 3.1 "generate consistency checkpoint", 5.2.1 "calculate
 * integrity checksum"): the CRC32 of the global part, and the CRC32 of the connections in snapshot order, each as
 * its id (8 bytes), class code (1), record length (2) and record, little-endian. It is computed when the exporter
 * builds the snapshot, so whoever holds the snapshot later (the Module Manager, before it keeps or uses what an
 * instance exported) recomputes it from the parts and finds a part changed since the export, without knowing the
 * service's layout. Immutable.
 */
public final class StateSeal
{
    /** The part {@link #mismatch} names when the global state no longer matches. */
    public static final String GLOBAL = "global";
    /** The part {@link #mismatch} names when the connections no longer match. */
    public static final String CONNECTIONS = "connections";

    private final int globalCrc32;
    private final int connectionsCrc32;

    private StateSeal(final int globalCrc32, final int connectionsCrc32)
    {
        this.globalCrc32 = globalCrc32;
        this.connectionsCrc32 = connectionsCrc32;
    }

    static StateSeal of(final byte[] global, final List<ConnectionState> connections)
    {
        return new StateSeal(globalCrc32(global), connectionsCrc32(connections));
    }

    public int globalCrc32()
    {
        return globalCrc32;
    }

    public int connectionsCrc32()
    {
        return connectionsCrc32;
    }

    /**
     * Recomputes both checksums from {@code snapshot}'s parts as they are now.
     *
     * @return the first part that no longer matches this seal ({@link #GLOBAL}, {@link #CONNECTIONS}), or null.
     */
    public String mismatch(final StateSnapshot snapshot)
    {
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        if (globalCrc32(global) != globalCrc32)
        {
            return GLOBAL;
        }
        return connectionsCrc32(snapshot.connections()) != connectionsCrc32 ? CONNECTIONS : null;
    }

    private static int globalCrc32(final byte[] global)
    {
        final CRC32 crc = new CRC32();
        crc.update(global, 0, global.length);
        return (int)crc.getValue();
    }

    private static int connectionsCrc32(final List<ConnectionState> connections)
    {
        final CRC32 crc = new CRC32();
        final byte[] prefix = new byte[Long.BYTES + 1 + Short.BYTES];
        for (final ConnectionState connection : connections)
        {
            final long id = connection.connectionId();
            for (int i = 0; i < Long.BYTES; i++)
            {
                prefix[i] = (byte)(id >>> (i * Byte.SIZE));
            }
            prefix[Long.BYTES] = (byte)connection.connectionClass().code();
            prefix[Long.BYTES + 1] = (byte)connection.length();
            prefix[Long.BYTES + 2] = (byte)(connection.length() >>> Byte.SIZE);
            crc.update(prefix, 0, prefix.length);
            connection.updateCrc(crc);
        }
        return (int)crc.getValue();
    }

    @Override
    public String toString()
    {
        return "StateSeal{global=" + Integer.toHexString(globalCrc32) + " connections="
            + Integer.toHexString(connectionsCrc32) + "}";
    }
}
