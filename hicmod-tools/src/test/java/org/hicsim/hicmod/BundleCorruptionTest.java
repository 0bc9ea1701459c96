package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * One changed byte anywhere in the header, the section table, the manifest or the payload is refused, and the
 * refusal names the region the byte is in. (The signature block is the verifier's: the reader does not look
 * inside it.)
 */
class BundleCorruptionTest
{
    private static final int[] MASKS = { 0x01, 0x80, 0xFF };
    private static final byte[] BUNDLE = Fixtures.netstackBundle();
    private static final Bundle READ = BundleReader.read(BUNDLE);

    @Test
    void shouldRefuseEveryFlippedHeaderByteAsAHeaderFault()
    {
        assertEveryFlipRefusedAs("header", 0, HeaderDescriptor.LENGTH);
    }

    @Test
    void shouldRefuseEveryFlippedSectionTableByteAsASectionTableFault()
    {
        assertEveryFlipRefusedAs("section table", SectionEntryDescriptor.TABLE_OFFSET,
            SectionEntryDescriptor.TABLE_OFFSET + SectionEntryDescriptor.TABLE_LENGTH);
    }

    @Test
    void shouldRefuseEveryFlippedManifestByteAsAManifestFault()
    {
        final Section manifest = READ.section(SectionType.MANIFEST);
        assertEveryFlipRefusedAs("manifest", manifest.offset(), manifest.end());
    }

    @Test
    void shouldRefuseEveryFlippedPayloadByteAsAPayloadFault()
    {
        final Section payload = READ.section(SectionType.PAYLOAD);
        assertEveryFlipRefusedAs("payload", payload.offset(), payload.end());
    }

    @Test
    void shouldRefuseABadMagic()
    {
        assertEquals("header: bad magic 88484943 4d4f440a (not a .hicmod bundle)".replace(" ", ""),
            refuse(flip(BUNDLE, HeaderDescriptor.MAGIC_OFFSET, 0x01)).getMessage().replace(" ", ""));
    }

    @Test
    void shouldRefuseAnUnknownFormatVersion()
    {
        assertEquals("header: format version 0 is not 1 (format version 1)",
            refuse(flip(BUNDLE, HeaderDescriptor.FORMAT_VERSION_OFFSET, 0x01)).getMessage());
    }

    @Test
    void shouldRefuseAHeaderVersionThatDisagreesWithTheManifest()
    {
        assertEquals("header: module version 1.3.1 does not match the manifest's 1.3.0",
            refuse(flip(BUNDLE, HeaderDescriptor.MODULE_VERSION_OFFSET, 0x01)).getMessage());
    }

    @Test
    void shouldRefuseAHeaderUuidThatDisagreesWithTheManifest()
    {
        assertEquals("header: module UUID 540e8400-e29b-41d4-a716-446655440000 does not match the manifest's"
                + " 550e8400-e29b-41d4-a716-446655440000",
            refuse(flip(BUNDLE, HeaderDescriptor.MODULE_UUID_OFFSET, 0x01)).getMessage());
    }

    @Test
    void shouldRefuseAWrongSectionType()
    {
        assertEquals("section table: entry 1 (payload) has type 3, expected 2", refuse(flip(BUNDLE,
            SectionEntryDescriptor.entryOffset(1) + SectionEntryDescriptor.TYPE_OFFSET, 0x01)).getMessage());
    }

    @Test
    void shouldRefuseSectionsThatOverlap()
    {
        final Section manifest = READ.section(SectionType.MANIFEST);
        final byte[] overlapping = RawBundle.withLong(BUNDLE,
            SectionEntryDescriptor.entryOffset(1) + SectionEntryDescriptor.SECTION_OFFSET_OFFSET, manifest.end() - 1);

        assertEquals("section table: entry 1 (payload) offset " + (manifest.end() - 1) + " overlaps entry 0"
            + " (manifest), which ends at " + manifest.end(), refuse(overlapping).getMessage());
    }

    @Test
    void shouldRefuseAGapBetweenSections()
    {
        final Section manifest = READ.section(SectionType.MANIFEST);
        final byte[] gapped = RawBundle.withLong(BUNDLE,
            SectionEntryDescriptor.entryOffset(1) + SectionEntryDescriptor.SECTION_OFFSET_OFFSET, manifest.end() + 1);

        assertEquals("section table: entry 1 (payload) offset " + (manifest.end() + 1) + " leaves a gap after"
            + " entry 0 (manifest), which ends at " + manifest.end(), refuse(gapped).getMessage());
    }

    @Test
    void shouldRefuseTrailingBytesAfterTheLastSection()
    {
        final byte[] trailing = Arrays.copyOf(BUNDLE, BUNDLE.length + 1);

        assertEquals("section table: the last section ends at " + BUNDLE.length + ", but the file has "
            + trailing.length + " bytes", refuse(trailing).getMessage());
    }

    @Test
    void shouldRefuseAChangedManifestByItsDigest()
    {
        final int textOffset = READ.section(SectionType.MANIFEST).offset() + ManifestSectionDescriptor.TEXT_OFFSET;

        assertEquals("manifest: SHA-384 mismatch", refuse(flip(BUNDLE, textOffset + 10, 0x01)).getMessage());
    }

