package org.hicsim.hicmod.pki;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * OpenSSL both ways: a PKI made by the openssl command line works for signing and verifying here, a signature
 * made here verifies with {@code openssl cms -verify}, and one made by {@code openssl cms -sign} verifies here.
 * OpenSSL checks certificates at the wall-clock time, so these tests issue and sign at an instant read once from
 * the system clock and then fixed. Only RSA: OpenSSL 3.0 cannot verify Ed25519 CMS.
 */
class OpenSslInteropTest
{
    private static final String CONFIG = "openssl-pki.cnf";
    private static final String ROOT_SUBJECT = "CN=OpenSSL Root CA,O=Interop";
    private static final String INTERMEDIATE_SUBJECT = "CN=OpenSSL Intermediate CA,O=Interop";
    private static final String SIGNER_SUBJECT = "CN=OpenSSL Module Signer,O=Interop";

    @TempDir
    static Path openSslPki;

    @TempDir
    Path directory;

    @BeforeAll
    static void makePkiWithOpenSsl() throws Exception
    {
        assumeTrue(OpenSsl.isAvailable(), "openssl is not on PATH");
        try (InputStream config = OpenSslInteropTest.class.getResourceAsStream(CONFIG))
        {
            Files.write(openSslPki.resolve(CONFIG), config.readAllBytes());
        }
        for (final String name : List.of("root", "intermediate", "signer"))
        {
            OpenSsl.require(openSslPki,
                "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072", "-out", name + ".key");
        }
        OpenSsl.require(openSslPki, "req", "-x509", "-new", "-config", CONFIG, "-key", "root.key",
            "-subj", "/O=Interop/CN=OpenSSL Root CA", "-days", "3650", "-sha384", "-extensions", "root_ca",
            "-out", "root.pem");
        issue("intermediate", "/O=Interop/CN=OpenSSL Intermediate CA", "root", "intermediate_ca");
        issue("signer", "/O=Interop/CN=OpenSSL Module Signer", "intermediate", "code_signing");
    }

    @Test
    void shouldReadKeysAndCertificatesMadeByOpenSsl()
    {
        assertEquals(ROOT_SUBJECT,
            CertificateChainValidator.subject(Pem.readCertificate(openSslPki.resolve("root.pem"))));
        final SigningCredentials credentials = openSslCredentials();
        assertEquals(KeyAlgorithm.RSA, credentials.algorithm());
        assertEquals(KeyAlgorithm.RSA.keyBits(),
            ((RSAKey)credentials.certificate().getPublicKey()).getModulus().bitLength());
    }

    @Test
    void shouldSignAndVerifyWithPkiMadeByOpenSsl()
    {
        final Instant now = now();
        final byte[] signature = new CmsSigner(openSslCredentials(), fixed(now)).sign(TestPki.CONTENT);
        final VerifiedSignature verified = new CmsVerifier(
            List.of(Pem.readCertificate(openSslPki.resolve("root.pem"))))
            .verify(TestPki.CONTENT, signature, now);
        assertEquals(List.of(SIGNER_SUBJECT, INTERMEDIATE_SUBJECT, ROOT_SUBJECT), verified.chainSubjects());
    }

    @Test
    void shouldReadTraditionalRsaAndPkcs8Ed25519KeysFromOpenSsl() throws Exception
    {
        OpenSsl.require(openSslPki, "pkey", "-in", "signer.key", "-traditional", "-out", "signer-traditional.key");
        assertEquals(Pem.readPrivateKey(openSslPki.resolve("signer.key")),
            Pem.readPrivateKey(openSslPki.resolve("signer-traditional.key")));
        OpenSsl.require(openSslPki, "genpkey", "-algorithm", "ed25519", "-out", "ed25519.key");
        assertEquals(KeyAlgorithm.ED25519,
            KeyAlgorithm.of(Pem.readPrivateKey(openSslPki.resolve("ed25519.key"))).orElseThrow());
    }

