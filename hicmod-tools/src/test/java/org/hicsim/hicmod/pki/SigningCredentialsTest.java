package org.hicsim.hicmod.pki;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Period;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningCredentialsTest
{
    @TempDir
    Path directory;

    @Test
    void shouldRefuseKeyThatDoesNotBelongToTheCertificate()
    {
        final ModulePki pki = TestPki.rsa();
        final PkiInputException refusal = assertThrows(PkiInputException.class, () -> new SigningCredentials(
            pki.intermediate().privateKey(), List.of(pki.signer().certificate())));
        assertTrue(refusal.getMessage().contains("does not belong"), refusal.getMessage());
    }

    @Test
    void shouldRefuseRsaKeyShorterThanMinimum() throws Exception
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BouncyCastle.PROVIDER);
        generator.initialize(KeyAlgorithm.RSA.keyBits() - 1024, TestPki.RANDOM);
        final KeyPair weakKeys = generator.generateKeyPair();
        final CertifiedKey weak = TestPki.ISSUER.issue(TestPki.rsa().intermediate(), PkiGenerator.SIGNER_SUBJECT,
            weakKeys, CertificateProfile.CODE_SIGNING, Validity.startingAt(TestPki.ISSUED_AT, Period.ofYears(1)));
        final PkiInputException refusal = assertThrows(PkiInputException.class,
            () -> new SigningCredentials(weak.privateKey(), List.of(weak.certificate())));
        assertTrue(refusal.getMessage().contains("at least " + KeyAlgorithm.RSA.keyBits()), refusal.getMessage());
    }

    @Test
    void shouldRefuseKeyOfUnsupportedAlgorithm() throws Exception
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        generator.initialize(new ECGenParameterSpec("secp384r1"), TestPki.RANDOM);
        final KeyPair ecKeys = generator.generateKeyPair();
        assertThrows(PkiInputException.class,
            () -> new SigningCredentials(ecKeys.getPrivate(), List.of(TestPki.rsa().signer().certificate())));
    }

    @Test
    void shouldLoadKeySignerAndIntermediatesFromPemFiles()
    {
        final ModulePki pki = TestPki.ed25519();
        PkiDirectory.write(directory, pki, false);
        final SigningCredentials credentials = SigningCredentials.load(
            directory.resolve(PkiDirectory.SIGNER_KEY),
            directory.resolve(PkiDirectory.SIGNER_CERTIFICATE),
            directory.resolve(PkiDirectory.INTERMEDIATE_CERTIFICATE));
        assertEquals(KeyAlgorithm.ED25519, credentials.algorithm());
        assertEquals(List.of(pki.signer().certificate(), pki.intermediate().certificate()), credentials.chain());
    }

    @Test
    void shouldNameBothFilesWhenKeyAndCertificateDoNotMatch()
    {
        PkiDirectory.write(directory, TestPki.rsa(), false);
        final Path key = directory.resolve(PkiDirectory.INTERMEDIATE_KEY);
        final Path certificate = directory.resolve(PkiDirectory.SIGNER_CERTIFICATE);
        final PkiInputException refusal = assertThrows(PkiInputException.class, () -> SigningCredentials.load(
            key, certificate, directory.resolve(PkiDirectory.INTERMEDIATE_CERTIFICATE)));
        assertTrue(refusal.getMessage().startsWith(key + ", " + certificate + ": "), refusal.getMessage());
    }
}
