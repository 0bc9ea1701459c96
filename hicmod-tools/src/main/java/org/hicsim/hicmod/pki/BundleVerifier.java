package org.hicsim.hicmod.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.pki.VerificationException.Reason;

/**
 * Verifies the signature of a bundle that {@link org.hicsim.hicmod.BundleReader} has read (which checked the
 * layout, the manifest and the payload hash): the bundle must be signed, and its signature must verify over
 * {@link Bundle#signedBytes()} as {@link CmsVerifier} requires, at a verification instant the caller gives: a
 * simulation's simulated time, or the real time for a user's own bundle. One verifier is meant to verify many
 * bundles: it remembers the chains it has validated.
 */
public final class BundleVerifier
{
    private final CmsVerifier verifier;

    public BundleVerifier(final List<X509Certificate> trustRoots)
    {
        this.verifier = new CmsVerifier(trustRoots);
    }

    /**
     * Verifies {@code bundle} and pairs it with what its signature proves: the only way to get a
     * {@link VerifiedBundle}.
     *
     * @throws VerificationException as {@link #verify} does.
     */
    public VerifiedBundle verifyBundle(final Bundle bundle, final Instant at)
    {
        return new VerifiedBundle(bundle, verify(bundle, at));
    }

    /**
     * @param at the verification instant ({@link CmsVerifier#verify}).
     */
    public VerifiedSignature verify(final Bundle bundle, final Instant at)
    {
        if (!bundle.isSigned())
        {
            throw new VerificationException(Reason.NOT_SIGNED, "the bundle has no signature (hic mod sign signs it)");
        }
        try
        {
            return verifier.verify(bundle.signedBytes(), bundle.signature(), at);
        }
        catch (final VerificationException ex)
        {
            if (ex.reason() != Reason.CONTENT_DIGEST_MISMATCH)
            {
                throw ex;
            }
            // The reader has checked the bundle's own digests, so different signed bytes mean another bundle's.
            throw new VerificationException(Reason.CONTENT_DIGEST_MISMATCH, "the signature was made over other " +
                "bytes: those of another module or version, or of this bundle before it was changed", ex);
        }
    }
}
