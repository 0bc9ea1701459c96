package org.hicsim.hicmod.pki;

import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CmsSignerTest
{
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void shouldSignTheClocksInstantAsSigningTime() throws Exception
    {
        final SignerInformation signer = onlySigner(TestPki.sign(TestPki.rsa().signingCredentials()));
        final Date signingTime = Time.getInstance(signer.getSignedAttributes().get(CMSAttributes.signingTime)
            .getAttrValues().getObjectAt(0)).getDate();
        assertEquals(TestPki.SIGNED_AT, signingTime.toInstant());
    }

    @Test
    void shouldCarrySignerAndIntermediateButNotRoot() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final Set<String> carried = new HashSet<>();
        for (final X509CertificateHolder holder :
            new CMSSignedData(TestPki.sign(pki.signingCredentials())).getCertificates().getMatches(null))
        {
            carried.add(HEX.formatHex(holder.getEncoded()));
        }
        assertEquals(Set.of(HEX.formatHex(pki.signer().certificate().getEncoded()),
            HEX.formatHex(pki.intermediate().certificate().getEncoded())), carried);
    }

    @Test
    void shouldBeDetachedAndDerEncoded() throws Exception
    {
        final byte[] signature = TestPki.sign(TestPki.rsa().signingCredentials());
        assertArrayEquals(signature, ASN1Primitive.fromByteArray(signature).getEncoded(ASN1Encoding.DER));
        assertNull(SignedData.getInstance(new CMSSignedData(signature).toASN1Structure().getContent())
            .getEncapContentInfo().getContent());
    }

    @Test
    void shouldDigestRsaSignaturesWithSha384() throws Exception
    {
        assertEquals(NISTObjectIdentifiers.id_sha384.getId(),
            onlySigner(TestPki.sign(TestPki.rsa().signingCredentials())).getDigestAlgOID());
    }

    @Test
    void shouldSignEd25519WithSha512DigestAsRfc8419Says() throws Exception
    {
        final SignerInformation signer = onlySigner(TestPki.sign(TestPki.ed25519().signingCredentials()));
        assertEquals(NISTObjectIdentifiers.id_sha512.getId(), signer.getDigestAlgOID());
        assertEquals(EdECObjectIdentifiers.id_Ed25519.getId(), signer.getEncryptionAlgOID());
    }

    private static SignerInformation onlySigner(final byte[] signature) throws Exception
    {
        return new CMSSignedData(signature).getSignerInfos().getSigners().iterator().next();
    }
}
