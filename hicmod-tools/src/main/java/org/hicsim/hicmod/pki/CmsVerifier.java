package org.hicsim.hicmod.pki;

import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

import org.hicsim.hicmod.pki.VerificationException.Reason;

/**
 * Verifies a detached CMS SignedData over given content against trust roots, in this order: the DER parses as
 * SignedData over id-data, detached, with exactly one signer whose certificate it carries; the signed
 * signing-time attribute is present and not after the injected clock's now (plus {@link #MAX_CLOCK_SKEW});
 * the algorithm is SHA-384 with RSA of at least {@link KeyAlgorithm#keyBits()} bits or Ed25519 with SHA-512;
 * the content digest matches and the signature verifies; then the certificate chain, at the signing time (see
 * {@link CertificateChainValidator}). Every refusal is a {@link VerificationException} with its own
 * {@link Reason}, including malformed input: nothing else escapes.
 */
public final class CmsVerifier
{
    /** How far a signing time may lie ahead of the verifier's clock before it is refused. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** More certificates than any sane chain needs; a signature carrying more is refused. */
    public static final int MAX_CARRIED_CERTIFICATES = CertificateChainValidator.MAX_PATH_LENGTH;

    private final CertificateChainValidator chainValidator;
    private final Clock clock;

    /**
     * @param trustRoots the root CA certificates a chain may end at.
     * @param clock      what "now" is, to refuse signing times in the future.
     */
    public CmsVerifier(final List<X509Certificate> trustRoots, final Clock clock)
    {
        this.chainValidator = new CertificateChainValidator(trustRoots);
        this.clock = clock;
    }

    public VerifiedSignature verify(final byte[] content, final byte[] signature)
    {
        final CMSSignedData signedData = parse(content, signature);
        final SignerInformation signer = onlySigner(signedData);
        final List<X509Certificate> carried = new ArrayList<>();
        final X509Certificate signerCertificate = carriedCertificates(signedData, signer, carried);
        final Instant signingTime = signingTime(signer);
        final Instant latest = clock.instant().plus(MAX_CLOCK_SKEW);
        if (signingTime.isAfter(latest))
        {
            throw new VerificationException(Reason.SIGNING_TIME_IN_FUTURE,
                "signed at " + signingTime + ", after now (" + clock.instant() + ")");
        }
        final KeyAlgorithm algorithm = checkAlgorithm(signer, signerCertificate.getPublicKey());
        checkSignature(signer, signerCertificate.getPublicKey());
        final List<X509Certificate> path = chainValidator.validate(signerCertificate, carried, signingTime);
        final List<String> subjects = new ArrayList<>(path.size());
        for (final X509Certificate certificate : path)
        {
            subjects.add(CertificateChainValidator.subject(certificate));
        }
        return new VerifiedSignature(subjects.get(0), subjects, signingTime, algorithm.signatureAlgorithm());
    }

    private static CMSSignedData parse(final byte[] content, final byte[] signature)
    {
        final CMSSignedData signedData;
        try
        {
            signedData = new CMSSignedData(new CMSProcessableByteArray(content), signature);
            if (SignedData.getInstance(signedData.toASN1Structure().getContent())
                .getEncapContentInfo().getContent() != null)
            {
                throw new VerificationException(Reason.MALFORMED_SIGNATURE,
                    "the SignedData carries its own content; a detached signature is required");
            }
        }
        catch (final CMSException | RuntimeException ex)
        {
            throw malformed(ex);
        }
        if (!CMSObjectIdentifiers.data.getId().equals(signedData.getSignedContentTypeOID()))
        {
            throw new VerificationException(Reason.MALFORMED_SIGNATURE,
                "signed content type " + signedData.getSignedContentTypeOID() + " is not id-data");
        }
        return signedData;
    }

    private static SignerInformation onlySigner(final CMSSignedData signedData)
    {
        final Collection<SignerInformation> signers;
        try
        {
            signers = signedData.getSignerInfos().getSigners();
        }
        catch (final RuntimeException ex)
        {
            throw malformed(ex);
        }
        if (signers.size() != 1)
        {
            throw new VerificationException(Reason.MALFORMED_SIGNATURE,
                signers.size() + " signers where exactly one is required");
        }
        return signers.iterator().next();
    }

