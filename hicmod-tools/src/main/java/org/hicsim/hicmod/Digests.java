package org.hicsim.hicmod;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;

/**
 * The bundle's digests: SHA-384 (the rolling update document's hash) for the manifest and the jar, CRC32C for the
 * compressed payload bytes.
 */
final class Digests
{
    static final int SHA384_LENGTH = 48;

    private Digests()
    {
    }

    static byte[] sha384(final byte[] bytes, final int offset, final int length)
    {
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-384");
            digest.update(bytes, offset, length);
            return digest.digest();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java platform must provide SHA-384", ex);
        }
    }

    static int crc32c(final byte[] bytes, final int offset, final int length)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int)crc.getValue();
    }
}
