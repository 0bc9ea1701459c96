package org.hicsim.hicmod.pki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What a signer needs: its private key and the certificate chain a signature carries, signer certificate first,
 * then the intermediate CAs (the root may be left out: verifiers hold it). The constructor refuses a key that is
 * neither RSA (at least {@link KeyAlgorithm#keyBits()} bits) nor Ed25519, and a key that does not belong to the
 * signer certificate, so that a mistake shows when signing rather than as a signature nobody can verify.
 */
public final class SigningCredentials
{
    private static final byte[] KEY_PROBE = "hicmod key-pair probe".getBytes(StandardCharsets.US_ASCII);

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final KeyAlgorithm algorithm;

    public SigningCredentials(final PrivateKey privateKey, final List<X509Certificate> chain)
    {
        if (chain.isEmpty())
        {
            throw new IllegalArgumentException("chain is empty: the signer certificate is required");
        }
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        final X509Certificate certificate = chain.get(0);
        final String subject = certificate.getSubjectX500Principal().getName();
        this.algorithm = KeyAlgorithm.of(privateKey).orElseThrow(() -> new PkiInputException(
            "the private key of " + subject + " is " + privateKey.getAlgorithm() + "; RSA or Ed25519 is required"));
        final PublicKey publicKey = certificate.getPublicKey();
        if (algorithm == KeyAlgorithm.RSA && publicKey instanceof RSAKey &&
            ((RSAKey)publicKey).getModulus().bitLength() < KeyAlgorithm.RSA.keyBits())
        {
            throw new PkiInputException("the RSA key of " + subject + " has " +
                ((RSAKey)publicKey).getModulus().bitLength() + " bits; at least " + KeyAlgorithm.RSA.keyBits() +
                " are required");
        }
        if (!belongTogether(privateKey, publicKey, algorithm))
        {
            throw new PkiInputException("the private key does not belong to the certificate of " + subject);
        }
    }

    /**
     * Credentials from PEM files: the private key, the signer certificate, and a file of intermediate CA
     * certificates (one or more, nearest to the signer first).
     */
    public static SigningCredentials load(final Path key, final Path certificate, final Path intermediates)
    {
        final List<X509Certificate> chain = new ArrayList<>();
        chain.add(Pem.readCertificate(certificate));
        chain.addAll(Pem.readCertificates(intermediates));
        try
        {
            return new SigningCredentials(Pem.readPrivateKey(key), chain);
        }
        catch (final PkiInputException ex)
        {
            throw new PkiInputException(key + ", " + certificate + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * {@link #load} that also refuses credentials with which a signature made at {@code signingTime} could never
     * verify: a certificate of the chain not valid then (every verifier checks validity at the signing time).
     */
    public static SigningCredentials loadValidAt(
        final Path key,
        final Path certificate,
        final Path intermediates,
        final Instant signingTime)
    {
        final SigningCredentials credentials = load(key, certificate, intermediates);
        final Instant at = signingTime.truncatedTo(ChronoUnit.SECONDS);
        for (final X509Certificate carried : credentials.chain)
        {
            final Instant notBefore = carried.getNotBefore().toInstant();
            final Instant notAfter = carried.getNotAfter().toInstant();
            if (at.isBefore(notBefore) || at.isAfter(notAfter))
            {
                throw new PkiInputException(certificate + ", " + intermediates + ": the certificate " +
                    carried.getSubjectX500Principal().getName() + " is valid from " + notBefore + " to " + notAfter +
                    ", not at the signing time " + at);
            }
        }
        return credentials;
    }

    public PrivateKey privateKey()
    {
        return privateKey;
    }

    /**
     * The signer certificate.
     */
    public X509Certificate certificate()
    {
        return chain.get(0);
    }

    /**
     * Signer certificate first, then the intermediate CAs.
     */
    public List<X509Certificate> chain()
    {
        return chain;
    }

    public KeyAlgorithm algorithm()
    {
        return algorithm;
    }

    /**
     * Whether signing with {@code privateKey} verifies with {@code publicKey}: the one check that works alike for
     * every key type and provider.
     */
    private static boolean belongTogether(
        final PrivateKey privateKey, final PublicKey publicKey, final KeyAlgorithm algorithm)
    {
        try
        {
            final Signature signer = Signature.getInstance(algorithm.signatureAlgorithm(), BouncyCastle.PROVIDER);
            signer.initSign(privateKey);
            signer.update(KEY_PROBE);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm(), BouncyCastle.PROVIDER);
            verifier.initVerify(publicKey);
            verifier.update(KEY_PROBE);
            return verifier.verify(signature);
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }
}