    /**
     * Converts every certificate the signature carries into {@code carried} and returns the signer's.
     */
    private static X509Certificate carriedCertificates(
        final CMSSignedData signedData, final SignerInformation signer, final List<X509Certificate> carried)
    {
        final JcaX509CertificateConverter converter =
            new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER);
        X509Certificate signerCertificate = null;
        try
        {
            final Collection<X509CertificateHolder> holders = signedData.getCertificates().getMatches(null);
            if (holders.size() > MAX_CARRIED_CERTIFICATES)
            {
                throw new VerificationException(Reason.MALFORMED_SIGNATURE, "carries " + holders.size() +
                    " certificates, more than " + MAX_CARRIED_CERTIFICATES);
            }
            for (final X509CertificateHolder holder : holders)
            {
                final X509Certificate certificate = converter.getCertificate(holder);
                carried.add(certificate);
                if (signerCertificate == null && signer.getSID().match(holder))
                {
                    signerCertificate = certificate;
                }
            }
        }
        catch (final CertificateException | RuntimeException ex)
        {
            throw malformed(ex);
        }
        if (signerCertificate == null)
        {
            throw new VerificationException(Reason.SIGNER_CERTIFICATE_MISSING,
                "the signature carries no certificate matching its signer identifier");
        }
        return signerCertificate;
    }

    private static Instant signingTime(final SignerInformation signer)
    {
        final AttributeTable attributes = signer.getSignedAttributes();
        final ASN1EncodableVector times = attributes == null ?
            new ASN1EncodableVector() : attributes.getAll(CMSAttributes.signingTime);
        if (times.size() == 0)
        {
            throw new VerificationException(Reason.MISSING_SIGNING_TIME, "the signer has no signed signing-time");
        }
        try
        {
            final ASN1Encodable[] values = Attribute.getInstance(times.get(0)).getAttributeValues();
            if (times.size() != 1 || values.length != 1)
            {
                throw new VerificationException(Reason.MALFORMED_SIGNATURE,
                    "the signing-time attribute must appear once with one value");
            }
            return Time.getInstance(values[0]).getDate().toInstant();
        }
        catch (final RuntimeException ex)
        {
            throw malformed(ex);
        }
    }

    private static KeyAlgorithm checkAlgorithm(final SignerInformation signer, final PublicKey publicKey)
    {
        final ASN1ObjectIdentifier digest = new ASN1ObjectIdentifier(signer.getDigestAlgOID());
        final ASN1ObjectIdentifier encryption = new ASN1ObjectIdentifier(signer.getEncryptionAlgOID());
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
        if (algorithm == KeyAlgorithm.RSA &&
            ((RSAKey)publicKey).getModulus().bitLength() < KeyAlgorithm.RSA.keyBits())
        {
            throw new VerificationException(Reason.WEAK_KEY, "RSA key of " +
                ((RSAKey)publicKey).getModulus().bitLength() + " bits, fewer than " + KeyAlgorithm.RSA.keyBits());
        }
        return algorithm;
    }

    private static void checkSignature(final SignerInformation signer, final PublicKey publicKey)
    {
        final boolean verified;
        try
        {
            // Built from the key, not the certificate: BC would otherwise check the certificate's validity itself
            // and hide the reason CertificateChainValidator gives.
            verified = signer.verify(
                new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER).build(publicKey));
        }
        catch (final CMSSignerDigestMismatchException ex)
        {
            throw new VerificationException(Reason.CONTENT_DIGEST_MISMATCH,
                "the digest of the content differs from the signed message-digest", ex);
        }
        catch (final CMSException | OperatorCreationException | RuntimeException ex)
        {
            throw new VerificationException(Reason.BAD_SIGNATURE, ex.getMessage(), ex);
        }
        if (!verified)
        {
            throw new VerificationException(Reason.BAD_SIGNATURE,
                "the signature value does not verify with the signer's public key");
        }
    }

    private static VerificationException malformed(final Exception ex)
    {
        if (ex instanceof VerificationException)
        {
            return (VerificationException)ex;
        }
        return new VerificationException(Reason.MALFORMED_SIGNATURE, "not a CMS SignedData: " + ex.getMessage(), ex);
    }
}
