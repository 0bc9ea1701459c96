package org.hicsim.hicmod;

/**
 * The sections of a bundle, in the order the section table lists them and the file holds them. Each has a type
 * code and bounds on its length, which the reader checks before it reads, let alone allocates, anything.
 */
public enum SectionType
{
    MANIFEST(1, "manifest", ManifestSectionDescriptor.LENGTH_MIN, ManifestSectionDescriptor.LENGTH_MAX),
    PAYLOAD(2, "payload", PayloadSectionDescriptor.LENGTH_MIN, PayloadSectionDescriptor.LENGTH_MAX),
    /** Empty in an unsigned bundle; otherwise a DER CMS SignedData over the bundle's signed bytes. */
    SIGNATURE(3, "signature", 0, SignatureSectionDescriptor.LENGTH_MAX);

    private final int code;
    private final String label;
    private final long lengthMin;
    private final long lengthMax;

    SectionType(final int code, final String label, final long lengthMin, final long lengthMax)
    {
        this.code = code;
        this.label = label;
        this.lengthMin = lengthMin;
        this.lengthMax = lengthMax;
    }

    /** The type code in a section table entry. */
    public int code()
    {
        return code;
    }

    /** The section's name in messages, e.g. {@code payload}. */
    public String label()
    {
        return label;
    }

    public long lengthMin()
    {
        return lengthMin;
    }

    public long lengthMax()
    {
        return lengthMax;
    }

    @Override
    public String toString()
    {
        return label;
    }
}
