package org.hicsim.hicmod;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Layout of the payload section: the module's jar, LZ4-compressed, after its length and digests.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  +                 Uncompressed Jar Length (int64)               +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     CRC32C of the LZ4 block                   |
 *  +---------------------------------------------------------------+
 *  |                                                               |
 *  +           SHA-384 of the uncompressed jar (48 bytes)          +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                                                              ...
 *  |             LZ4 block (section length - 60 bytes)            ...
 *  |                                                              ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The data is one raw LZ4 block (no frame). The declared length bounds the decompression buffer, and is itself
 * bounded twice before anything is allocated: by {@link #JAR_LENGTH_MAX}, and by {@link #EXPANSION_MAX} times the
 * compressed bytes actually present, since no LZ4 input byte yields more than 255 output bytes.
 * <p>
 * The SHA-384 proves the jar; the CRC32C covers the compressed bytes themselves, because LZ4 encodings are not
 * unique (a match can often point at any of several equal earlier runs) and a changed byte that decodes to the
 * same jar must still be caught. It is checked first, so corrupt data never reaches the decompressor.
 */
public final class PayloadSectionDescriptor
{
    public static final int UNCOMPRESSED_LENGTH_OFFSET = 0;
    public static final int DATA_CRC32C_OFFSET = 8;
    public static final int SHA384_OFFSET = 12;
    public static final int SHA384_LENGTH = 48;
    public static final int DATA_OFFSET = SHA384_OFFSET + SHA384_LENGTH;

    /** A module's code is a few megabytes (HIC's example netstack is 5.2 MB). */
    public static final int JAR_LENGTH_MAX = 64 * 1024 * 1024;
    /** The most output bytes one LZ4 input byte can yield (a match-length continuation byte of 255). */
    public static final int EXPANSION_MAX = 255;
    /** LZ4's worst case for incompressible input of {@link #JAR_LENGTH_MAX} bytes: n + n / 255 + 16. */
    public static final int DATA_LENGTH_MAX = JAR_LENGTH_MAX + JAR_LENGTH_MAX / 255 + 16;
    public static final int LENGTH_MIN = DATA_OFFSET + 1;
    public static final int LENGTH_MAX = DATA_OFFSET + DATA_LENGTH_MAX;

    /** The jar is a zip file, whose first bytes are a local file header signature, "PK\3\4". */
    public static final int JAR_MAGIC = 0x0403_4B50;

    private PayloadSectionDescriptor()
    {
    }

    /** Whether {@code jar} starts as every jar does, with {@link #JAR_MAGIC}. */
    public static boolean hasJarMagic(final byte[] jar)
    {
        return jar.length >= Integer.BYTES
            && ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == JAR_MAGIC;
    }
}
