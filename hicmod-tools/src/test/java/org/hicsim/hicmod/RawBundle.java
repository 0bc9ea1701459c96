package org.hicsim.hicmod;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Assembles bundles from raw parts with a consistent section table, to build faults that {@link BundleWriter}
 * never makes (a wrong digest, a non-canonical manifest, an impossible declared length).
 */
final class RawBundle
{
    private RawBundle()
    {
    }

    static byte[] assemble(
        final byte[] header, final byte[] manifestSection, final byte[] payloadSection, final byte[] signature)
    {
        final byte[][] sections = { manifestSection, payloadSection, signature };
        int offset = SectionEntryDescriptor.TABLE_OFFSET + SectionEntryDescriptor.TABLE_LENGTH;
        final int length = offset + manifestSection.length + payloadSection.length + signature.length;
        final ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(0, header, 0, HeaderDescriptor.LENGTH);
        for (final SectionType type : SectionType.values())
        {
            final int entry = SectionEntryDescriptor.entryOffset(type.ordinal());
            final byte[] section = sections[type.ordinal()];
            out.putInt(entry + SectionEntryDescriptor.TYPE_OFFSET, type.code())
                .putLong(entry + SectionEntryDescriptor.SECTION_OFFSET_OFFSET, offset)
                .putLong(entry + SectionEntryDescriptor.SECTION_LENGTH_OFFSET, section.length)
                .put(offset, section);
            offset += section.length;
        }
        return out.array();
    }

    static byte[] section(final byte[] bundle, final SectionType type)
    {
        final Section section = BundleReader.read(bundle).section(type);
        return Arrays.copyOfRange(bundle, section.offset(), section.end());
    }

    static byte[] manifestSection(final byte[] text)
    {
        final byte[] section = new byte[ManifestSectionDescriptor.TEXT_OFFSET + text.length];
        System.arraycopy(Digests.sha384(text, 0, text.length), 0, section, ManifestSectionDescriptor.SHA384_OFFSET,
            Digests.SHA384_LENGTH);
        System.arraycopy(text, 0, section, ManifestSectionDescriptor.TEXT_OFFSET, text.length);
        return section;
    }

    /** A payload section with a correct CRC32C of {@code data} and the given length and jar digest. */
    static byte[] payloadSection(final long declaredLength, final byte[] sha384, final byte[] data)
    {
        return ByteBuffer.allocate(PayloadSectionDescriptor.DATA_OFFSET + data.length)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(PayloadSectionDescriptor.UNCOMPRESSED_LENGTH_OFFSET, declaredLength)
            .putInt(PayloadSectionDescriptor.DATA_CRC32C_OFFSET, Digests.crc32c(data, 0, data.length))
            .put(PayloadSectionDescriptor.SHA384_OFFSET, sha384)
            .put(PayloadSectionDescriptor.DATA_OFFSET, data)
            .array();
    }

    /** {@code bundle} with the little-endian long at {@code offset} replaced. */
    static byte[] withLong(final byte[] bundle, final int offset, final long value)
    {
        final byte[] changed = bundle.clone();
        ByteBuffer.wrap(changed).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
        return changed;
    }
}
