package org.hicsim.hicmod.pki;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import org.hicsim.hicmod.pki.VerificationException.Reason;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CmsVerifierTest
{
    private static final String OTHER_SUBJECT = "CN=Somebody Else,O=Elsewhere";

    @Test
    void shouldReportSignerChainSigningTimeAndAlgorithmOfValidRsaSignature()
    {
        final ModulePki pki = TestPki.rsa();
        final VerifiedSignature verified =
            TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, TestPki.sign(pki.signingCredentials()), TestPki.VERIFIED_AT);
        assertEquals(PkiGenerator.SIGNER_SUBJECT, verified.signerSubject());
        assertEquals(List.of(PkiGenerator.SIGNER_SUBJECT, PkiGenerator.INTERMEDIATE_SUBJECT,
            PkiGenerator.ROOT_SUBJECT), verified.chainSubjects());
        assertEquals(TestPki.SIGNED_AT, verified.signingTime());
        assertEquals(KeyAlgorithm.RSA.signatureAlgorithm(), verified.algorithm());
    }

    @Test
    void shouldVerifyEd25519Signature()
    {
        final ModulePki pki = TestPki.ed25519();
        final VerifiedSignature verified =
            TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, TestPki.sign(pki.signingCredentials()), TestPki.VERIFIED_AT);
        assertEquals(KeyAlgorithm.ED25519.signatureAlgorithm(), verified.algorithm());
        assertEquals(PkiGenerator.SIGNER_SUBJECT, verified.signerSubject());
    }

    @Test
    void shouldAcceptAnyOfSeveralTrustRoots()
    {
        final ModulePki pki = TestPki.rsa();
        final CmsVerifier verifier = new CmsVerifier(
            List.of(TestPki.ed25519().root().certificate(), pki.root().certificate()));
        assertEquals(PkiGenerator.ROOT_SUBJECT, verifier.verify(
            TestPki.CONTENT, TestPki.sign(pki.signingCredentials()), TestPki.SIGNED_AT).chainSubjects().get(2));
    }

    @Test
    void shouldRefuseRootOfSameNameButOtherKey()
    {
        final CertifiedKey otherRoot = TestPki.ISSUER.selfSign(PkiGenerator.ROOT_SUBJECT, TestPki.spareRsaKeys(),
            CertificateProfile.ROOT_CA, Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        assertRefused(Reason.UNTRUSTED_ROOT, () -> TestPki.verifierTrusting(otherRoot)
            .verify(TestPki.CONTENT, TestPki.sign(TestPki.rsa().signingCredentials()), TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseChainEndingAtRootThatIsNotTrusted()
    {
        assertRefused(Reason.UNTRUSTED_ROOT, () -> TestPki.verifierTrusting(TestPki.ed25519().root())
            .verify(TestPki.CONTENT, TestPki.sign(TestPki.rsa().signingCredentials()), TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseSignerCertificateExpiredAtSigningTime()
    {
        final ModulePki pki = TestPki.rsa();
        final Instant afterExpiry = pki.signer().certificate().getNotAfter().toInstant().plus(Duration.ofDays(1));
        final byte[] signature =
            new CmsSigner(pki.signingCredentials(), TestPki.fixedAt(afterExpiry)).sign(TestPki.CONTENT);
        assertRefused(Reason.CERTIFICATE_EXPIRED, () -> new CmsVerifier(
            List.of(pki.root().certificate())).verify(TestPki.CONTENT, signature, afterExpiry));
    }

    @Test
    void shouldRefuseSignatureMadeBeforeCertificatesWereValid()
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] signature = new CmsSigner(
            pki.signingCredentials(), TestPki.fixedAt(TestPki.ISSUED_AT.minus(Duration.ofDays(1))))
            .sign(TestPki.CONTENT);
        assertRefused(Reason.CERTIFICATE_NOT_YET_VALID,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, signature, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseSigningTimeAheadOfVerifiersClock()
    {
        final ModulePki pki = TestPki.rsa();
        final CmsVerifier verifier = new CmsVerifier(List.of(pki.root().certificate()));
        assertRefused(Reason.SIGNING_TIME_IN_FUTURE, () -> verifier.verify(TestPki.CONTENT,
            TestPki.sign(pki.signingCredentials()), TestPki.SIGNED_AT.minus(CmsVerifier.CLOCK_SKEW_MAX).minusSeconds(1)));
    }

    @Test
    void shouldRefuseSignerWithoutCodeSigningExtendedKeyUsage()
    {
        final CertificateProfile noExtendedUsage = new CertificateProfile(
            false, CertificateProfile.NOT_A_CA, KeyUsage.digitalSignature, List.of());
        assertRefused(Reason.SIGNER_NOT_CODE_SIGNING, () -> verifyWithSpareSigner(noExtendedUsage));
    }

    @Test
    void shouldRefuseSignerForAnotherExtendedKeyUsage()
    {
        final CertificateProfile serverAuth = new CertificateProfile(
            false, CertificateProfile.NOT_A_CA, KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_serverAuth));
        assertRefused(Reason.SIGNER_NOT_CODE_SIGNING, () -> verifyWithSpareSigner(serverAuth));
    }

    @Test
    void shouldRefuseSignerWithoutDigitalSignatureKeyUsage()
    {
        final CertificateProfile keyEncipherment = new CertificateProfile(false, CertificateProfile.NOT_A_CA,
            KeyUsage.keyEncipherment, List.of(KeyPurposeId.id_kp_codeSigning));
        assertRefused(Reason.SIGNER_KEY_USAGE, () -> verifyWithSpareSigner(keyEncipherment));
    }

    @Test
    void shouldRefuseChainWithIntermediateMissing()
    {
        final ModulePki pki = TestPki.rsa();
        final SigningCredentials signerOnly =
            new SigningCredentials(pki.signer().privateKey(), List.of(pki.signer().certificate()));
        assertRefused(Reason.CHAIN_INCOMPLETE,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, TestPki.sign(signerOnly), TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseSelfSignedSigner()
    {
        final CertifiedKey selfSigned = TestPki.ISSUER.selfSign(PkiGenerator.SIGNER_SUBJECT, TestPki.spareRsaKeys(),
            CertificateProfile.CODE_SIGNING, Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        final SigningCredentials credentials =
            new SigningCredentials(selfSigned.privateKey(), List.of(selfSigned.certificate()));
        assertRefused(Reason.SELF_SIGNED_SIGNER, () -> TestPki.verifierTrusting(TestPki.rsa().root())
            .verify(TestPki.CONTENT, TestPki.sign(credentials), TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseIntermediateThatIsNotCa()
    {
        final ModulePki pki = TestPki.rsa();
        final CertifiedKey notCa = TestPki.ISSUER.issue(pki.root(), OTHER_SUBJECT, TestPki.spareRsaKeys(),
            CertificateProfile.CODE_SIGNING, Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        final CertifiedKey signer = TestPki.ISSUER.issue(notCa, PkiGenerator.SIGNER_SUBJECT,
            TestPki.spareRsaKeys(), CertificateProfile.CODE_SIGNING,
            Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        final SigningCredentials credentials =
            new SigningCredentials(signer.privateKey(), List.of(signer.certificate(), notCa.certificate()));
        assertRefused(Reason.CHAIN_INVALID,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, TestPki.sign(credentials), TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseTamperedContent()
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] tampered = TestPki.CONTENT.clone();
        tampered[0] ^= 1;
        assertRefused(Reason.CONTENT_DIGEST_MISMATCH, () -> TestPki.verifierTrusting(pki.root())
            .verify(tampered, TestPki.sign(pki.signingCredentials()), TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseTamperedSignatureValue() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] signature = TestPki.sign(pki.signingCredentials());
        final byte[] tampered = RawCms.flipLastByteOf(signature, RawCms.signatureValue(signature));
        assertRefused(Reason.BAD_SIGNATURE,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, tampered, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseTamperedEd25519SignatureValue() throws Exception
    {
        final ModulePki pki = TestPki.ed25519();
        final byte[] signature = TestPki.sign(pki.signingCredentials());
        final byte[] tampered = RawCms.flipLastByteOf(signature, RawCms.signatureValue(signature));
        assertRefused(Reason.BAD_SIGNATURE,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, tampered, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseTamperedEmbeddedIntermediateCertificate() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] tampered = RawCms.flipLastByteOf(
            TestPki.sign(pki.signingCredentials()), pki.intermediate().certificate().getEncoded());
        assertRefused(Reason.CERTIFICATE_SIGNATURE_INVALID,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, tampered, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseTamperedEmbeddedSignerCertificate() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] tampered = RawCms.flipLastByteOf(
            TestPki.sign(pki.signingCredentials()), pki.signer().certificate().getEncoded());
        assertRefused(Reason.CERTIFICATE_SIGNATURE_INVALID,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, tampered, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseBytesThatAreNotCms()
    {
        final CmsVerifier verifier = TestPki.verifierTrusting(TestPki.rsa().root());
        for (final byte[] garbage : List.of(new byte[0], new byte[] { 0x30 }, new byte[] { 0x30, (byte)0x84, 0x7f,
            (byte)0xff, (byte)0xff, (byte)0xff }, "not a signature".getBytes(StandardCharsets.US_ASCII)))
        {
            assertRefused(Reason.MALFORMED_SIGNATURE, () -> verifier.verify(TestPki.CONTENT, garbage, TestPki.VERIFIED_AT));
        }
    }

    @Test
    void shouldRefuseTruncatedSignature()
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] signature = TestPki.sign(pki.signingCredentials());
        final byte[] truncated = Arrays.copyOf(signature, signature.length / 2);
        assertRefused(Reason.MALFORMED_SIGNATURE,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, truncated, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseSignatureThatCarriesItsContent() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] attached = RawCms.sign(pki.signer().privateKey(), pki.signer().certificate(),
            pki.signingCredentials().chain(), KeyAlgorithm.RSA.signatureAlgorithm(), true, true);
        assertRefused(Reason.MALFORMED_SIGNATURE,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, attached, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseSignatureCarryingNoSignerCertificate() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] bare = RawCms.sign(pki.signer().privateKey(), pki.signer().certificate(),
            List.of(pki.intermediate().certificate()), KeyAlgorithm.RSA.signatureAlgorithm(), true, false);
        assertRefused(Reason.SIGNER_CERTIFICATE_MISSING,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, bare, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseSignatureWithoutSignedSigningTime() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] direct = RawCms.sign(pki.signer().privateKey(), pki.signer().certificate(),
            pki.signingCredentials().chain(), KeyAlgorithm.RSA.signatureAlgorithm(), false, false);
        assertRefused(Reason.MISSING_SIGNING_TIME,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, direct, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseRsaWithOtherDigestThanSha384() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] sha256 = RawCms.sign(pki.signer().privateKey(), pki.signer().certificate(),
            pki.signingCredentials().chain(), "SHA256withRSA", true, false);
        assertRefused(Reason.UNSUPPORTED_ALGORITHM,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, sha256, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseSignatureAlgorithmParametersOtherThanNullWhereNoSignedAttributeCoversThem() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final CmsVerifier verifier = TestPki.verifierTrusting(pki.root());
        final byte[] signature = RawCms.signWithoutAlgorithmProtection(pki.signer().privateKey(),
            pki.signer().certificate(), pki.signingCredentials().chain(), KeyAlgorithm.RSA.signatureAlgorithm());
        verifier.verify(TestPki.CONTENT, signature, TestPki.VERIFIED_AT);
        final byte[] algorithm = RawCms.signatureAlgorithmIdentifier(signature);
        final int nullTag = RawCms.lastIndexOf(signature, algorithm) + algorithm.length - 2;
        assertEquals(0x05, signature[nullTag], "the identifier ends with NULL parameters");
        // NULL becomes an empty OCTET STRING, or an empty [5]: the one changed byte is outside the signed attributes.
        for (final int tag : new int[] { 0x04, 0x85 })
        {
            final byte[] tampered = signature.clone();
            tampered[nullTag] = (byte)tag;
            assertRefused(Reason.UNSUPPORTED_ALGORITHM, () -> verifier.verify(TestPki.CONTENT, tampered, TestPki.VERIFIED_AT));
        }
    }

    @Test
    void shouldRefuseRsaKeyShorterThanMinimum() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BouncyCastle.PROVIDER);
        generator.initialize(KeyAlgorithm.RSA.keyBits() - 1024, TestPki.RANDOM);
        final KeyPair weakKeys = generator.generateKeyPair();
        final CertifiedKey weak = TestPki.ISSUER.issue(pki.intermediate(), PkiGenerator.SIGNER_SUBJECT, weakKeys,
            CertificateProfile.CODE_SIGNING, Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        final byte[] signature = RawCms.sign(weak.privateKey(), weak.certificate(),
            List.of(weak.certificate(), pki.intermediate().certificate()), KeyAlgorithm.RSA.signatureAlgorithm(),
            true, false);
        assertRefused(Reason.WEAK_KEY,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, signature, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseChainWhoseIntermediateRsaKeyIsShorterThanTheSignersMinimum() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BouncyCastle.PROVIDER);
        generator.initialize(2048, TestPki.RANDOM);
        final CertifiedKey weakIntermediate = TestPki.ISSUER.issue(pki.root(), PkiGenerator.INTERMEDIATE_SUBJECT,
            generator.generateKeyPair(), CertificateProfile.INTERMEDIATE_CA,
            Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(2)));
        final CertifiedKey signer = TestPki.ISSUER.issue(weakIntermediate, PkiGenerator.SIGNER_SUBJECT,
            TestPki.spareRsaKeys(), CertificateProfile.CODE_SIGNING,
            Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        final byte[] signature = TestPki.sign(new SigningCredentials(
            signer.privateKey(), List.of(signer.certificate(), weakIntermediate.certificate())));

        final VerificationException refusal = assertThrows(VerificationException.class,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, signature, TestPki.VERIFIED_AT));

        assertEquals(Reason.WEAK_KEY, refusal.reason());
        assertTrue(refusal.getMessage().contains(PkiGenerator.INTERMEDIATE_SUBJECT + ": RSA key of 2048 bits"),
            refusal.getMessage());
    }

    @Test
    void shouldRefuseRememberedChainOnceVerificationTimePassesACertificatesNotAfter()
    {
        final ModulePki pki = TestPki.rsa();
        final CmsVerifier verifier = TestPki.verifierTrusting(pki.root());
        final byte[] signature = TestPki.sign(pki.signingCredentials());
        final Instant signerNotAfter = pki.signer().certificate().getNotAfter().toInstant();
        verifier.verify(TestPki.CONTENT, signature, TestPki.VERIFIED_AT);
        assertEquals(PkiGenerator.SIGNER_SUBJECT,
            verifier.verify(TestPki.CONTENT, signature, signerNotAfter).signerSubject());
        final VerificationException refusal = assertThrows(VerificationException.class,
            () -> verifier.verify(TestPki.CONTENT, signature, signerNotAfter.plusSeconds(1)));
        assertEquals(Reason.CERTIFICATE_EXPIRED, refusal.reason());
        assertTrue(refusal.getMessage().contains("the verification time"), refusal.getMessage());
    }

    @Test
    void shouldRefuseIntermediateExpiredAtVerificationTimeAfterItsChainWasRemembered()
    {
        final ModulePki pki = TestPki.rsa();
        final CertifiedKey shortIntermediate = TestPki.ISSUER.issue(pki.root(), PkiGenerator.INTERMEDIATE_SUBJECT,
            TestPki.spareRsaKeys(), CertificateProfile.INTERMEDIATE_CA,
            Validity.startingAt(TestPki.ISSUED_AT, Period.ofMonths(2)));
        final CertifiedKey signer = TestPki.ISSUER.issue(shortIntermediate, PkiGenerator.SIGNER_SUBJECT,
            TestPki.spareRsaKeys(), CertificateProfile.CODE_SIGNING,
            Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        final byte[] signature = TestPki.sign(new SigningCredentials(
            signer.privateKey(), List.of(signer.certificate(), shortIntermediate.certificate())));
        final CmsVerifier verifier = TestPki.verifierTrusting(pki.root());
        verifier.verify(TestPki.CONTENT, signature, TestPki.VERIFIED_AT);
        assertRefused(Reason.CERTIFICATE_EXPIRED, () -> verifier.verify(TestPki.CONTENT, signature,
            shortIntermediate.certificate().getNotAfter().toInstant().plusSeconds(1)));
    }

    @Test
    void shouldRefuseOtherIntermediateOfSameNameAfterTheRealOneWasRemembered()
    {
        final ModulePki pki = TestPki.rsa();
        final CmsVerifier verifier = TestPki.verifierTrusting(pki.root());
        verifier.verify(TestPki.CONTENT, TestPki.sign(pki.signingCredentials()), TestPki.VERIFIED_AT);
        final CertifiedKey impostorRoot = TestPki.ISSUER.selfSign(PkiGenerator.ROOT_SUBJECT,
            TestPki.spareRsaKeys(), CertificateProfile.ROOT_CA, Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        final CertifiedKey impostor = TestPki.ISSUER.issue(impostorRoot, PkiGenerator.INTERMEDIATE_SUBJECT,
            TestPki.spareRsaKeys(), CertificateProfile.INTERMEDIATE_CA,
            Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        final byte[] signature = TestPki.sign(new SigningCredentials(pki.signer().privateKey(),
            List.of(pki.signer().certificate(), impostor.certificate())));
        assertRefused(Reason.CERTIFICATE_SIGNATURE_INVALID,
            () -> verifier.verify(TestPki.CONTENT, signature, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldGiveTheSameResultWhenTheChainIsRemembered()
    {
        final ModulePki pki = TestPki.ed25519();
        final CmsVerifier verifier = TestPki.verifierTrusting(pki.root());
        final byte[] signature = TestPki.sign(pki.signingCredentials());
        assertEquals(verifier.verify(TestPki.CONTENT, signature, TestPki.VERIFIED_AT),
            verifier.verify(TestPki.CONTENT, signature, TestPki.VERIFIED_AT));
        assertRefused(Reason.CONTENT_DIGEST_MISMATCH, () -> verifier.verify(
            "other content".getBytes(StandardCharsets.UTF_8), signature, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldOpenMessageWithReason()
    {
        final VerificationException refusal = new VerificationException(Reason.BAD_SIGNATURE, "detail");
        assertEquals("bundle.hicmod: " + Reason.BAD_SIGNATURE.description() + ": detail",
            refusal.in("bundle.hicmod").getMessage());
        assertEquals(Reason.BAD_SIGNATURE, refusal.in("bundle.hicmod").reason());
    }

    private static void verifyWithSpareSigner(final CertificateProfile profile)
    {
        final ModulePki pki = TestPki.rsa();
        final CertifiedKey signer = TestPki.ISSUER.issue(pki.intermediate(), PkiGenerator.SIGNER_SUBJECT,
            TestPki.spareRsaKeys(), profile, Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        final SigningCredentials credentials = new SigningCredentials(
            signer.privateKey(), List.of(signer.certificate(), pki.intermediate().certificate()));
        TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, TestPki.sign(credentials), TestPki.VERIFIED_AT);
    }

    private static void assertRefused(final Reason reason, final Executable verification)
    {
        final VerificationException refusal = assertThrows(VerificationException.class, verification);
        assertEquals(reason, refusal.reason(), refusal.getMessage());
        assertTrue(refusal.getMessage().startsWith(reason.description() + ": "), refusal.getMessage());
    }
}
