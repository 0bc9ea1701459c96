package org.hicsim.hicmod.repo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-384, the digest the repository lists bundles and indexes by.
 */
final class Sha384
{
    private Sha384()
    {
    }

    static byte[] of(final byte[] bytes)
    {
        try
        {
            return MessageDigest.getInstance("SHA-384").digest(bytes);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java platform must provide SHA-384", ex);
        }
    }
}
