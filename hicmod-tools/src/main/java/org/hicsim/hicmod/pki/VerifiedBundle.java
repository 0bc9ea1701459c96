package org.hicsim.hicmod.pki;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.Manifest;

/**
 * A bundle together with the proof that its signature verified: only {@link BundleVerifier#verifyBundle} makes
 * one, so code that takes a {@code VerifiedBundle} (the service host's loader) cannot be handed a bundle whose
 * signature nobody checked.
 */
public final class VerifiedBundle
{
    private final Bundle bundle;
    private final VerifiedSignature signature;

    VerifiedBundle(final Bundle bundle, final VerifiedSignature signature)
    {
        this.bundle = bundle;
        this.signature = signature;
    }

    public Bundle bundle()
    {
        return bundle;
    }

    public Manifest manifest()
    {
        return bundle.manifest();
    }

    public VerifiedSignature signature()
    {
        return signature;
    }

    @Override
    public String toString()
    {
        return "VerifiedBundle{" + bundle.manifest() + ", signed by " + signature.signerSubject() + "}";
    }
}
