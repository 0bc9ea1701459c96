package org.hicsim.hicmod;

import java.nio.ByteBuffer;

/**
 * Layout of the fixed header that starts every {@code .hicmod} bundle (all integers little-endian, as in HIC).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     0x89      |      'H'      |      'I'      |      'C'      |
 *  +---------------+---------------+---------------+---------------+
 *  |      'M'      |      'O'      |      'D'      |     0x0A      |
 *  +---------------+---------------+-------------------------------+
 *  |        Format Version         |         Header Length         |
 *  +-------------------------------+-------------------------------+
 *  |         Section Count         |      Section Entry Length     |
 *  +-------------------------------+-------------------------------+
 *  |         Module Version (major<<16 | minor<<8 | patch)         |
 *  +---------------------------------------------------------------+
 *  |                          Flags (zero)                         |
 *  +---------------------------------------------------------------+
 *  |                                                               |
 *  +                  Module UUID (16 bytes, RFC 9562              +
 *  |                  byte order, as written in text)              |
 *  +                                                               +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * The magic's first byte has its high bit set and its last is a line feed, so a transfer that strips the eighth
 * bit or translates line ends is caught at once. The version and counts fix the rest of the layout; the module
 * version (HIC's packing) and UUID repeat the manifest's so a tool can identify a bundle from 40 bytes, and the
 * reader refuses a bundle where they disagree.
 */
public final class HeaderDescriptor
{
    /** 0x89 'H' 'I' 'C' 'M' 'O' 'D' 0x0A read as one little-endian long. */
    public static final long MAGIC = 0x0A44_4F4D_4349_4889L;
    public static final int FORMAT_VERSION = 1;
    /** One entry per {@link SectionType}. */
    public static final int SECTION_COUNT = 3;

    public static final int MAGIC_OFFSET = 0;
    public static final int FORMAT_VERSION_OFFSET = 8;
    public static final int HEADER_LENGTH_OFFSET = 10;
    public static final int SECTION_COUNT_OFFSET = 12;
    public static final int SECTION_ENTRY_LENGTH_OFFSET = 14;
    public static final int MODULE_VERSION_OFFSET = 16;
    public static final int FLAGS_OFFSET = 20;
    public static final int MODULE_UUID_OFFSET = 24;
    public static final int MODULE_UUID_LENGTH = 16;
    public static final int LENGTH = MODULE_UUID_OFFSET + MODULE_UUID_LENGTH;

    private HeaderDescriptor()
    {
    }

    /**
     * Checks the header's fixed fields: length, magic, format version, header length, section count and entry
     * length, flags. The module version and UUID are checked against the manifest once it is read.
     *
     * @param buffer the whole bundle, little-endian, from index 0.
     * @throws HicmodFormatException with region {@code header}.
     */
    public static void checkHeader(final ByteBuffer buffer)
    {
        final int fileLength = buffer.limit();
        if (fileLength < LENGTH)
        {
            throw fault("file is " + fileLength + " bytes, shorter than the " + LENGTH + "-byte header");
        }
        final long magic = buffer.getLong(MAGIC_OFFSET);
        if (magic != MAGIC)
        {
            throw fault(String.format("bad magic %016x (not a .hicmod bundle)", Long.reverseBytes(magic)));
        }
        checkField("format version", Short.toUnsignedInt(buffer.getShort(FORMAT_VERSION_OFFSET)), FORMAT_VERSION);
        checkField("header length", Short.toUnsignedInt(buffer.getShort(HEADER_LENGTH_OFFSET)), LENGTH);
        checkField("section count", Short.toUnsignedInt(buffer.getShort(SECTION_COUNT_OFFSET)), SECTION_COUNT);
        checkField("section entry length", Short.toUnsignedInt(buffer.getShort(SECTION_ENTRY_LENGTH_OFFSET)),
            SectionEntryDescriptor.LENGTH);
        final int flags = buffer.getInt(FLAGS_OFFSET);
        if (flags != 0)
        {
            throw fault("flags 0x" + Integer.toHexString(flags) + " are reserved and must be zero");
        }
    }

    private static void checkField(final String name, final int value, final int expected)
    {
        if (value != expected)
        {
            throw fault(name + " " + value + " is not " + expected + " (format version " + FORMAT_VERSION + ")");
        }
    }

    private static HicmodFormatException fault(final String reason)
    {
        return new HicmodFormatException("header", reason);
    }
}
