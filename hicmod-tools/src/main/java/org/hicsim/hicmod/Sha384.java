package org.hicsim.hicmod;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-384, the digest of the manifest and the payload (the rolling update document's hash).
 */
final class Sha384
{
    static final int LENGTH = 48;

    private Sha384()
    {
    }

    static byte[] digest(final byte[] bytes, final int offset, final int length)
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
}
