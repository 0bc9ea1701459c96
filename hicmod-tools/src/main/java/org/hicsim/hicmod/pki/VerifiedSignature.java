package org.hicsim.hicmod.pki;

import java.time.Instant;
import java.util.List;

/**
 * What a verified signature proves: who signed, through which chain, when, and how.
 *
 * @param signerSubject the signer certificate's subject (RFC 2253).
 * @param chainSubjects subjects from the signer up to and including the trust root.
 * @param signingTime   the signed signing-time attribute, at which the chain was validated.
 * @param algorithm     the JCA signature algorithm, {@code SHA384withRSA} or {@code Ed25519}.
 */
public record VerifiedSignature(
    String signerSubject, List<String> chainSubjects, Instant signingTime, String algorithm)
{
    public VerifiedSignature
    {
        chainSubjects = List.copyOf(chainSubjects);
    }
}
