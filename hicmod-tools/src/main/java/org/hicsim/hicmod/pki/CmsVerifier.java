package org.hicsim.hicmod.pki;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import org.hicsim.hicmod.pki.VerificationException.Reason;

/**
 * Verifies a detached CMS SignedData over given content against trust roots, in this order: the structure (see
 * {@link DetachedSignedData}: strict DER, detached, one signer whose certificate it carries, a signed signing
 * time); the signing time is not after the verification instant (plus {@link #CLOCK_SKEW_MAX}); the algorithm
 * is SHA-384 with RSA of at least {@link KeyAlgorithm#keyBits()} bits or Ed25519 with SHA-512; the content digest
 * matches and the signature verifies; then the certificate chain, at the signing time and at the verification
 * instant (see {@link CertificateChainValidator}). Every refusal is a {@link VerificationException} with its own
 * {@link Reason}, including malformed input: nothing else escapes.
 * <p>
 * The verification instant is an argument, never a clock read here: a simulation passes its simulated time
 * ({@code SimulatedEpoch} of Core-0), so a run verifies alike on any day; a user's command passes the real time.
 * A verifier remembers the certificates it has parsed and the paths it has validated, so verifying many bundles
 * of one signer costs one signature verification each; it is safe to share between threads.
 */
public final class CmsVerifier
{
    /** How far a signing time may lie ahead of the verifier's clock before it is refused. */
    public static final Duration CLOCK_SKEW_MAX = Duration.ofMinutes(5);

    private final CertificateChainValidator chainValidator;
    private final ParsedCertificates certificates = new ParsedCertificates();
    private final Map<X509Certificate, SignerInformationVerifier> signerVerifiers = new ConcurrentHashMap<>();

    /**
     * @param trustRoots the root CA certificates a chain may end at.
     */
    public CmsVerifier(final List<X509Certificate> trustRoots)
    {
        this.chainValidator = new CertificateChainValidator(trustRoots);
    }

    /**
     * @param at the verification instant: a signing time after it (beyond {@link #CLOCK_SKEW_MAX}) is refused,
     *           and every certificate of the chain must be valid at it.
     */
    public VerifiedSignature verify(final byte[] content, final byte[] signature, final Instant at)
    {
        final DetachedSignedData signedData = DetachedSignedData.parse(content, signature, certificates);
        final Instant signingTime = signedData.signingTime();
        if (signingTime.isAfter(at.plus(CLOCK_SKEW_MAX)))
        {
            throw new VerificationException(Reason.SIGNING_TIME_IN_FUTURE,
                "signed at " + signingTime + ", after the verification time " + at);
        }
        final X509Certificate signerCertificate = signedData.signerCertificate();
        final KeyAlgorithm algorithm = checkAlgorithm(signedData.signer(), signerCertificate.getPublicKey());
        checkSignature(signedData.signer(), signerVerifier(signerCertificate));
        final List<String> subjects =
            chainValidator.validate(signerCertificate, signedData.carried(), signingTime, at).subjects();
        return new VerifiedSignature(subjects.get(0), subjects, signingTime, algorithm.signatureAlgorithm());
    }

