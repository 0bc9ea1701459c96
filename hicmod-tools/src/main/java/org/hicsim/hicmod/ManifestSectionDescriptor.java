package org.hicsim.hicmod;

/**
 * Layout of the manifest section: a digest, then the manifest in its canonical form ({@link CanonicalManifest}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  +          SHA-384 of the manifest text (48 bytes)              +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                                                              ...
 *  |       Canonical manifest text, UTF-8 (section length - 48)   ...
 *  |                                                              ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The digest makes a changed manifest byte an error of the format, signed or not; the signature then says who
 * vouches for the manifest.
 */
public final class ManifestSectionDescriptor
{
    public static final int SHA384_OFFSET = 0;
    public static final int SHA384_LENGTH = 48;
    public static final int TEXT_OFFSET = SHA384_OFFSET + SHA384_LENGTH;
    /** The shortest JSON object, {@code {}}; a manifest is longer, but the section's structure needs no more. */
    public static final int TEXT_LENGTH_MIN = 2;
    public static final int TEXT_LENGTH_MAX = ManifestParser.SOURCE_LENGTH_MAX;
    public static final int LENGTH_MIN = TEXT_OFFSET + TEXT_LENGTH_MIN;
    public static final int LENGTH_MAX = TEXT_OFFSET + TEXT_LENGTH_MAX;

    private ManifestSectionDescriptor()
    {
    }
}
