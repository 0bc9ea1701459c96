package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/**
 * The layout constants agree with each other, with the format document, and with the libraries they rely on.
 */
class DescriptorTest
{
    @Test
    void shouldSpellTheMagicAsDocumented()
    {
        final byte[] magic = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(0, HeaderDescriptor.MAGIC).array();

        assertEquals((byte)0x89, magic[0]);
        assertEquals("HICMOD", new String(magic, 1, 6, StandardCharsets.US_ASCII));
        assertEquals((byte)0x0A, magic[7]);
    }

    @Test
    void shouldHaveOneTableEntryPerSectionType()
    {
        assertEquals(SectionType.values().length, HeaderDescriptor.SECTION_COUNT);
    }

    @Test
    void shouldPutTheSignatureLengthFieldInTheSignatureEntry()
    {
        assertEquals(SectionEntryDescriptor.entryOffset(SectionType.SIGNATURE.ordinal())
            + SectionEntryDescriptor.SECTION_LENGTH_OFFSET, SignatureSectionDescriptor.LENGTH_FIELD_OFFSET);
    }

    @Test
    void shouldBoundCompressedDataByLz4sWorstCase()
    {
        assertEquals(LZ4Factory.safeInstance().fastCompressor().maxCompressedLength(
            PayloadSectionDescriptor.JAR_LENGTH_MAX), PayloadSectionDescriptor.DATA_LENGTH_MAX);
    }

    @Test
    void shouldFitTheLargestBundleInAnInt()
    {
        assertEquals(67_503_344L, Bundle.LENGTH_MAX);
    }

    @Test
    void shouldPlaceTheFirstSectionAfterTheTable()
    {
        assertEquals(112, SectionEntryDescriptor.TABLE_OFFSET + SectionEntryDescriptor.TABLE_LENGTH);
    }
}
