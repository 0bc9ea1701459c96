package org.hicsim.hicmod.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import org.hicsim.hicmod.pki.VerificationException.Reason;

/**
 * Certificates parsed from their DER encoding once: a verifier sees the same signer and intermediate in every
 * signature of one PKI, and the same object each time is what lets {@link CertificateChainValidator} recognise a
 * path it has validated without parsing or hashing the certificates again.
 */
final class ParsedCertificates
{
    /** Certificates remembered; past this many all are forgotten, which costs only a parse each. */
    static final int CERTIFICATES_MAX = 256;

    private final Map<ByteBuffer, X509Certificate> byEncoding = new ConcurrentHashMap<>();
    private final JcaX509CertificateConverter converter =
        new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER);

    /**
     * @throws VerificationException {@link Reason#MALFORMED_SIGNATURE} for a certificate whose key is of an
     *                               unknown algorithm.
     */
    X509Certificate certificate(final X509CertificateHolder holder) throws IOException, CertificateException
    {
        final ByteBuffer encoding = ByteBuffer.wrap(holder.toASN1Structure().getEncoded(ASN1Encoding.DER));
        final X509Certificate known = byEncoding.get(encoding);
        if (known != null)
        {
            return known;
        }
        final X509Certificate certificate = converter.getCertificate(holder);
        // Bouncy Castle decodes the key only when asked: ask now, so that a malformed one is refused here.
        if (certificate.getPublicKey() == null)
        {
            throw new VerificationException(Reason.MALFORMED_SIGNATURE, "the certificate " +
                CertificateChainValidator.subject(certificate) + " has a key of an unknown algorithm");
        }
        if (byEncoding.size() >= CERTIFICATES_MAX)
        {
            byEncoding.clear();
        }
        byEncoding.put(encoding, certificate);
        return certificate;
    }
}
