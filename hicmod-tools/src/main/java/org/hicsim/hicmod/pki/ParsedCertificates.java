package org.hicsim.hicmod.pki;

import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import org.hicsim.hicmod.pki.VerificationException.Reason;

/**
 * Certificates converted from their parsed structure once: a verifier sees the same signer and intermediate in
 * every signature of one PKI, and the same object each time is what lets {@link CertificateChainValidator}
 * recognise a path it has validated without converting or hashing the certificates again.
 * <p>
 * A certificate is found by its signature value, then confirmed by comparing its whole structure with the one
 * remembered (no encoding needed): two certificates with one signature value but another byte anywhere are two
 * certificates.
 */
final class ParsedCertificates
{
    /** Certificates remembered; past this many all are forgotten, which costs only a conversion each. */
    static final int CERTIFICATES_MAX = 256;

    private final Map<ByteBuffer, Known> bySignature = new ConcurrentHashMap<>();
    private final JcaX509CertificateConverter converter =
        new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER);

    /**
     * @throws VerificationException {@link Reason#MALFORMED_SIGNATURE} for a certificate whose key is of an
     *                               unknown algorithm.
     */
    X509Certificate certificate(final X509CertificateHolder holder) throws CertificateException
    {
        final Certificate structure = holder.toASN1Structure();
        final ByteBuffer signature = ByteBuffer.wrap(structure.getSignature().getBytes());
        final Known known = bySignature.get(signature);
        if (known != null && known.structure.equals(structure))
        {
            return known.certificate;
        }
        final X509Certificate certificate = converter.getCertificate(holder);
        // Bouncy Castle decodes the key only when asked: ask now, so that a malformed one is refused here.
        if (certificate.getPublicKey() == null)
        {
            throw new VerificationException(Reason.MALFORMED_SIGNATURE, "the certificate " +
                CertificateChainValidator.subject(certificate) + " has a key of an unknown algorithm");
        }
        if (bySignature.size() >= CERTIFICATES_MAX)
        {
            bySignature.clear();
        }
        bySignature.put(signature, new Known(structure, certificate));
        return certificate;
    }

    private record Known(Certificate structure, X509Certificate certificate)
    {
    }
}
