package org.hicsim.hicmod.pki;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumSet;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PemTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReadBackTheCertificatesItWrote() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final Path file = directory.resolve("chain.pem");
        Pem.writeCertificates(file, List.of(pki.signer().certificate(), pki.intermediate().certificate()), false);
        final var read = Pem.readCertificates(file);
        assertEquals(2, read.size());
        assertArrayEquals(pki.signer().certificate().getEncoded(), read.get(0).getEncoded());
        assertArrayEquals(pki.intermediate().certificate().getEncoded(), read.get(1).getEncoded());
    }

    @Test
    void shouldReadBackRsaAndEd25519PrivateKeys()
    {
        for (final ModulePki pki : List.of(TestPki.rsa(), TestPki.ed25519()))
        {
            final Path file = directory.resolve(pki.signer().privateKey().getAlgorithm() + ".key");
            Pem.writePrivateKey(file, pki.signer().privateKey(), false);
            assertArrayEquals(pki.signer().privateKey().getEncoded(), Pem.readPrivateKey(file).getEncoded());
        }
    }

    @Test
    void shouldWritePrivateKeyAsUnencryptedPkcs8() throws Exception
    {
        final Path file = directory.resolve("signer.key");
        Pem.writePrivateKey(file, TestPki.rsa().signer().privateKey(), false);
        assertTrue(Files.readString(file, StandardCharsets.US_ASCII).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }

    @Test
    void shouldLetOnlyTheOwnerReadAPrivateKey() throws Exception
    {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
        final Path file = directory.resolve("signer.key");
        Pem.writePrivateKey(file, TestPki.rsa().signer().privateKey(), false);
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
            Files.getPosixFilePermissions(file));
    }

    @Test
    void shouldKeepOwnerOnlyPermissionsWhenReplacingAWorldReadableFile() throws Exception
    {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
        final Path file = directory.resolve("signer.key");
        Files.writeString(file, "old");
        Pem.writePrivateKey(file, TestPki.rsa().signer().privateKey(), true);
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
            Files.getPosixFilePermissions(file));
    }

    @Test
    void shouldRefuseToOverwriteUnlessAskedTo() throws Exception
    {
        final Path file = directory.resolve("root-ca.pem");
        Files.writeString(file, "keep me");
        final PkiInputException refusal = assertThrows(PkiInputException.class,
            () -> Pem.writeCertificates(file, List.of(TestPki.rsa().root().certificate()), false));
        assertTrue(refusal.getMessage().startsWith(file + ": "), refusal.getMessage());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void shouldReadTraditionalRsaPrivateKey() throws Exception
    {
        final PrivateKey key = TestPki.rsa().signer().privateKey();
        final Path file = directory.resolve("traditional.key");
        Files.writeString(file, pem(key));
        assertTrue(Files.readString(file).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertArrayEquals(key.getEncoded(), Pem.readPrivateKey(file).getEncoded());
    }

    @Test
    void shouldReadTraditionalEcPrivateKey() throws Exception
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        generator.initialize(new ECGenParameterSpec("secp256r1"), TestPki.RANDOM);
        final KeyPair keys = generator.generateKeyPair();
        final Path file = directory.resolve("ec.key");
        Files.writeString(file, pem(keys.getPrivate()));
        assertTrue(Files.readString(file).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        assertTrue(Pem.readPrivateKey(file) instanceof ECPrivateKey);
    }

    @Test
    void shouldRefuseEncryptedPrivateKey() throws Exception
    {
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text))
        {
            writer.writeObject(new JcaPKCS8Generator(TestPki.rsa().signer().privateKey(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.des_EDE3_CBC)
                    .setProvider(BouncyCastle.PROVIDER).setPassword("secret".toCharArray()).build()));
        }
        final Path file = directory.resolve("encrypted.key");
        Files.writeString(file, text.toString());
        final PkiInputException refusal = assertThrows(PkiInputException.class, () -> Pem.readPrivateKey(file));
        assertTrue(refusal.getMessage().contains("encrypted"), refusal.getMessage());
    }

    @Test
    void shouldRefuseFileThatIsNotPemNamingIt() throws Exception
    {
        final Path file = directory.resolve("garbage.pem");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
        final PkiInputException refusal = assertThrows(PkiInputException.class, () -> Pem.readCertificate(file));
        assertTrue(refusal.getMessage().startsWith(file + ": "), refusal.getMessage());
    }

    @Test
    void shouldRefuseFileWithoutAnyPemBlock() throws Exception
    {
        final Path file = directory.resolve("empty.pem");
        Files.writeString(file, "no pem here\n");
        assertThrows(PkiInputException.class, () -> Pem.readCertificates(file));
        assertThrows(PkiInputException.class, () -> Pem.readPrivateKey(file));
    }

    @Test
    void shouldRefuseKeyWhereCertificateIsExpected()
    {
        final Path file = directory.resolve("signer.key");
        Pem.writePrivateKey(file, TestPki.rsa().signer().privateKey(), false);
        final PkiInputException refusal = assertThrows(PkiInputException.class, () -> Pem.readCertificate(file));
        assertTrue(refusal.getMessage().contains("a private key where a certificate was expected"));
    }

    @Test
    void shouldRefuseCertificateWhereKeyIsExpected()
    {
        final Path file = directory.resolve("root.pem");
        Pem.writeCertificates(file, List.of(TestPki.rsa().root().certificate()), false);
        final PkiInputException refusal = assertThrows(PkiInputException.class, () -> Pem.readPrivateKey(file));
        assertTrue(refusal.getMessage().contains("a certificate where a private key was expected"));
    }

    @Test
    void shouldRefuseTwoCertificatesWhereOneIsExpected()
    {
        final Path file = directory.resolve("two.pem");
        Pem.writeCertificates(file,
            List.of(TestPki.rsa().root().certificate(), TestPki.rsa().intermediate().certificate()), false);
        assertThrows(PkiInputException.class, () -> Pem.readCertificate(file));
    }

    @Test
    void shouldRefuseMissingFileNamingIt()
    {
        final Path file = directory.resolve("absent.pem");
        final PkiInputException refusal = assertThrows(PkiInputException.class, () -> Pem.readCertificate(file));
        assertEquals(file + ": cannot read: no such file or directory", refusal.getMessage());
    }

    @Test
    void shouldRefuseDirectoryNamingItWithoutAJavaExceptionName()
    {
        final PkiInputException refusal =
            assertThrows(PkiInputException.class, () -> Pem.readCertificates(directory));
        assertEquals(directory + ": cannot read: Is a directory", refusal.getMessage());
    }

    @Test
    void shouldRefuseOversizedFileWithoutReadingIt() throws Exception
    {
        final Path file = directory.resolve("huge.pem");
        Files.write(file, new byte[(int)Pem.FILE_BYTES_MAX + 1]);
        final PkiInputException refusal = assertThrows(PkiInputException.class, () -> Pem.readCertificate(file));
        assertTrue(refusal.getMessage().contains("too large"), refusal.getMessage());
    }

    private static String pem(final Object object) throws Exception
    {
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text))
        {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
