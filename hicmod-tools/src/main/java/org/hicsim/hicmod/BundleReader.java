package org.hicsim.hicmod;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.hicsim.common.SemanticVersion;

/**
 * Reads and checks a bundle: every fault of the bytes is a {@link HicmodFormatException} naming the region and
 * the reason, and nothing else escapes.
 * <p>
 * No length read from the file is trusted before it is checked: the header's counts must be format version 1's;
 * each section's length must lie within its type's bounds and the section within the file before a byte of it is
 * read; and the payload's declared uncompressed length must be at most {@link PayloadSectionDescriptor#JAR_LENGTH_MAX}
 * and at most 255 times the compressed bytes present before the decompression buffer is allocated. So the
 * memory a read takes is bounded by the file's actual size, never by what it claims.
 */
public final class BundleReader
{
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();

    private BundleReader()
    {
    }

    /**
     * Reads the bundle file; a fault is reported as {@code FILE: region: reason}.
     */
    public static Bundle read(final Path file)
    {
        final byte[] bytes = HicmodFiles.read(file, Bundle.LENGTH_MAX);
        try
        {
            return parse(bytes);
        }
        catch (final HicmodFormatException ex)
        {
            throw ex.in(file.toString());
        }
    }

    /**
     * Reads a bundle from its bytes, which are copied, so the caller may reuse the array.
     */
    public static Bundle read(final byte[] bytes)
    {
        if (bytes.length > Bundle.LENGTH_MAX)
        {
            throw new HicmodFormatException("file", bytes.length + " bytes exceeds the maximum " + Bundle.LENGTH_MAX);
        }
        return parse(bytes.clone());
    }

    private static Bundle parse(final byte[] bytes)
    {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        HeaderDescriptor.checkHeader(buffer);
        final List<Section> sections = readSectionTable(buffer);
        final Manifest manifest = readManifest(bytes, sections.get(SectionType.MANIFEST.ordinal()));
        checkHeaderIdentity(buffer, manifest);
        final byte[] jar = readPayload(buffer, sections.get(SectionType.PAYLOAD.ordinal()));
        return new Bundle(bytes, sections, manifest, jar);
    }

    private static List<Section> readSectionTable(final ByteBuffer buffer)
    {
        final int tableEnd = SectionEntryDescriptor.TABLE_OFFSET + SectionEntryDescriptor.TABLE_LENGTH;
        if (buffer.limit() < tableEnd)
        {
            throw new HicmodFormatException(
                "section table", "ends at " + tableEnd + ", past the end of the " + buffer.limit() + "-byte file");
        }
        final List<Section> sections = new ArrayList<>(HeaderDescriptor.SECTION_COUNT);
        int end = tableEnd;
        for (final SectionType type : SectionType.values())
        {
            final Section section = SectionEntryDescriptor.checkEntry(buffer, type, end);
            sections.add(section);
            end = section.end();
        }
        if (end != buffer.limit())
        {
            throw new HicmodFormatException("section table", "the last section ends at " + end + ", but the file has "
                + buffer.limit() + " bytes");
        }
        return sections;
    }

    private static Manifest readManifest(final byte[] bytes, final Section section)
    {
        final int textOffset = section.offset() + ManifestSectionDescriptor.TEXT_OFFSET;
        final int textEnd = section.end();
        final int digestOffset = section.offset() + ManifestSectionDescriptor.SHA384_OFFSET;
        if (!storedDigestEquals(bytes, digestOffset, Digests.sha384(bytes, textOffset, textEnd - textOffset)))
        {
            throw HicmodFormatException.integrity("manifest", "SHA-384 mismatch");
        }
        final byte[] text = Arrays.copyOfRange(bytes, textOffset, textEnd);
        final Manifest manifest = ManifestParser.parse("manifest", text);
        if (!Arrays.equals(text, CanonicalManifest.encode(manifest)))
        {
            throw new HicmodFormatException("manifest", "not in canonical form");
        }
        return manifest;
    }

    /** The header repeats the manifest's version and UUID; a bundle whose two disagree is refused. */
    private static void checkHeaderIdentity(final ByteBuffer buffer, final Manifest manifest)
    {
        final int packedVersion = buffer.getInt(HeaderDescriptor.MODULE_VERSION_OFFSET);
        if (packedVersion != manifest.version().packed())
        {
            throw new HicmodFormatException("header", "module version " + SemanticVersion.unpack(packedVersion)
                + " does not match the manifest's " + manifest.version());
        }
        final UUID uuid = new UUID(
            Long.reverseBytes(buffer.getLong(HeaderDescriptor.MODULE_UUID_OFFSET)),
            Long.reverseBytes(buffer.getLong(HeaderDescriptor.MODULE_UUID_OFFSET + Long.BYTES)));
        if (!uuid.equals(manifest.uuid()))
        {
            throw new HicmodFormatException(
                "header", "module UUID " + uuid + " does not match the manifest's " + manifest.uuid());
        }
    }

    private static byte[] readPayload(final ByteBuffer buffer, final Section section)
    {
        final byte[] bytes = buffer.array();
        final long declared = buffer.getLong(section.offset() + PayloadSectionDescriptor.UNCOMPRESSED_LENGTH_OFFSET);
        final int dataOffset = section.offset() + PayloadSectionDescriptor.DATA_OFFSET;
        final int dataLength = section.end() - dataOffset;
        if (Long.compareUnsigned(declared, PayloadSectionDescriptor.JAR_LENGTH_MAX) > 0)
        {
            throw new HicmodFormatException("payload", "uncompressed length " + Long.toUnsignedString(declared)
                + " exceeds the maximum " + PayloadSectionDescriptor.JAR_LENGTH_MAX);
        }
        if (declared > (long)dataLength * PayloadSectionDescriptor.EXPANSION_MAX)
        {
            throw new HicmodFormatException("payload", "uncompressed length " + declared + " is more than "
                + PayloadSectionDescriptor.EXPANSION_MAX + " times the " + dataLength + " compressed bytes");
        }
        final int crc = buffer.getInt(section.offset() + PayloadSectionDescriptor.DATA_CRC32C_OFFSET);
        if (crc != Digests.crc32c(bytes, dataOffset, dataLength))
        {
            throw HicmodFormatException.integrity("payload", "LZ4 data CRC32C mismatch");
        }
        final byte[] jar = new byte[(int)declared];
        final int decompressed;
        try
        {
            decompressed = DECOMPRESSOR.decompress(bytes, dataOffset, dataLength, jar, 0, jar.length);
        }
        catch (final LZ4Exception ex)
        {
            throw new HicmodFormatException("payload", "LZ4 data is corrupt", ex);
        }
        if (decompressed != declared)
        {
            throw new HicmodFormatException(
                "payload", "LZ4 data decompresses to " + decompressed + " bytes, not the declared " + declared);
        }
        final int digestOffset = section.offset() + PayloadSectionDescriptor.SHA384_OFFSET;
        if (!storedDigestEquals(bytes, digestOffset, Digests.sha384(jar, 0, jar.length)))
        {
            throw HicmodFormatException.integrity("payload", "SHA-384 mismatch");
        }
        if (!PayloadSectionDescriptor.hasJarMagic(jar))
        {
            throw new HicmodFormatException("payload", "not a jar (it does not start with a zip local file header)");
        }
        return jar;
    }

    private static boolean storedDigestEquals(final byte[] bytes, final int offset, final byte[] digest)
    {
        return Arrays.equals(bytes, offset, offset + digest.length, digest, 0, digest.length);
    }
}
