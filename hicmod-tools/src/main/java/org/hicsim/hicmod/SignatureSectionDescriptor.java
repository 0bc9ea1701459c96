package org.hicsim.hicmod;

/**
 * The signature section, last in the file: empty in an unsigned bundle, otherwise a detached CMS SignedData
 * (DER) over the bundle's signed bytes.
 * <p>
 * The signed bytes are the bundle from its first byte up to the signature section, with the signature entry's
 * length field read as zero: exactly the bytes of the same bundle unsigned. They include the header (module
 * UUID and version), the whole section table but that one field, the manifest (name, version, UUID,
 * dependencies, resources) and the payload's length and SHA-384, so a signature binds all of them and cannot be
 * moved onto another module. Signing appends the DER and fills in the length; nothing signed changes.
 */
public final class SignatureSectionDescriptor
{
    /** A CMS SignedData with an RSA-3072 chain of three certificates is about 5 KiB. */
    public static final int LENGTH_MAX = 64 * 1024;
    /** Where in the file the signature's length lies (in the third table entry): the one field read as zero. */
    public static final int LENGTH_FIELD_OFFSET = SectionEntryDescriptor.TABLE_OFFSET
        + 2 * SectionEntryDescriptor.LENGTH + SectionEntryDescriptor.SECTION_LENGTH_OFFSET;

    private SignatureSectionDescriptor()
    {
    }
}
