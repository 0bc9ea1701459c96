package org.hicsim.hicmod;

import java.nio.ByteBuffer;

/**
 * Layout of one entry of the section table, which follows the header and has one entry per {@link SectionType},
 * in that order (integers little-endian; offset and length are unsigned).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Section Type                         |
 *  +---------------------------------------------------------------+
 *  |                          Flags (zero)                         |
 *  +---------------------------------------------------------------+
 *  |                                                               |
 *  +                Section Offset (from file start)               +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                                                               |
 *  +                         Section Length                        +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * Sections are contiguous: the first starts where the table ends, each next one where the one before ends, and
 * the last (the signature) ends where the file ends. So there is exactly one layout for given contents, no
 * bytes lie outside a section, and overlaps and gaps are errors.
 */
public final class SectionEntryDescriptor
{
    public static final int TYPE_OFFSET = 0;
    public static final int FLAGS_OFFSET = 4;
    public static final int SECTION_OFFSET_OFFSET = 8;
    public static final int SECTION_LENGTH_OFFSET = 16;
    public static final int LENGTH = 24;

    public static final int TABLE_OFFSET = HeaderDescriptor.LENGTH;
    public static final int TABLE_LENGTH = HeaderDescriptor.SECTION_COUNT * LENGTH;

    private SectionEntryDescriptor()
    {
    }

    /** Where the table entry at {@code index} starts in the file. */
    public static int entryOffset(final int index)
    {
        return TABLE_OFFSET + index * LENGTH;
    }

    /**
     * Checks the table entry for {@code type}: its type code, zero flags, a length within the type's bounds, an
     * offset exactly where the previous section (or the table) ends, and an end within the file. Only then are
     * offset and length safe to use, and they fit an int.
     *
     * @param buffer         the whole bundle, little-endian, from index 0, whose table lies within it.
     * @param expectedOffset the end of the previous section, or of the table for the first.
     * @throws HicmodFormatException with region {@code section table}.
     */
    public static Section checkEntry(final ByteBuffer buffer, final SectionType type, final int expectedOffset)
    {
        final int entry = entryOffset(type.ordinal());
        final String name = "entry " + type.ordinal() + " (" + type + ")";
        final int code = buffer.getInt(entry + TYPE_OFFSET);
        if (code != type.code())
        {
            throw fault(name + " has type " + code + ", expected " + type.code());
        }
        final int flags = buffer.getInt(entry + FLAGS_OFFSET);
        if (flags != 0)
        {
            throw fault(name + " flags 0x" + Integer.toHexString(flags) + " are reserved and must be zero");
        }
        final long length = buffer.getLong(entry + SECTION_LENGTH_OFFSET);
        if (Long.compareUnsigned(length, type.lengthMax()) > 0)
        {
            throw fault(name + " length " + Long.toUnsignedString(length) + " exceeds the maximum "
                + type.lengthMax());
        }
        if (length < type.lengthMin())
        {
            throw fault(name + " length " + length + " is below the minimum " + type.lengthMin());
        }
        final long offset = buffer.getLong(entry + SECTION_OFFSET_OFFSET);
        if (offset != expectedOffset)
        {
            final int index = type.ordinal();
            final String previous = index == 0 ?
                "the section table" : "entry " + (index - 1) + " (" + SectionType.values()[index - 1] + ")";
            throw fault(name + " offset " + Long.toUnsignedString(offset)
                + (Long.compareUnsigned(offset, expectedOffset) < 0 ? " overlaps " : " leaves a gap after ")
                + previous + ", which ends at " + expectedOffset);
        }
        if (offset + length > buffer.limit())
        {
            throw fault(name + " at offset " + offset + " with length " + length + " exceeds file size "
                + buffer.limit());
        }
        return new Section(type, (int)offset, (int)length);
    }

    private static HicmodFormatException fault(final String reason)
    {
        return new HicmodFormatException("section table", reason);
    }
}