    private static KeyAlgorithm checkAlgorithm(final SignerInformation signer, final PublicKey publicKey)
    {
        final AlgorithmIdentifier digestId = signer.getDigestAlgorithmID();
        final AlgorithmIdentifier encryptionId = signer.toASN1Structure().getDigestEncryptionAlgorithm();
        final ASN1ObjectIdentifier digest = digestId.getAlgorithm();
        final ASN1ObjectIdentifier encryption = encryptionId.getAlgorithm();
        final KeyAlgorithm algorithm = KeyAlgorithm.of(publicKey).orElseThrow(() -> new VerificationException(
            Reason.UNSUPPORTED_ALGORITHM, "signer key algorithm " + publicKey.getAlgorithm()));
        final boolean expected = algorithm == KeyAlgorithm.RSA ?
            NISTObjectIdentifiers.id_sha384.equals(digest) && (PKCSObjectIdentifiers.rsaEncryption.equals(encryption) ||
                PKCSObjectIdentifiers.sha384WithRSAEncryption.equals(encryption)) :
            NISTObjectIdentifiers.id_sha512.equals(digest) && EdECObjectIdentifiers.id_Ed25519.equals(encryption);
        if (!expected)
        {
            throw new VerificationException(Reason.UNSUPPORTED_ALGORITHM, "digest " + digest + " with signature " +
                encryption + " for a " + algorithm.cliName() + " key; expected " + algorithm.signatureAlgorithm());
        }
        // Neither identifier is signed unless the signer adds CMSAlgorithmProtection (OpenSSL 3.0 does not), so
        // parameters other than those the RFCs allow would let a changed byte verify: RFC 5754 and 4055 allow
        // absent or NULL for SHA-2 and RSA, RFC 8419 only absent for Ed25519.
        if (!absentOrNull(digestId) || (algorithm == KeyAlgorithm.RSA ?
            !absentOrNull(encryptionId) : encryptionId.getParameters() != null))
        {
            throw new VerificationException(Reason.UNSUPPORTED_ALGORITHM, "digest " + digest + " with parameters " +
                digestId.getParameters() + ", signature " + encryption + " with parameters " +
                encryptionId.getParameters() + "; expected none, or NULL for SHA-2 and RSA");
        }
        if (algorithm == KeyAlgorithm.RSA &&
            ((RSAKey)publicKey).getModulus().bitLength() < KeyAlgorithm.RSA.keyBits())
        {
            throw new VerificationException(Reason.WEAK_KEY, "RSA key of " +
                ((RSAKey)publicKey).getModulus().bitLength() + " bits, fewer than " + KeyAlgorithm.RSA.keyBits());
        }
        return algorithm;
    }

    private static boolean absentOrNull(final AlgorithmIdentifier identifier)
    {
        return identifier.getParameters() == null || DERNull.INSTANCE.equals(identifier.getParameters());
    }

    /**
     * The verifier of {@code signer}'s key, made once per signer certificate.
     */
    private SignerInformationVerifier signerVerifier(final X509Certificate signer)
    {
        final SignerInformationVerifier known = signerVerifiers.get(signer);
        if (known != null)
        {
            return known;
        }
        final SignerInformationVerifier verifier;
        try
        {
            // Built from the key, not the certificate: BC would otherwise check the certificate's validity itself
            // and hide the reason CertificateChainValidator gives. The content digest comes from the JDK's
            // providers, whose SHA-2 uses the processor's instructions (a bundle's signed bytes are its whole
            // payload); the signature from Bouncy Castle, whose Ed25519 is several times the JDK's.
            verifier = new JcaSignerInfoVerifierBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setProvider(BouncyCastle.PROVIDER)
                .build(signer.getPublicKey());
        }
        catch (final OperatorCreationException | RuntimeException ex)
        {
            throw new VerificationException(Reason.BAD_SIGNATURE, ex.getMessage(), ex);
        }
        if (signerVerifiers.size() >= ParsedCertificates.CERTIFICATES_MAX)
        {
            signerVerifiers.clear();
        }
        signerVerifiers.put(signer, verifier);
        return verifier;
    }

    private static void checkSignature(final SignerInformation signer, final SignerInformationVerifier verifier)
    {
        final boolean verified;
        try
        {
            verified = signer.verify(verifier);
        }
        catch (final CMSSignerDigestMismatchException ex)
        {
            throw new VerificationException(Reason.CONTENT_DIGEST_MISMATCH,
                "the digest of the content differs from the signed message-digest", ex);
        }
        catch (final CMSException | RuntimeException ex)
        {
            throw new VerificationException(Reason.BAD_SIGNATURE, ex.getMessage(), ex);
        }
        if (!verified)
        {
            throw new VerificationException(Reason.BAD_SIGNATURE,
                "the signature value does not verify with the signer's public key");
        }
    }
}
