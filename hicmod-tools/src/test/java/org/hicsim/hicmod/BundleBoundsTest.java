package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated bundles and lengths that point past the end or over their maximum are refused, and refused before
 * anything of the claimed size is allocated.
 */
class BundleBoundsTest
{
    private static final long TWO_GIB = 2L << 30;
    /** Far below any claimed length here, far above what checking a small bundle takes. */
    private static final long ALLOCATION_BUDGET = 1 << 20;

    private static final byte[] SIGNED =
        BundleReader.read(Fixtures.netstackBundle()).withSignature(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x07 });
    private static final Bundle READ = BundleReader.read(SIGNED);

    @Test
    void shouldRefuseTheBundleTruncatedAtEveryOffset()
    {
        for (int length = 0; length < SIGNED.length; length++)
        {
            final byte[] truncated = Arrays.copyOf(SIGNED, length);
            assertThrows(HicmodFormatException.class, () -> BundleReader.read(truncated), "length=" + length);
        }
    }

    @Test
    void shouldRefuseTheBundleTruncatedInsideTheHeader()
    {
        assertEquals("header: file is 39 bytes, shorter than the 40-byte header",
            refuse(Arrays.copyOf(SIGNED, HeaderDescriptor.LENGTH - 1)).getMessage());
    }

    @Test
    void shouldRefuseTheBundleTruncatedAtTheEndOfTheHeader()
    {
        assertEquals("section table: ends at 112, past the end of the 40-byte file",
            refuse(Arrays.copyOf(SIGNED, SectionEntryDescriptor.TABLE_OFFSET)).getMessage());
    }

    @Test
    void shouldRefuseTheBundleTruncatedAtEverySectionStart()
    {
        for (final Section section : READ.sections())
        {
            final HicmodFormatException refused = refuse(Arrays.copyOf(SIGNED, section.offset()));

            assertEquals("section table: entry " + section.type().ordinal() + " (" + section.type() + ") at offset "
                + section.offset() + " with length " + section.length() + " exceeds file size " + section.offset(),
                refused.getMessage());
        }
    }

    @Test
    void shouldRefuseASectionLengthOverItsMaximum()
    {
        final byte[] bundle = RawBundle.withLong(SIGNED, payloadLengthField(), TWO_GIB);

        assertEquals("section table: entry 1 (payload) length 2147483648 exceeds the maximum "
            + PayloadSectionDescriptor.LENGTH_MAX, refuse(bundle).getMessage());
    }

    @Test
    void shouldReadASectionLengthAsUnsigned()
    {
        final byte[] bundle = RawBundle.withLong(SIGNED, payloadLengthField(), -1L);

        assertEquals("section table: entry 1 (payload) length 18446744073709551615 exceeds the maximum "
            + PayloadSectionDescriptor.LENGTH_MAX, refuse(bundle).getMessage());
    }

    @Test
    void shouldRefuseASectionLengthPastTheEndOfTheFile()
    {
        final Section signature = READ.section(SectionType.SIGNATURE);
        final byte[] bundle = RawBundle.withLong(SIGNED, SignatureSectionDescriptor.LENGTH_FIELD_OFFSET, 9_999);

        assertEquals("section table: entry 2 (signature) at offset " + signature.offset() + " with length 9999"
            + " exceeds file size " + SIGNED.length, refuse(bundle).getMessage());
    }

    @Test
    void shouldRefuseADeclaredJarLengthOverItsMaximum()
    {
        assertEquals("payload: uncompressed length 2147483648 exceeds the maximum "
                + PayloadSectionDescriptor.JAR_LENGTH_MAX,
            refuse(RawBundle.withLong(SIGNED, declaredJarLengthField(), TWO_GIB)).getMessage());
    }

    @Test
    void shouldRefuseADeclaredJarLengthTheCompressedBytesCannotHold()
    {
        final int dataLength = READ.compressedPayload().remaining();

        assertEquals("payload: uncompressed length " + PayloadSectionDescriptor.JAR_LENGTH_MAX + " is more than "
                + PayloadSectionDescriptor.EXPANSION_MAX + " times the " + dataLength + " compressed bytes",
            refuse(RawBundle.withLong(SIGNED, declaredJarLengthField(), PayloadSectionDescriptor.JAR_LENGTH_MAX))
                .getMessage());
    }

    @Test
    void shouldNotAllocateTheClaimedLengthsBeforeRefusingThem()
    {
        final byte[][] lying = {
            RawBundle.withLong(SIGNED, payloadLengthField(), TWO_GIB),
            RawBundle.withLong(SIGNED, SignatureSectionDescriptor.LENGTH_FIELD_OFFSET, TWO_GIB),
            RawBundle.withLong(SIGNED, declaredJarLengthField(), TWO_GIB),
            RawBundle.withLong(SIGNED, declaredJarLengthField(), PayloadSectionDescriptor.JAR_LENGTH_MAX),
        };
        for (final byte[] bundle : lying)
        {
            final long before = allocatedBytes();
            assertThrows(HicmodFormatException.class, () -> BundleReader.read(bundle));
            final long allocated = allocatedBytes() - before;

            assertTrue(allocated < ALLOCATION_BUDGET, "allocated=" + allocated);
        }
    }

    @Test
    void shouldRefuseAHugeFileByItsSizeWithoutReadingIt(@TempDir final Path directory) throws Exception
    {
        final Path file = directory.resolve("huge.hicmod");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw"))
        {
            sparse.setLength(TWO_GIB);
        }

        final long before = allocatedBytes();
        final HicmodFormatException refused =
            assertThrows(HicmodFormatException.class, () -> BundleReader.read(file));
        final long allocated = allocatedBytes() - before;

        assertEquals(file + ": longer than the maximum " + Bundle.LENGTH_MAX + " bytes", refused.getMessage());
        assertTrue(allocated < ALLOCATION_BUDGET, "allocated=" + allocated);
    }

    @Test
    void shouldRefuseBytesOverTheLargestBundle()
    {
        assertEquals("file: " + (Bundle.LENGTH_MAX + 1) + " bytes exceeds the maximum " + Bundle.LENGTH_MAX,
            refuse(new byte[Bundle.LENGTH_MAX + 1]).getMessage());
    }

    @Test
    void shouldNameTheFileInAFaultOfABundleFile(@TempDir final Path directory) throws Exception
    {
        final Path file = directory.resolve("short.hicmod");
        java.nio.file.Files.write(file, Arrays.copyOf(SIGNED, 10));

        assertEquals(file + ": header: file is 10 bytes, shorter than the 40-byte header",
            assertThrows(HicmodFormatException.class, () -> BundleReader.read(file)).getMessage());
    }

    private static int payloadLengthField()
    {
        return SectionEntryDescriptor.entryOffset(SectionType.PAYLOAD.ordinal())
            + SectionEntryDescriptor.SECTION_LENGTH_OFFSET;
    }

    private static int declaredJarLengthField()
    {
        return READ.section(SectionType.PAYLOAD).offset() + PayloadSectionDescriptor.UNCOMPRESSED_LENGTH_OFFSET;
    }

    private static long allocatedBytes()
    {
        return ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static HicmodFormatException refuse(final byte[] bytes)
    {
        return assertThrows(HicmodFormatException.class, () -> BundleReader.read(bytes));
    }
}
