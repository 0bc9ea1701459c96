package org.hicsim.hicmod.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hicsim.hicmod.pki.CmsSigner;
import org.hicsim.hicmod.pki.CmsVerifier;
import org.hicsim.hicmod.pki.KeyAlgorithm;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.hicmod.pki.PkiDirectory;
import org.hicsim.hicmod.pki.PkiGenerator;
import org.hicsim.hicmod.pki.SigningCredentials;
import org.hicsim.hicmod.pki.VerifiedSignature;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PkiInitCommandTest
{
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] CONTENT = { 1, 2, 3 };

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldWriteSixFilesThatSignAndVerify()
    {
        assertEquals(0, run(directory.toString()));
        for (final String name : PkiDirectory.FILE_NAMES)
        {
            assertTrue(Files.isRegularFile(directory.resolve(name)), name);
            assertTrue(out.toString().contains(directory.resolve(name).toString()), out.toString());
        }
        assertEquals(KeyAlgorithm.RSA.signatureAlgorithm(), signAndVerify().algorithm());
    }

    @Test
    void shouldGenerateEd25519WhenAsked()
    {
        assertEquals(0, run(directory.toString(), "--algorithm", "ed25519"));
        assertEquals(KeyAlgorithm.ED25519.signatureAlgorithm(), signAndVerify().algorithm());
    }

    @Test
    void shouldLetOnlyTheOwnerReadThePrivateKeys() throws Exception
    {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertEquals(0, run(directory.toString()));
        for (final String key :
            List.of(PkiDirectory.ROOT_KEY, PkiDirectory.INTERMEDIATE_KEY, PkiDirectory.SIGNER_KEY))
        {
            assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(directory.resolve(key)), key);
        }
    }

    @Test
    void shouldRefuseToOverwriteExistingFilesAndKeepThem() throws Exception
    {
        final Path rootKey = directory.resolve(PkiDirectory.ROOT_KEY);
        Files.writeString(rootKey, "precious");
        assertEquals(1, run(directory.toString()));
        assertEquals("precious", Files.readString(rootKey));
        assertTrue(err.toString().contains(rootKey + ": already exists"), err.toString());
        assertTrue(err.toString().contains("--force"), err.toString());
        assertEquals(List.of(rootKey), PkiDirectory.existingFiles(directory));
    }

    @Test
    void shouldReplaceExistingPkiWithForce()
    {
        assertEquals(0, run(directory.toString()));
        final X509Certificate firstRoot = Pem.readCertificate(directory.resolve(PkiDirectory.ROOT_CERTIFICATE));
        assertEquals(0, run(directory.toString(), "--force"));
        assertNotEquals(firstRoot, Pem.readCertificate(directory.resolve(PkiDirectory.ROOT_CERTIFICATE)));
    }

    @Test
    void shouldRefuseUnknownAlgorithmAsUsageError()
    {
        assertEquals(2, run(directory.toString(), "--algorithm", "dsa"));
        assertTrue(err.toString().contains("rsa3072 or ed25519"), err.toString());
    }

    @Test
    void shouldStartValidityAtTheInjectedClock()
    {
        assertEquals(0, run(directory.toString()));
        assertEquals(NOW, Pem.readCertificate(directory.resolve(PkiDirectory.SIGNER_CERTIFICATE))
            .getNotBefore().toInstant());
        assertEquals(PkiGenerator.SIGNER_SUBJECT, Pem.readCertificate(
            directory.resolve(PkiDirectory.SIGNER_CERTIFICATE)).getSubjectX500Principal().getName());
    }

    private int run(final String... arguments)
    {
        final CommandLine commandLine = new CommandLine(new PkiInitCommand(Clock.fixed(NOW, ZoneOffset.UTC)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(arguments);
    }

    private VerifiedSignature signAndVerify()
    {
        final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        final SigningCredentials credentials = SigningCredentials.load(directory.resolve(PkiDirectory.SIGNER_KEY),
            directory.resolve(PkiDirectory.SIGNER_CERTIFICATE),
            directory.resolve(PkiDirectory.INTERMEDIATE_CERTIFICATE));
        final CmsVerifier verifier = new CmsVerifier(
            List.of(Pem.readCertificate(directory.resolve(PkiDirectory.ROOT_CERTIFICATE))));
        return verifier.verify(CONTENT, new CmsSigner(credentials, clock).sign(CONTENT), NOW);
    }
}
