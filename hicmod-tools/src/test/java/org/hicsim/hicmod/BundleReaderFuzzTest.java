package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link BundleReader}: whatever the bytes, it returns a bundle or throws {@link HicmodFormatException};
 * any other exception or error is a finding.
 * <p>
 * Each input is read twice: as given, and with the manifest's SHA-384 and the payload's CRC32C recomputed where
 * the section table allows. A fuzzer cannot forge digests, so without the second read nearly every mutation of
 * the manifest or the LZ4 data would stop at a digest check and the manifest parser and the decompressor behind
 * them would go unexplored.
 * <p>
 * Under plain {@code mvn test} Jazzer runs the committed inputs in {@code BundleReaderFuzzTestInputs/readBundle}
 * (valid bundles, signed and unsigned, and damaged variants) as a regression test. With {@code JAZZER_FUZZ=1}
 * (the {@code fuzz} execution of {@code mvn verify}) it fuzzes for {@code maxDuration} and writes a failing
 * input into that directory.
 */
class BundleReaderFuzzTest
{
    @FuzzTest(maxDuration = "60s")
    void readBundle(final byte[] input)
    {
        readOrRefuse(input);
        readOrRefuse(withDigestsRecomputed(input));
    }

    private static void readOrRefuse(final byte[] input)
    {
        final Bundle bundle;
        try
        {
            bundle = BundleReader.read(input);
        }
        catch (final HicmodFormatException refused)
        {
            return;
        }
        // What was accepted is what was given, and its signed bytes are the bundle without the signature.
        assertArrayEquals(input, bundle.toBytes());
        assertEquals(input.length, bundle.signedBytes().length + bundle.signature().length);
    }

    private static byte[] withDigestsRecomputed(final byte[] input)
    {
        final byte[] fixed = input.clone();
        final ByteBuffer buffer = ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN);
        if (fixed.length < SectionEntryDescriptor.TABLE_OFFSET + SectionEntryDescriptor.TABLE_LENGTH)
        {
            return fixed;
        }
        final int manifestOffset = sectionStart(buffer, SectionType.MANIFEST, ManifestSectionDescriptor.TEXT_OFFSET);
        if (manifestOffset >= 0)
        {
            final int textOffset = manifestOffset + ManifestSectionDescriptor.TEXT_OFFSET;
            buffer.put(manifestOffset + ManifestSectionDescriptor.SHA384_OFFSET,
                Digests.sha384(fixed, textOffset, sectionEnd(buffer, SectionType.MANIFEST) - textOffset));
        }
        final int payloadOffset = sectionStart(buffer, SectionType.PAYLOAD, PayloadSectionDescriptor.DATA_OFFSET);
        if (payloadOffset >= 0)
        {
            final int dataOffset = payloadOffset + PayloadSectionDescriptor.DATA_OFFSET;
            buffer.putInt(payloadOffset + PayloadSectionDescriptor.DATA_CRC32C_OFFSET,
                Digests.crc32c(fixed, dataOffset, sectionEnd(buffer, SectionType.PAYLOAD) - dataOffset));
        }
        return fixed;
    }

    /** The section's offset if the table puts all of it, and at least its fixed part, inside the input; else -1. */
    private static int sectionStart(final ByteBuffer buffer, final SectionType type, final int fixedLength)
    {
        final int entry = SectionEntryDescriptor.entryOffset(type.ordinal());
        final long offset = buffer.getLong(entry + SectionEntryDescriptor.SECTION_OFFSET_OFFSET);
        final long length = buffer.getLong(entry + SectionEntryDescriptor.SECTION_LENGTH_OFFSET);
        final boolean inside = offset >= 0 && length >= fixedLength && length <= buffer.limit()
            && offset <= buffer.limit() - length;
        return inside ? (int)offset : -1;
    }

    private static int sectionEnd(final ByteBuffer buffer, final SectionType type)
    {
        final int entry = SectionEntryDescriptor.entryOffset(type.ordinal());
        return (int)(buffer.getLong(entry + SectionEntryDescriptor.SECTION_OFFSET_OFFSET)
            + buffer.getLong(entry + SectionEntryDescriptor.SECTION_LENGTH_OFFSET));
    }
}
