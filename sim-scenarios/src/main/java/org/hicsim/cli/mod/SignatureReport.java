package org.hicsim.cli.mod;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.pki.SignatureClaims;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.hicmod.pki.VerifiedSignature;

/**
 * The parts {@code hic mod inspect} shows about a signature: what it claims (signer, carried chain, signing time,
 * algorithm), read without trusting it, and, when trust roots are given, whether it verifies.
 */
final class SignatureReport
{
    private SignatureReport()
    {
    }

    /**
     * The {@code signature} part: its length and, for a signed bundle, what the signature claims, or why it
     * cannot be read.
     */
    static Map<String, Object> claims(final Bundle bundle)
    {
        final Map<String, Object> part = new LinkedHashMap<>();
        part.put("signed", bundle.isSigned());
        part.put("length", bundle.signature().length);
        if (bundle.isSigned())
        {
            try
            {
                final SignatureClaims claims = SignatureClaims.read(bundle.signature());
                part.put("signer", claims.signerSubject());
                part.put("chain", claims.carriedSubjects());
                part.put("signing_time", claims.signingTime().toString());
                part.put("algorithm", claims.algorithm());
            }
            catch (final VerificationException ex)
            {
                part.put("unreadable", ex.getMessage());
            }
        }
        return part;
    }

    /**
     * The {@code verification} part of a signature that verified.
     */
    static Map<String, Object> valid(final VerifiedSignature verified)
    {
        final Map<String, Object> part = new LinkedHashMap<>();
        part.put("result", "valid");
        part.put("chain", verified.chainSubjects());
        return part;
    }

    /**
     * The {@code verification} part of a refused signature.
     */
    static Map<String, Object> refused(final VerificationException refusal)
    {
        final Map<String, Object> part = new LinkedHashMap<>();
        part.put("result", "refused");
        part.put("reason", refusal.reason().name());
        part.put("message", refusal.getMessage());
        return part;
    }
}
