package org.hicsim.hicmod.pki;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Makes detached CMS SignedData (RFC 5652), DER-encoded, over given bytes: one signer, SHA-384 with RSA
 * (PKCS#1 v1.5) or Ed25519 (RFC 8419), the credentials' certificate chain embedded, and a signed signing-time
 * attribute read from the injected clock, so that a fixed clock gives a fixed signing time.
 * <p>
 * The generator, the content signer and the encoded chain are built once, in the constructor: only the signing
 * time and the content change from one signature to the next. A signer serves one signature at a time.
 */
public final class CmsSigner
{
    private final Clock clock;
    private final CMSSignedDataGenerator generator = new CMSSignedDataGenerator();

    public CmsSigner(final SigningCredentials credentials, final Clock clock)
    {
        this.clock = clock;
        try
        {
            generator.addSignerInfoGenerator(
                new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
                    .setSignedAttributeGenerator(this::signedAttributes)
                    .build(
                        new JcaContentSignerBuilder(credentials.algorithm().signatureAlgorithm())
                            .setProvider(BouncyCastle.PROVIDER)
                            .build(credentials.privateKey()),
                        credentials.certificate()));
            generator.addCertificates(new JcaCertStore(credentials.chain()));
        }
        catch (final OperatorCreationException | CertificateEncodingException | CMSException ex)
        {
            throw new IllegalStateException(
                "cannot sign with algorithm=" + credentials.algorithm().signatureAlgorithm(), ex);
        }
    }

    /**
     * The detached signature of {@code content}.
     */
    public synchronized byte[] sign(final byte[] content)
    {
        try
        {
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        }
        catch (final CMSException | IOException ex)
        {
            throw new IllegalStateException("cannot sign content.length=" + content.length, ex);
        }
    }

    /**
     * The standard signed attributes (content type, message digest, algorithm protection) and the signing time
     * read from the clock now.
     */
    private AttributeTable signedAttributes(final Map<?, ?> parameters)
    {
        // Whole seconds: UTCTime and GeneralizedTime as DER writes them keep no fraction.
        final Date signingTime = Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return new DefaultSignedAttributeTableGenerator(new AttributeTable(
            new Attribute(CMSAttributes.signingTime, new DERSet(new Time(signingTime))))).getAttributes(parameters);
    }
}
