package org.hicsim.core0.spi;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * One connection in a {@link StateSnapshot}: its id, its migration class and its state record, at most
 * {@link #LENGTH_MAX} bytes (HIC moves a connection as an atomic owner change carrying at most 256 bytes of
 * connection state). Immutable: the record is copied in and out.
 */
public final class ConnectionState
{
    public static final int LENGTH_MAX = 256;

    private final long connectionId;
    private final ConnectionClass connectionClass;
    private final byte[] record;

    /**
     * @throws IllegalArgumentException if the record is longer than {@link #LENGTH_MAX}.
     */
    public ConnectionState(
        final long connectionId, final ConnectionClass connectionClass, final byte[] record, final int length)
    {
        if (connectionClass == null)
        {
            throw new IllegalArgumentException("connectionClass=null connectionId=" + connectionId);
        }
        if (length < 0 || length > LENGTH_MAX)
        {
            throw new IllegalArgumentException("length=" + length + " outside 0.." + LENGTH_MAX);
        }
        this.connectionId = connectionId;
        this.connectionClass = connectionClass;
        this.record = Arrays.copyOf(record, length);
    }

    public long connectionId()
    {
        return connectionId;
    }

    public ConnectionClass connectionClass()
    {
        return connectionClass;
    }

    public int length()
    {
        return record.length;
    }

    /** Adds the record to {@code crc}, with no copy of it: the exporter's seal ({@link StateSeal}). */
    void updateCrc(final CRC32 crc)
    {
        crc.update(record, 0, record.length);
    }

    /**
     * Copies the record into {@code dst} at {@code dstOffset}.
     *
     * @return its length.
     */
    public int copyRecord(final byte[] dst, final int dstOffset)
    {
        System.arraycopy(record, 0, dst, dstOffset, record.length);
        return record.length;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof ConnectionState
            && ((ConnectionState)other).connectionId == connectionId
            && ((ConnectionState)other).connectionClass == connectionClass
            && Arrays.equals(((ConnectionState)other).record, record);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(connectionId) * 31 + Arrays.hashCode(record);
    }

    @Override
    public String toString()
    {
        return "ConnectionState{connectionId=" + connectionId + " class=" + connectionClass
            + " length=" + record.length + "}";
    }
}
