package org.hicsim.hicmod.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a signature says about itself, read without verifying it: for showing to a user ({@code hic mod
 * inspect}), never for deciding trust, which is {@link CmsVerifier}'s job.
 *
 * @param signerSubject   the subject of the certificate the signer identifier names.
 * @param carriedSubjects the subjects of every certificate carried: the signer's, then its issuer's and so on as
 *                        far as the signature carries them, then any others.
 * @param signingTime     the signed signing-time attribute.
 * @param algorithm       the signature algorithm of the signer's key ({@code SHA384withRSA}, {@code Ed25519}), or
 *                        the key's algorithm name when it is neither.
 */
public record SignatureClaims(
    String signerSubject, List<String> carriedSubjects, Instant signingTime, String algorithm)
{
    public SignatureClaims
    {
        carriedSubjects = List.copyOf(carriedSubjects);
    }

    /**
     * @throws VerificationException when the signature is too malformed to say anything
     *                               ({@link VerificationException.Reason#MALFORMED_SIGNATURE} and the like).
     */
    public static SignatureClaims read(final byte[] signature)
    {
        final DetachedSignedData signedData = DetachedSignedData.parse(new byte[0], signature, new ParsedCertificates());
        final X509Certificate signer = signedData.signerCertificate();
        final List<X509Certificate> others = new ArrayList<>(signedData.carried());
        final List<String> carried = new ArrayList<>();
        // A SET OF certificates is stored sorted by encoding; shown here in chain order, signer first.
        for (X509Certificate next = signer; next != null; next = issuerAmong(others, next))
        {
            others.remove(next);
            carried.add(CertificateChainValidator.subject(next));
        }
        for (final X509Certificate other : others)
        {
            carried.add(CertificateChainValidator.subject(other));
        }
        return new SignatureClaims(
            CertificateChainValidator.subject(signer),
            carried,
            signedData.signingTime(),
            KeyAlgorithm.of(signer.getPublicKey())
                .map(KeyAlgorithm::signatureAlgorithm)
                .orElse(signer.getPublicKey().getAlgorithm()));
    }

    private static X509Certificate issuerAmong(final List<X509Certificate> certificates, final X509Certificate child)
    {
        for (final X509Certificate candidate : certificates)
        {
            if (candidate.getSubjectX500Principal().equals(child.getIssuerX500Principal()))
            {
                return candidate;
            }
        }
        return null;
    }
}
