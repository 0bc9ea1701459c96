package org.hicsim.hicmod.pki;

import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.List;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PkiGeneratorTest
{
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;
    private static final int DIGITAL_SIGNATURE = 0;

    @Test
    void shouldNameEachTierAndChainIssuers()
    {
        final ModulePki pki = TestPki.rsa();
        assertEquals(PkiGenerator.ROOT_SUBJECT, subject(pki.root().certificate()));
        assertEquals(PkiGenerator.ROOT_SUBJECT, pki.root().certificate().getIssuerX500Principal().getName());
        assertEquals(PkiGenerator.INTERMEDIATE_SUBJECT, subject(pki.intermediate().certificate()));
        assertEquals(PkiGenerator.ROOT_SUBJECT, pki.intermediate().certificate().getIssuerX500Principal().getName());
        assertEquals(PkiGenerator.SIGNER_SUBJECT, subject(pki.signer().certificate()));
        assertEquals(PkiGenerator.INTERMEDIATE_SUBJECT, pki.signer().certificate().getIssuerX500Principal().getName());
    }

    @Test
    void shouldSignEachCertificateWithItsIssuersKey()
    {
        final ModulePki pki = TestPki.rsa();
        assertDoesNotThrow(() -> pki.root().certificate().verify(pki.root().certificate().getPublicKey()));
        assertDoesNotThrow(() -> pki.intermediate().certificate().verify(pki.root().certificate().getPublicKey()));
        assertDoesNotThrow(() -> pki.signer().certificate().verify(pki.intermediate().certificate().getPublicKey()));
    }

    @Test
    void shouldMakeCasWithPathLengthsAndCertificateSigningUsage()
    {
        final ModulePki pki = TestPki.rsa();
        assertEquals(CertificateProfile.ROOT_CA.pathLength(), pki.root().certificate().getBasicConstraints());
        assertEquals(
            CertificateProfile.INTERMEDIATE_CA.pathLength(), pki.intermediate().certificate().getBasicConstraints());
        for (final CertifiedKey ca : List.of(pki.root(), pki.intermediate()))
        {
            final boolean[] keyUsage = ca.certificate().getKeyUsage();
            assertTrue(keyUsage[KEY_CERT_SIGN] && keyUsage[CRL_SIGN] && !keyUsage[DIGITAL_SIGNATURE]);
            assertTrue(ca.certificate().getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
            assertTrue(ca.certificate().getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        }
    }

    @Test
    void shouldMakeSignerAnEndEntityForCodeSigning() throws Exception
    {
        final X509Certificate signer = TestPki.rsa().signer().certificate();
        assertEquals(CertificateProfile.NOT_A_CA, signer.getBasicConstraints());
        assertTrue(signer.getKeyUsage()[DIGITAL_SIGNATURE]);
        assertEquals(List.of(KeyPurposeId.id_kp_codeSigning.getId()), signer.getExtendedKeyUsage());
    }

    @Test
    void shouldLinkAuthorityKeyIdentifierToIssuersSubjectKeyIdentifier()
    {
        final ModulePki pki = TestPki.rsa();
        assertArrayEquals(
            subjectKeyIdentifier(pki.intermediate().certificate()),
            authorityKeyIdentifier(pki.signer().certificate()));
        assertArrayEquals(
            subjectKeyIdentifier(pki.root().certificate()),
            authorityKeyIdentifier(pki.intermediate().certificate()));
    }

    @Test
    void shouldStartEveryValidityAtTheClockAndNestThem()
    {
        final ModulePki pki = TestPki.rsa();
        for (final CertifiedKey tier : List.of(pki.root(), pki.intermediate(), pki.signer()))
        {
            assertEquals(TestPki.ISSUED_AT, tier.certificate().getNotBefore().toInstant());
        }
        assertEquals(TestPki.ISSUED_AT.atOffset(ZoneOffset.UTC).plus(PkiGenerator.SIGNER_VALIDITY).toInstant(),
            pki.signer().certificate().getNotAfter().toInstant());
        assertTrue(pki.signer().certificate().getNotAfter().before(pki.intermediate().certificate().getNotAfter()));
        assertTrue(pki.intermediate().certificate().getNotAfter().before(pki.root().certificate().getNotAfter()));
    }

    @Test
    void shouldUseEd25519ForEveryTierWhenAsked()
    {
        final ModulePki pki = TestPki.ed25519();
        for (final CertifiedKey tier : List.of(pki.root(), pki.intermediate(), pki.signer()))
        {
            assertEquals(KeyAlgorithm.ED25519, KeyAlgorithm.of(tier.certificate().getPublicKey()).orElseThrow());
            assertEquals("Ed25519", tier.certificate().getSigAlgName());
        }
    }

    @Test
    void shouldSignRsaCertificatesWithSha384()
    {
        assertEquals(PKCSObjectIdentifiers.sha384WithRSAEncryption.getId(),
            TestPki.rsa().signer().certificate().getSigAlgOID());
    }

    private static String subject(final X509Certificate certificate)
    {
        return certificate.getSubjectX500Principal().getName();
    }

    private static byte[] subjectKeyIdentifier(final X509Certificate certificate)
    {
        return SubjectKeyIdentifier.getInstance(DEROctetString.getInstance(
            certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
    }

    private static byte[] authorityKeyIdentifier(final X509Certificate certificate)
    {
        return AuthorityKeyIdentifier.getInstance(DEROctetString.getInstance(
            certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
    }
}
