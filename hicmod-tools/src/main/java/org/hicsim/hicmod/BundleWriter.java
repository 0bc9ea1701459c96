package org.hicsim.hicmod;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.UUID;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Writes bundles in the layout of {@code docs/hicmod-format.md}: {@link #pack} makes an unsigned bundle from a
 * manifest and a jar, {@link #withSignature} puts a signature block on a bundle.
 * <p>
 * Packing is deterministic: the same manifest and jar give the same bytes on every machine, because the
 * manifest is canonical and the compressor is lz4-java's pure-Java one (a native build could choose other,
 * equally valid, matches).
 */
public final class BundleWriter
{
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.safeInstance().fastCompressor();

    private BundleWriter()
    {
    }

    /**
     * An unsigned bundle of {@code manifest} and {@code jar}, whose bytes are also its {@link Bundle#signedBytes()}.
     *
     * @throws HicmodFormatException with region {@code code} if {@code jar} is not a jar or is too long.
     */
    public static byte[] pack(final Manifest manifest, final byte[] jar)
    {
        if (jar.length > PayloadSectionDescriptor.JAR_LENGTH_MAX)
        {
            throw new HicmodFormatException(
                "code", jar.length + " bytes exceeds the maximum " + PayloadSectionDescriptor.JAR_LENGTH_MAX);
        }
        if (!PayloadSectionDescriptor.hasJarMagic(jar))
        {
            throw new HicmodFormatException("code", "not a jar (it does not start with a zip local file header)");
        }
        final byte[] text = CanonicalManifest.encode(manifest);
        if (text.length > ManifestSectionDescriptor.TEXT_LENGTH_MAX)
        {
            throw new IllegalStateException("the parser's limits bound a canonical manifest: length=" + text.length);
        }
        final byte[] compressed = COMPRESSOR.compress(jar);

        final int manifestOffset = SectionEntryDescriptor.TABLE_OFFSET + SectionEntryDescriptor.TABLE_LENGTH;
        final int payloadOffset = manifestOffset + ManifestSectionDescriptor.TEXT_OFFSET + text.length;
        final int signatureOffset = payloadOffset + PayloadSectionDescriptor.DATA_OFFSET + compressed.length;
        final ByteBuffer out = ByteBuffer.allocate(signatureOffset).order(ByteOrder.LITTLE_ENDIAN);

        putHeader(out, manifest);
        putEntry(out, SectionType.MANIFEST, manifestOffset, payloadOffset);
        putEntry(out, SectionType.PAYLOAD, payloadOffset, signatureOffset);
        putEntry(out, SectionType.SIGNATURE, signatureOffset, signatureOffset);

        out.put(manifestOffset + ManifestSectionDescriptor.SHA384_OFFSET, Digests.sha384(text, 0, text.length));
        out.put(manifestOffset + ManifestSectionDescriptor.TEXT_OFFSET, text);

        out.putLong(payloadOffset + PayloadSectionDescriptor.UNCOMPRESSED_LENGTH_OFFSET, jar.length);
        out.putInt(payloadOffset + PayloadSectionDescriptor.DATA_CRC32C_OFFSET,
            Digests.crc32c(compressed, 0, compressed.length));
        out.put(payloadOffset + PayloadSectionDescriptor.SHA384_OFFSET, Digests.sha384(jar, 0, jar.length));
        out.put(payloadOffset + PayloadSectionDescriptor.DATA_OFFSET, compressed);
        return out.array();
    }

    /**
     * The bytes of {@code bundle} with {@code cmsDer} as its signature block, replacing any it has. The signed
     * bytes stay the same, so a signature made over {@link Bundle#signedBytes()} stays valid.
     *
     * @throws HicmodFormatException    with region {@code signature} if the block is over its maximum.
     * @throws IllegalArgumentException if the block is empty: an empty block is an unsigned bundle.
     */
    public static byte[] withSignature(final Bundle bundle, final byte[] cmsDer)
    {
        if (cmsDer.length == 0)
        {
            throw new IllegalArgumentException("cmsDer.length=0: a signature block cannot be empty");
        }
        if (cmsDer.length > SignatureSectionDescriptor.LENGTH_MAX)
        {
            throw new HicmodFormatException(
                "signature", cmsDer.length + " bytes exceeds the maximum " + SignatureSectionDescriptor.LENGTH_MAX);
        }
        final byte[] signed = bundle.signedBytes();
        final byte[] out = Arrays.copyOf(signed, signed.length + cmsDer.length);
        System.arraycopy(cmsDer, 0, out, signed.length, cmsDer.length);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(SignatureSectionDescriptor.LENGTH_FIELD_OFFSET, cmsDer.length);
        return out;
    }

    private static void putHeader(final ByteBuffer out, final Manifest manifest)
    {
        final UUID uuid = manifest.uuid();
        out.putLong(HeaderDescriptor.MAGIC_OFFSET, HeaderDescriptor.MAGIC)
            .putShort(HeaderDescriptor.FORMAT_VERSION_OFFSET, (short)HeaderDescriptor.FORMAT_VERSION)
            .putShort(HeaderDescriptor.HEADER_LENGTH_OFFSET, (short)HeaderDescriptor.LENGTH)
            .putShort(HeaderDescriptor.SECTION_COUNT_OFFSET, (short)HeaderDescriptor.SECTION_COUNT)
            .putShort(HeaderDescriptor.SECTION_ENTRY_LENGTH_OFFSET, (short)SectionEntryDescriptor.LENGTH)
            .putInt(HeaderDescriptor.MODULE_VERSION_OFFSET, manifest.version().packed())
            .putInt(HeaderDescriptor.FLAGS_OFFSET, 0)
            // RFC 9562 byte order: the order of the hex digits in the UUID's text
            .putLong(HeaderDescriptor.MODULE_UUID_OFFSET, Long.reverseBytes(uuid.getMostSignificantBits()))
            .putLong(HeaderDescriptor.MODULE_UUID_OFFSET + Long.BYTES,
                Long.reverseBytes(uuid.getLeastSignificantBits()));
    }

    private static void putEntry(final ByteBuffer out, final SectionType type, final int offset, final int end)
    {
        final int entry = SectionEntryDescriptor.entryOffset(type.ordinal());
        out.putInt(entry + SectionEntryDescriptor.TYPE_OFFSET, type.code())
            .putInt(entry + SectionEntryDescriptor.FLAGS_OFFSET, 0)
            .putLong(entry + SectionEntryDescriptor.SECTION_OFFSET_OFFSET, offset)
            .putLong(entry + SectionEntryDescriptor.SECTION_LENGTH_OFFSET, end - offset);
    }
}
