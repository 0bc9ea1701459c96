package org.hicsim.hicmod.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * CMS signatures {@link CmsSigner} would never make (no signed attributes, other algorithms, weak keys, content
 * inside), built with Bouncy Castle directly, and byte-level tampering of signatures.
 */
final class RawCms
{
    private RawCms()
    {
    }

    /**
     * @param carried          the certificates to embed.
     * @param signedAttributes whether to sign attributes (with the signing time {@link TestPki#SIGNED_AT}).
     * @param encapsulate      whether to put {@link TestPki#CONTENT} inside the SignedData.
     */
    static byte[] sign(
        final PrivateKey key,
        final X509Certificate signer,
        final List<X509Certificate> carried,
        final String signatureAlgorithm,
        final boolean signedAttributes,
        final boolean encapsulate) throws Exception
    {
        final JcaSignerInfoGeneratorBuilder signerInfo = new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build());
        if (signedAttributes)
        {
            signerInfo.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(
                new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(TestPki.SIGNED_AT)))))));
        }
        else
        {
            signerInfo.setDirectSignature(true);
        }
        final CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(signerInfo.build(
            new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BouncyCastle.PROVIDER).build(key), signer));
        generator.addCertificates(new JcaCertStore(carried));
        return generator.generate(new CMSProcessableByteArray(TestPki.CONTENT), encapsulate)
            .getEncoded(ASN1Encoding.DER);
    }

    /**
     * A signature as OpenSSL 3.0's {@code openssl cms -sign} makes one: signed attributes with the signing time
     * {@link TestPki#SIGNED_AT} but without the CMSAlgorithmProtection attribute (RFC 6211) that Bouncy Castle adds,
     * so that no signed byte covers the signer info's algorithm identifiers.
     */
    static byte[] signWithoutAlgorithmProtection(
        final PrivateKey key,
        final X509Certificate signer,
        final List<X509Certificate> carried,
        final String signatureAlgorithm) throws Exception
    {
        final DefaultSignedAttributeTableGenerator attributes = new DefaultSignedAttributeTableGenerator(
            new AttributeTable(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(TestPki.SIGNED_AT))))));
        final CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
            .setSignedAttributeGenerator(parameters ->
                attributes.getAttributes(parameters).remove(CMSAttributes.cmsAlgorithmProtect))
            .build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BouncyCastle.PROVIDER).build(key),
                signer));
        generator.addCertificates(new JcaCertStore(carried));
        return generator.generate(new CMSProcessableByteArray(TestPki.CONTENT), false).getEncoded(ASN1Encoding.DER);
    }

    /**
     * The DER of the signature algorithm identifier of the only signer of {@code der}.
     */
    static byte[] signatureAlgorithmIdentifier(final byte[] der) throws Exception
    {
        final SignerInformation signer = new CMSSignedData(der).getSignerInfos().getSigners().iterator().next();
        return signer.toASN1Structure().getDigestEncryptionAlgorithm().getEncoded(ASN1Encoding.DER);
    }

    /**
     * The offset of the last occurrence of {@code region} in {@code der}.
     */
    static int lastIndexOf(final byte[] der, final byte[] region)
    {
        for (int i = der.length - region.length; i >= 0; i--)
        {
            if (Arrays.equals(der, i, i + region.length, region, 0, region.length))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("region not found in der");
    }

    /**
     * A copy of {@code der} with one bit flipped in the last byte of the first occurrence of {@code region}.
     */
    static byte[] flipLastByteOf(final byte[] der, final byte[] region)
    {
        final int index = indexOf(der, region);
        if (index < 0)
        {
            throw new IllegalArgumentException("region not found in der");
        }
        final byte[] tampered = der.clone();
        tampered[index + region.length - 1] ^= 1;
        return tampered;
    }

    /**
     * The signature value of the only signer of {@code der}.
     */
    static byte[] signatureValue(final byte[] der) throws Exception
    {
        final SignerInformation signer = new CMSSignedData(der).getSignerInfos().getSigners().iterator().next();
        return signer.getSignature();
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            int j = 0;
            while (j < needle.length && haystack[i + j] == needle[j])
            {
                j++;
            }
            if (j == needle.length)
            {
                return i;
            }
        }
        return -1;
    }
}
