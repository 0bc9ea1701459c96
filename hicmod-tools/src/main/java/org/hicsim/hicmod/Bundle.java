package org.hicsim.hicmod;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code .hicmod} bundle that {@link BundleReader} has checked: its layout, its manifest, and its payload
 * (decompressed, with the declared length and SHA-384). Immutable: every accessor hands out a copy or a
 * read-only view. Whether its signature is valid is not this class's business; {@link #signedBytes()} and
 * {@link #signature()} are what a verifier needs.
 */
public final class Bundle
{
    /** The largest file a bundle can be: header, table, and every section at its maximum. */
    public static final int LENGTH_MAX = SectionEntryDescriptor.TABLE_OFFSET + SectionEntryDescriptor.TABLE_LENGTH
        + ManifestSectionDescriptor.LENGTH_MAX + PayloadSectionDescriptor.LENGTH_MAX
        + SignatureSectionDescriptor.LENGTH_MAX;

    private final byte[] bytes;
    private final List<Section> sections;
    private final Manifest manifest;
    private final byte[] jar;

    Bundle(final byte[] bytes, final List<Section> sections, final Manifest manifest, final byte[] jar)
    {
        this.bytes = bytes;
        this.sections = List.copyOf(sections);
        this.manifest = manifest;
        this.jar = jar;
    }

    /** The format version from the header; {@link HeaderDescriptor#FORMAT_VERSION} for every bundle read. */
    public int formatVersion()
    {
        return HeaderDescriptor.FORMAT_VERSION;
    }

    /** The section table, one entry per {@link SectionType} in its order. */
    public List<Section> sections()
    {
        return sections;
    }

    public Section section(final SectionType type)
    {
        return sections.get(type.ordinal());
    }

    public Manifest manifest()
    {
        return manifest;
    }

    /** The whole file's length. */
    public int length()
    {
        return bytes.length;
    }

    /** The LZ4 block as stored, read-only. */
    public ByteBuffer compressedPayload()
    {
        final Section payload = section(SectionType.PAYLOAD);
        return ByteBuffer.wrap(bytes, payload.offset() + PayloadSectionDescriptor.DATA_OFFSET,
            payload.length() - PayloadSectionDescriptor.DATA_OFFSET).slice().asReadOnlyBuffer();
    }

    /** The module's jar, decompressed and checked against its declared length and SHA-384, read-only. */
    public ByteBuffer jar()
    {
        return ByteBuffer.wrap(jar).asReadOnlyBuffer();
    }

    /** The SHA-384 of the jar, as declared in the payload section and checked when the bundle was read. */
    public byte[] jarSha384()
    {
        final int offset = section(SectionType.PAYLOAD).offset() + PayloadSectionDescriptor.SHA384_OFFSET;
        return Arrays.copyOfRange(bytes, offset, offset + PayloadSectionDescriptor.SHA384_LENGTH);
    }

    /**
     * The bytes a signature covers: the file up to the signature section with the signature's length field as
     * zero, which is the same bundle unsigned ({@link SignatureSectionDescriptor}).
     */
    public byte[] signedBytes()
    {
        final byte[] signed = Arrays.copyOf(bytes, section(SectionType.SIGNATURE).offset());
        Arrays.fill(signed, SignatureSectionDescriptor.LENGTH_FIELD_OFFSET,
            SignatureSectionDescriptor.LENGTH_FIELD_OFFSET + Long.BYTES, (byte)0);
        return signed;
    }

    /**
     * The build's identity: the SHA-384 of its {@link #signedBytes()}, in lower-case hex. It covers the manifest
     * and the code, not the signature, so two builds that both claim one version differ, while one build signed
     * under two PKIs (two clones of the project) is the same build.
     */
    public String digestHex()
    {
        final byte[] signed = signedBytes();
        return HexFormat.of().formatHex(Digests.sha384(signed, 0, signed.length));
    }

    public boolean isSigned()
    {
        return section(SectionType.SIGNATURE).length() > 0;
    }

    /** The signature block (DER CMS SignedData), or an empty array for an unsigned bundle. */
    public byte[] signature()
    {
        final Section signature = section(SectionType.SIGNATURE);
        return Arrays.copyOfRange(bytes, signature.offset(), signature.end());
    }

    /**
     * The bytes of this bundle with {@code cmsDer} as its signature block, replacing any it has.
     *
     * @see BundleWriter#withSignature(Bundle, byte[])
     */
    public byte[] withSignature(final byte[] cmsDer)
    {
        return BundleWriter.withSignature(this, cmsDer);
    }

    /** The whole file. */
    public byte[] toBytes()
    {
        return bytes.clone();
    }

    @Override
    public String toString()
    {
        return "Bundle{" + manifest + ", " + bytes.length + " bytes, " + (isSigned() ? "signed" : "unsigned") + "}";
    }
}