    @Test
    void openSslShouldVerifyOurSignature() throws Exception
    {
        final Path root = writeOurSignature(TestPki.CONTENT);
        assertEquals(0, openSslVerify(root).exitCode());
    }

    @Test
    void openSslShouldRefuseOurSignatureOverTamperedContent() throws Exception
    {
        final Path root = writeOurSignature(TestPki.CONTENT);
        final byte[] tampered = TestPki.CONTENT.clone();
        tampered[tampered.length - 1] ^= 1;
        Files.write(directory.resolve("content.bin"), tampered);
        assertNotEquals(0, openSslVerify(root).exitCode());
    }

    @Test
    void shouldVerifySignatureMadeByOpenSsl() throws Exception
    {
        verifyOpenSslSignature();
    }

    @Test
    void shouldVerifySignatureMadeByOpenSslNamingSignerByKeyIdentifier() throws Exception
    {
        verifyOpenSslSignature("-keyid");
    }

    private void verifyOpenSslSignature(final String... extraArguments) throws Exception
    {
        Files.write(directory.resolve("content.bin"), TestPki.CONTENT);
        final List<String> arguments = new ArrayList<>(List.of("cms", "-sign", "-binary",
            "-in", "content.bin", "-outform", "DER", "-out", "openssl.sig", "-md", "sha384",
            "-signer", openSslPki.resolve("signer.pem").toString(),
            "-inkey", openSslPki.resolve("signer.key").toString(),
            "-certfile", openSslPki.resolve("intermediate.pem").toString()));
        arguments.addAll(List.of(extraArguments));
        OpenSsl.require(directory, arguments.toArray(new String[0]));
        final VerifiedSignature verified = new CmsVerifier(
            List.of(Pem.readCertificate(openSslPki.resolve("root.pem"))))
            .verify(TestPki.CONTENT, Files.readAllBytes(directory.resolve("openssl.sig")),
                now().plus(Duration.ofMinutes(1)));
        assertEquals(List.of(SIGNER_SUBJECT, INTERMEDIATE_SUBJECT, ROOT_SUBJECT), verified.chainSubjects());
    }

    /**
     * Writes content.bin, a fresh PKI's root.pem and our signature.der into {@link #directory}.
     */
    private Path writeOurSignature(final byte[] content) throws Exception
    {
        final Clock clock = fixed(now());
        final ModulePki pki = new PkiGenerator(clock, new SecureRandom()).generate(KeyAlgorithm.RSA);
        final Path root = directory.resolve("root.pem");
        Pem.writeCertificates(root, List.of(pki.root().certificate()), false);
        Files.write(directory.resolve("content.bin"), content);
        Files.write(directory.resolve("signature.der"), new CmsSigner(pki.signingCredentials(), clock).sign(content));
        return root;
    }

    private OpenSsl.Result openSslVerify(final Path root) throws Exception
    {
        return OpenSsl.run(directory, "cms", "-verify", "-binary", "-inform", "DER", "-in", "signature.der",
            "-content", "content.bin", "-CAfile", root.toString(), "-purpose", "any");
    }

    private static SigningCredentials openSslCredentials()
    {
        return SigningCredentials.load(openSslPki.resolve("signer.key"), openSslPki.resolve("signer.pem"),
            openSslPki.resolve("intermediate.pem"));
    }

    private static void issue(final String name, final String subject, final String issuer, final String extensions)
        throws Exception
    {
        OpenSsl.require(openSslPki, "req", "-new", "-config", CONFIG, "-key", name + ".key", "-subj", subject,
            "-out", name + ".csr");
        OpenSsl.require(openSslPki, "x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem",
            "-CAkey", issuer + ".key", "-CAcreateserial", "-days", "1825", "-sha384",
            "-extfile", CONFIG, "-extensions", extensions, "-out", name + ".pem");
    }

    /**
     * The wall-clock instant, in whole seconds so that it is never before a certificate OpenSSL just issued.
     */
    private static Instant now()
    {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Clock fixed(final Instant instant)
    {
        return TestPki.fixedAt(instant);
    }
}
