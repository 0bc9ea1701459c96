package org.hicsim.hicmod.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import org.hicsim.hicmod.pki.VerificationException.Reason;

/**
 * A detached CMS SignedData parsed strictly, before any cryptography: DER exactly (no BER, no trailing bytes,
 * so a certificate re-encoded differently is refused rather than silently normalised); ContentInfo of type
 * signedData over id-data with no content inside; exactly one signer, identified byte for byte by one of the
 * carried certificates; versions and the digest algorithm list consistent with that signer (RFC 5652 5.1,
 * 5.3); and exactly one signed signing-time. CMS leaves these fields outside the signature, so without this a
 * changed byte there would still verify.
 */
final class DetachedSignedData
{
    /** More certificates than any sane chain needs; a signature carrying more is refused. */
    static final int CARRIED_CERTIFICATES_MAX = CertificateChainValidator.PATH_LENGTH_MAX;

    private static final int VERSION_ISSUER_AND_SERIAL = 1;
    private static final int VERSION_SUBJECT_KEY_ID = 3;
    /** {@code yyyyMMddHHmmss}. */
    private static final int WHOLE_SECONDS_LENGTH = 14;
    private static final String UTC_SUFFIX = "GMT+00:00";

    private final SignerInformation signer;
    private final X509Certificate signerCertificate;
    private final List<X509Certificate> carried;
    private final Instant signingTime;

    private DetachedSignedData(
        final SignerInformation signer,
        final X509Certificate signerCertificate,
        final List<X509Certificate> carried,
        final Instant signingTime)
    {
        this.signer = signer;
        this.signerCertificate = signerCertificate;
        this.carried = List.copyOf(carried);
        this.signingTime = signingTime;
    }

