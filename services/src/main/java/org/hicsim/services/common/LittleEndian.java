package org.hicsim.services.common;

/**
 * Little-endian integers in byte arrays, and the two 32-bit fields one 64-bit load of sandbox memory (also
 * little-endian) reads: the byte order of every snapshot body and wire layout the services define, as in HIC and
 * in the {@code .hicmod} format. Services may not use Agrona or {@code java.nio} buffers,
 * so these few lines stand in for them.
 */
public final class LittleEndian
{
    private LittleEndian()
    {
    }

    public static void putShort(final byte[] dst, final int offset, final int value)
    {
        dst[offset] = (byte)value;
        dst[offset + 1] = (byte)(value >>> 8);
    }

    public static int getUnsignedShort(final byte[] src, final int offset)
    {
        return (src[offset] & 0xFF) | (src[offset + 1] & 0xFF) << 8;
    }

    public static void putInt(final byte[] dst, final int offset, final int value)
    {
        dst[offset] = (byte)value;
        dst[offset + 1] = (byte)(value >>> 8);
        dst[offset + 2] = (byte)(value >>> 16);
        dst[offset + 3] = (byte)(value >>> 24);
    }

    public static int getInt(final byte[] src, final int offset)
    {
        return (src[offset] & 0xFF)
            | (src[offset + 1] & 0xFF) << 8
            | (src[offset + 2] & 0xFF) << 16
            | (src[offset + 3] & 0xFF) << 24;
    }

    public static long getUnsignedInt(final byte[] src, final int offset)
    {
        return getInt(src, offset) & 0xFFFF_FFFFL;
    }

    public static void putLong(final byte[] dst, final int offset, final long value)
    {
        putInt(dst, offset, (int)value);
        putInt(dst, offset + 4, (int)(value >>> 32));
    }

    public static long getLong(final byte[] src, final int offset)
    {
        return getUnsignedInt(src, offset) | (long)getInt(src, offset + 4) << 32;
    }

    /**
     * The 32-bit field at the lower address of two adjacent ones that one 64-bit load of sandbox memory read: as
     * the memory is little-endian, the load's low half.
     */
    public static int firstInt(final long twoInts)
    {
        return (int)twoInts;
    }

    /** The 32-bit field at the higher address of two adjacent ones that one 64-bit load read: its high half. */
    public static int secondInt(final long twoInts)
    {
        return (int)(twoInts >>> Integer.SIZE);
    }
}
