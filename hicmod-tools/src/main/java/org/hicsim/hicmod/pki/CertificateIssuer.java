package org.hicsim.hicmod.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues X.509 v3 certificates: self-signed roots and certificates signed by a CA, each with basicConstraints and
 * keyUsage (critical), extended key usage when the profile has any, and subject/authority key identifiers.
 * Certificates are signed with the issuer key's {@link KeyAlgorithm#signatureAlgorithm()}.
 */
public final class CertificateIssuer
{
    /** Serial numbers are random, positive and at most 20 octets long (RFC 5280 4.1.2.2). */
    private static final int SERIAL_NUMBER_BITS = 159;

    private final SecureRandom random;

    public CertificateIssuer(final SecureRandom random)
    {
        this.random = random;
    }

    /**
     * A certificate for {@code keys} signed by {@code keys} itself, issuer and subject both {@code subject}.
     */
    public CertifiedKey selfSign(
        final String subject, final KeyPair keys, final CertificateProfile profile, final Validity validity)
    {
        final X500Name name = x500Name(subject);
        return new CertifiedKey(
            build(name, keys.getPrivate(), keys.getPublic(), name, keys.getPublic(), profile, validity),
            keys.getPrivate());
    }

    /**
     * A certificate for {@code keys}, named {@code subject}, signed by {@code issuer}.
     */
    public CertifiedKey issue(
        final CertifiedKey issuer,
        final String subject,
        final KeyPair keys,
        final CertificateProfile profile,
        final Validity validity)
    {
        final X509Certificate issuerCertificate = issuer.certificate();
        final X500Name issuerName = X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
        return new CertifiedKey(
            build(issuerName, issuer.privateKey(), issuerCertificate.getPublicKey(),
                x500Name(subject), keys.getPublic(), profile, validity),
            keys.getPrivate());
    }

    /**
     * Parses an RFC 2253 name ({@code CN=..,O=..}, most specific first), which encodes in the opposite order;
     * {@link X500Name}'s own parser would keep the written order.
     */
    private static X500Name x500Name(final String rfc2253)
    {
        return X500Name.getInstance(new X500Principal(rfc2253).getEncoded());
    }

    private X509Certificate build(
        final X500Name issuer,
        final PrivateKey issuerKey,
        final PublicKey issuerPublicKey,
        final X500Name subject,
        final PublicKey subjectKey,
        final CertificateProfile profile,
        final Validity validity)
    {
        final KeyAlgorithm issuerAlgorithm = KeyAlgorithm.of(issuerKey).orElseThrow(
            () -> new IllegalArgumentException("issuerKey.algorithm=" + issuerKey.getAlgorithm()));
        try
        {
            final JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(SERIAL_NUMBER_BITS, random).add(BigInteger.ONE),
                Date.from(validity.notBefore()),
                Date.from(validity.notAfter()),
                subject,
                subjectKey)
                .addExtension(Extension.basicConstraints, true, profile.certificateAuthority() ?
                    new BasicConstraints(profile.pathLength()) : new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(profile.keyUsage()))
                .addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKey))
                .addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(issuerPublicKey));
            if (!profile.extendedKeyUsages().isEmpty())
            {
                builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(profile.extendedKeyUsages().toArray(new KeyPurposeId[0])));
            }
            return new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER).getCertificate(
                builder.build(new JcaContentSignerBuilder(issuerAlgorithm.signatureAlgorithm())
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(issuerKey)));
        }
        catch (final GeneralSecurityException | OperatorCreationException | CertIOException ex)
        {
            throw new IllegalStateException("cannot issue certificate subject=" + subject, ex);
        }
    }
}