    /**
     * @param certificates where carried certificates are parsed, and those parsed before are found again.
     * @throws VerificationException {@link Reason#MALFORMED_SIGNATURE}, {@link Reason#SIGNER_CERTIFICATE_MISSING}
     *                               or {@link Reason#MISSING_SIGNING_TIME}; no other exception escapes.
     */
    static DetachedSignedData parse(final byte[] content, final byte[] der, final ParsedCertificates certificates)
    {
        try
        {
            final ContentInfo contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
            if (!Arrays.equals(der, contentInfo.getEncoded(ASN1Encoding.DER)))
            {
                throw malformed("not DER-encoded");
            }
            if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType()))
            {
                throw malformed("content type " + contentInfo.getContentType() + " is not signedData");
            }
            final SignedData signedData = SignedData.getInstance(contentInfo.getContent());
            if (!CMSObjectIdentifiers.data.equals(signedData.getEncapContentInfo().getContentType()))
            {
                throw malformed("signed content type " + signedData.getEncapContentInfo().getContentType() +
                    " is not id-data");
            }
            if (signedData.getEncapContentInfo().getContent() != null)
            {
                throw malformed("the SignedData carries its own content; a detached signature is required");
            }
            final SignerInfo signerInfo = onlySignerInfo(signedData);
            checkVersions(signedData, signerInfo);
            checkDigestAlgorithms(signedData, signerInfo);
            final List<X509Certificate> carried = new ArrayList<>();
            final X509Certificate signerCertificate =
                carriedCertificates(signedData, signerInfo.getSID(), carried, certificates);
            final SignerInformation signer = new CMSSignedData(new CMSProcessableByteArray(content), contentInfo)
                .getSignerInfos().getSigners().iterator().next();
            return new DetachedSignedData(signer, signerCertificate, carried, signingTime(signer));
        }
        catch (final IOException | CMSException | CertificateException | ParseException | RuntimeException ex)
        {
            if (ex instanceof VerificationException)
            {
                throw (VerificationException)ex;
            }
            throw new VerificationException(
                Reason.MALFORMED_SIGNATURE, "not a CMS SignedData: " + ex.getMessage(), ex);
        }
    }

    /**
     * The signer, with the content attached for digesting.
     */
    SignerInformation signer()
    {
        return signer;
    }

    X509Certificate signerCertificate()
    {
        return signerCertificate;
    }

    /**
     * Every certificate carried, the signer's included, in the order of the SignedData.
     */
    List<X509Certificate> carried()
    {
        return carried;
    }

    Instant signingTime()
    {
        return signingTime;
    }

    private static SignerInfo onlySignerInfo(final SignedData signedData)
    {
        final ASN1Set signerInfos = signedData.getSignerInfos();
        if (signerInfos.size() != 1)
        {
            throw malformed(signerInfos.size() + " signers where exactly one is required");
        }
        return SignerInfo.getInstance(signerInfos.getObjectAt(0));
    }

    private static void checkVersions(final SignedData signedData, final SignerInfo signerInfo)
    {
        final int expected = signerInfo.getSID().isTagged() ? VERSION_SUBJECT_KEY_ID : VERSION_ISSUER_AND_SERIAL;
        if (signerInfo.getVersion().intValueExact() != expected || signedData.getVersion().intValueExact() != expected)
        {
            throw malformed("SignedData version " + signedData.getVersion() + " and SignerInfo version " +
                signerInfo.getVersion() + " do not match the signer identifier (both must be " + expected + ")");
        }
    }

    private static void checkDigestAlgorithms(final SignedData signedData, final SignerInfo signerInfo)
    {
        final ASN1Set digestAlgorithms = signedData.getDigestAlgorithms();
        if (digestAlgorithms.size() != 1 || !AlgorithmIdentifier.getInstance(digestAlgorithms.getObjectAt(0))
            .getAlgorithm().equals(signerInfo.getDigestAlgorithm().getAlgorithm()))
        {
            throw malformed("the digest algorithm list does not name exactly the signer's digest algorithm");
        }
    }

    private static X509Certificate carriedCertificates(
        final SignedData signedData,
        final SignerIdentifier signerId,
        final List<X509Certificate> carried,
        final ParsedCertificates parsed)
        throws CertificateException, IOException
    {
        final ASN1Set certificates = signedData.getCertificates();
        final int count = certificates == null ? 0 : certificates.size();
        if (count > CARRIED_CERTIFICATES_MAX)
        {
            throw malformed("carries " + count + " certificates, more than " + CARRIED_CERTIFICATES_MAX);
        }
        X509Certificate signerCertificate = null;
        for (int i = 0; i < count; i++)
        {
            final X509CertificateHolder holder =
                new X509CertificateHolder(Certificate.getInstance(certificates.getObjectAt(i)));
            final X509Certificate certificate = parsed.certificate(holder);
            carried.add(certificate);
            if (signerCertificate == null && identifies(signerId, holder))
            {
                signerCertificate = certificate;
            }
        }
        if (signerCertificate == null)
        {
            throw new VerificationException(Reason.SIGNER_CERTIFICATE_MISSING,
                "the signature carries no certificate matching its signer identifier");
        }
        return signerCertificate;
    }

    /**
     * Whether {@code signerId} names {@code holder} byte for byte: issuer name encoding and serial number, or the
     * subject key identifier.
     */
    private static boolean identifies(final SignerIdentifier signerId, final X509CertificateHolder holder)
        throws IOException
    {
        if (signerId.isTagged())
        {
            final Extension subjectKeyId = holder.getExtension(Extension.subjectKeyIdentifier);
            return subjectKeyId != null && Arrays.equals(
                ASN1OctetString.getInstance(signerId.getId()).getOctets(),
                SubjectKeyIdentifier.getInstance(subjectKeyId.getParsedValue()).getKeyIdentifier());
        }
        final IssuerAndSerialNumber issuerAndSerial = IssuerAndSerialNumber.getInstance(signerId.getId());
        final BigInteger serial = issuerAndSerial.getSerialNumber().getValue();
        return serial.equals(holder.getSerialNumber()) && Arrays.equals(
            issuerAndSerial.getName().getEncoded(ASN1Encoding.DER),
            holder.toASN1Structure().getIssuer().getEncoded(ASN1Encoding.DER));
    }

    private static Instant signingTime(final SignerInformation signer) throws ParseException
    {
        final AttributeTable attributes = signer.getSignedAttributes();
        final ASN1EncodableVector times = attributes == null ?
            new ASN1EncodableVector() : attributes.getAll(CMSAttributes.signingTime);
        if (times.size() == 0)
        {
            throw new VerificationException(
                Reason.MISSING_SIGNING_TIME, "the signer has no signed signing-time attribute");
        }
        final ASN1Encodable[] values = Attribute.getInstance(times.get(0)).getAttributeValues();
        if (times.size() != 1 || values.length != 1)
        {
            throw malformed("the signing-time attribute must appear once with one value");
        }
        return instant(Time.getInstance(values[0]));
    }

    /**
     * The instant of a DER time, read without {@link Time#getDate()}'s date-format machinery: DER writes it in
     * UTC ({@code Z}), which Bouncy Castle's normalised form {@code yyyyMMddHHmmssGMT+00:00} shows as {@code
     * GMT+00:00}. A time with a fraction of a second, which no signer of ours writes, takes the slower way.
     */
    private static Instant instant(final Time time) throws ParseException
    {
        final ASN1Primitive primitive = time.toASN1Primitive();
        final String normalised = primitive instanceof ASN1UTCTime ?
            ((ASN1UTCTime)primitive).getAdjustedTime() : ((ASN1GeneralizedTime)primitive).getTime();
        if (normalised.length() != WHOLE_SECONDS_LENGTH + UTC_SUFFIX.length() || !normalised.endsWith(UTC_SUFFIX))
        {
            return time.getDate().toInstant();
        }
        return LocalDateTime.of(digits(normalised, 0, 4), digits(normalised, 4, 2), digits(normalised, 6, 2),
            digits(normalised, 8, 2), digits(normalised, 10, 2), digits(normalised, 12, 2)).toInstant(ZoneOffset.UTC);
    }

    private static int digits(final String text, final int start, final int count)
    {
        int value = 0;
        for (int i = start; i < start + count; i++)
        {
            final char digit = text.charAt(i);
            if (digit < '0' || digit > '9')
            {
                throw malformed("the signing time " + text + " is not a DER time");
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }

    private static VerificationException malformed(final String detail)
    {
        return new VerificationException(Reason.MALFORMED_SIGNATURE, detail);
    }
}