    @Test
    void shouldRefuseAManifestThatIsNotCanonical()
    {
        final String canonical = new String(CanonicalManifest.encode(Fixtures.netstack()), StandardCharsets.UTF_8);
        final byte[] spaced = (" " + canonical).getBytes(StandardCharsets.UTF_8);

        final byte[] bundle = RawBundle.assemble(BUNDLE, RawBundle.manifestSection(spaced),
            RawBundle.section(BUNDLE, SectionType.PAYLOAD), new byte[0]);

        assertEquals("manifest: not in canonical form", refuse(bundle).getMessage());
    }

    @Test
    void shouldLocateAnInvalidStoredManifestInTheManifestSection()
    {
        final byte[] invalid = "{\"name\":\"netstack\"}".getBytes(StandardCharsets.UTF_8);

        final byte[] bundle = RawBundle.assemble(BUNDLE, RawBundle.manifestSection(invalid),
            RawBundle.section(BUNDLE, SectionType.PAYLOAD), new byte[0]);

        assertEquals("manifest:1:1: version: missing required key", refuse(bundle).getMessage());
    }

    @Test
    void shouldRefuseAPayloadWhoseJarDigestDiffers()
    {
        final int digestOffset = READ.section(SectionType.PAYLOAD).offset() + PayloadSectionDescriptor.SHA384_OFFSET;

        assertEquals("payload: SHA-384 mismatch", refuse(flip(BUNDLE, digestOffset, 0x01)).getMessage());
    }

    @Test
    void shouldRefuseAChangedLz4ByteByItsChecksum()
    {
        final Section payload = READ.section(SectionType.PAYLOAD);

        assertEquals("payload: LZ4 data CRC32C mismatch",
            refuse(flip(BUNDLE, payload.offset() + PayloadSectionDescriptor.DATA_OFFSET, 0xF0)).getMessage());
    }

    @Test
    void shouldRefuseCorruptLz4DataWithAMatchingChecksum()
    {
        final byte[] jar = Fixtures.jar(100);
        final byte[] garbage = { (byte)0xF0, 1, 2, 3 };
        final byte[] payload = RawBundle.payloadSection(jar.length, Digests.sha384(jar, 0, jar.length), garbage);

        final byte[] bundle = RawBundle.assemble(BUNDLE, RawBundle.section(BUNDLE, SectionType.MANIFEST), payload,
            new byte[0]);

        assertEquals("payload: LZ4 data is corrupt", refuse(bundle).getMessage());
    }

    @Test
    void shouldRefuseADeclaredLengthTheDataDoesNotFill()
    {
        final int lengthOffset = READ.section(SectionType.PAYLOAD).offset()
            + PayloadSectionDescriptor.UNCOMPRESSED_LENGTH_OFFSET;
        final long declared = READ.jar().remaining() + 1;

        assertEquals("payload: LZ4 data decompresses to " + (declared - 1) + " bytes, not the declared " + declared,
            refuse(RawBundle.withLong(BUNDLE, lengthOffset, declared)).getMessage());
    }

    @Test
    void shouldRefuseAPayloadThatIsNotAJar()
    {
        final byte[] notJar = "not a jar, but well compressed".getBytes(StandardCharsets.UTF_8);
        final byte[] compressed = net.jpountz.lz4.LZ4Factory.safeInstance().fastCompressor().compress(notJar);
        final byte[] payload = RawBundle.payloadSection(notJar.length, Digests.sha384(notJar, 0, notJar.length),
            compressed);

        final byte[] bundle = RawBundle.assemble(BUNDLE, RawBundle.section(BUNDLE, SectionType.MANIFEST), payload,
            new byte[0]);

        assertEquals("payload: not a jar (it does not start with a zip local file header)",
            refuse(bundle).getMessage());
    }

    @Test
    void shouldNotLookInsideTheSignatureBlock()
    {
        final byte[] signed = READ.withSignature(new byte[] { 1, 2, 3 });

        assertEquals(3, BundleReader.read(flip(signed, signed.length - 1, 0xFF)).signature().length);
    }

    private static void assertEveryFlipRefusedAs(final String region, final int from, final int to)
    {
        final Set<String> sectionRegions = Set.of("header", "section table", "manifest", "payload");
        assertTrue(sectionRegions.contains(region));
        for (int offset = from; offset < to; offset++)
        {
            for (final int mask : MASKS)
            {
                final HicmodFormatException refused = refuse(flip(BUNDLE, offset, mask));
                final String actual = refused.region().startsWith("manifest:") ? "manifest" : refused.region();
                assertEquals(region, actual, "offset=" + offset + " mask=" + mask + ": " + refused.getMessage());
            }
        }
    }

    private static byte[] flip(final byte[] bytes, final int offset, final int mask)
    {
        final byte[] flipped = bytes.clone();
        flipped[offset] ^= (byte)mask;
        return flipped;
    }

    private static HicmodFormatException refuse(final byte[] bytes)
    {
        return assertThrows(HicmodFormatException.class, () -> BundleReader.read(bytes));
    }
}
