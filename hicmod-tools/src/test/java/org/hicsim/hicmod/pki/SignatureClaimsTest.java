package org.hicsim.hicmod.pki;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignatureClaimsTest
{
    @Test
    void shouldReadSignerCarriedChainTimeAndAlgorithmWithoutTrustRoot()
    {
        final SignatureClaims claims = SignatureClaims.read(TestPki.sign(TestPki.ed25519().signingCredentials()));
        assertEquals(PkiGenerator.SIGNER_SUBJECT, claims.signerSubject());
        assertEquals(List.of(PkiGenerator.SIGNER_SUBJECT, PkiGenerator.INTERMEDIATE_SUBJECT),
            claims.carriedSubjects());
        assertEquals(TestPki.SIGNED_AT, claims.signingTime());
        assertEquals(KeyAlgorithm.ED25519.signatureAlgorithm(), claims.algorithm());
    }

    @Test
    void shouldRefuseMalformedSignature()
    {
        final VerificationException refusal =
            assertThrows(VerificationException.class, () -> SignatureClaims.read(new byte[] { 0x30, 0x00 }));
        assertEquals(VerificationException.Reason.MALFORMED_SIGNATURE, refusal.reason());
    }
}
