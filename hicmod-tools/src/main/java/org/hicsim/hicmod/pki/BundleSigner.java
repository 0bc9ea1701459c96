package org.hicsim.hicmod.pki;

import java.time.Clock;

import org.hicsim.hicmod.Bundle;

/**
 * Signs bundles: a detached CMS signature ({@link CmsSigner}) over {@link Bundle#signedBytes()}, which bind the
 * module's name, version and UUID to its code, put into the bundle's signature section.
 */
public final class BundleSigner
{
    private final CmsSigner signer;

    public BundleSigner(final SigningCredentials credentials, final Clock clock)
    {
        this.signer = new CmsSigner(credentials, clock);
    }

    /**
     * The bytes of {@code bundle} signed; a signature it already has is replaced.
     */
    public byte[] sign(final Bundle bundle)
    {
        return bundle.withSignature(signer.sign(bundle.signedBytes()));
    }
}
