package org.hicsim.hicmod.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.pki.CmsSigner;
import org.hicsim.hicmod.pki.PkiGenerator;
import org.hicsim.hicmod.pki.TestPki;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.hicmod.pki.VerificationException.Reason;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepositoryVerifierTest
{
    @TempDir
    Path directory;

    private RepositoryFixture fixture;
    private ModuleRepository repository;

    @BeforeEach
    void createRepositoryWithOneBundle() throws Exception
    {
        fixture = new RepositoryFixture(directory);
        repository = fixture.initialised();
        repository.add(fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT), fixture.trustRoots(), false);
    }

    @Test
    void shouldVerifyIndexAndEveryBundleAndRememberTheIndex()
    {
        final RepositoryVerifier.VerifiedRepository verified = verify(RepositoryFixture.NOW);
        assertEquals(2, verified.index().version());
        assertEquals(PkiGenerator.SIGNER_SUBJECT, verified.indexSignature().signerSubject());
        assertEquals(RepositoryFixture.SIGNED_AT, verified.bundles().get(0).signature().signingTime());
        assertEquals(2, TrustedIndexState.fromBytes("state", HicmodFiles.read(fixture.trustedState(),
            TrustedIndexState.LENGTH_MAX)).indexVersion());
    }

    @Test
    void shouldRefuseStaleIndex()
    {
        final Instant expiry = RepositoryFixture.NOW.plus(ModuleRepository.DEFAULT_INDEX_VALIDITY);
        assertRefused(Reason.INDEX_EXPIRED, () -> verify(expiry));
    }

    @Test
    void shouldRefuseRolledBackIndex() throws Exception
    {
        final Path saved = Files.createDirectories(directory.resolve("saved"));
        copyIndex(fixture.repository, saved);
        repository.add(fixture.netstack("1.4.0", RepositoryFixture.SIGNED_AT), fixture.trustRoots(), false);
        verify(RepositoryFixture.NOW);
        copyIndex(saved, fixture.repository);
        assertRefused(Reason.INDEX_ROLLBACK, () -> verify(RepositoryFixture.NOW));
    }

    @Test
    void shouldAcceptTheOlderIndexForAClientThatNeverSawTheNewer() throws Exception
    {
        final Path saved = Files.createDirectories(directory.resolve("saved"));
        copyIndex(fixture.repository, saved);
        repository.add(fixture.netstack("1.4.0", RepositoryFixture.SIGNED_AT), fixture.trustRoots(), false);
        copyIndex(saved, fixture.repository);
        assertEquals(2, verify(RepositoryFixture.NOW).index().version());
    }

    @Test
    void shouldRefuseIndexVersionReissuedWithOtherContents() throws Exception
    {
        verify(RepositoryFixture.NOW);
        final RepositoryIndex reissued = new RepositoryIndex(2, RepositoryFixture.NOW.plus(Duration.ofDays(1)),
            List.of());
        final byte[] bytes = reissued.toBytes();
        Files.write(fixture.repository.resolve(ModuleRepository.INDEX_SIGNATURE_FILE),
            new CmsSigner(fixture.modulePki.signingCredentials(), TestPki.fixedAt(RepositoryFixture.NOW)).sign(bytes));
        Files.write(fixture.repository.resolve(ModuleRepository.INDEX_FILE), bytes);
        assertRefused(Reason.INDEX_ROLLBACK, () -> verify(RepositoryFixture.NOW));
    }

    @Test
    void shouldRefuseChangedIndex() throws Exception
    {
        final Path index = fixture.repository.resolve(ModuleRepository.INDEX_FILE);
        Files.writeString(index, Files.readString(index).replace("\"version\":2", "\"version\":9"));
        assertRefused(Reason.CONTENT_DIGEST_MISMATCH, () -> verify(RepositoryFixture.NOW));
    }

    @Test
    void shouldRefuseIndexSignedByAnotherPki() throws Exception
    {
        final byte[] bytes = Files.readAllBytes(fixture.repository.resolve(ModuleRepository.INDEX_FILE));
        Files.write(fixture.repository.resolve(ModuleRepository.INDEX_SIGNATURE_FILE),
            new CmsSigner(TestPki.ed25519().signingCredentials(), TestPki.fixedAt(RepositoryFixture.NOW)).sign(bytes));
        assertRefused(Reason.UNTRUSTED_ROOT, () -> verify(RepositoryFixture.NOW));
    }

    @Test
    void shouldRefuseBundleLargerThanListedWithoutReadingIt() throws Exception
    {
        final Path bundle = bundleFile();
        Files.write(bundle, new byte[1 << 20], StandardOpenOption.APPEND);
        assertRefused(Reason.BUNDLE_NOT_AS_INDEXED, () -> verify(RepositoryFixture.NOW));
    }

    @Test
    void shouldRefuseBundleWhoseBytesDifferFromTheListedHash() throws Exception
    {
        final Path bundle = bundleFile();
        final byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length - 1] ^= 1;
        Files.write(bundle, bytes);
        final VerificationException refusal = assertRefused(Reason.BUNDLE_NOT_AS_INDEXED,
            () -> verify(RepositoryFixture.NOW));
        assertTrue(refusal.getMessage().contains("SHA-384"), refusal.getMessage());
    }

    @Test
    void shouldRefuseMissingBundle() throws Exception
    {
        Files.delete(bundleFile());
        final VerificationException refusal =
            assertRefused(Reason.BUNDLE_NOT_AS_INDEXED, () -> verify(RepositoryFixture.NOW));
        assertTrue(refusal.getMessage().endsWith(": missing or unreadable (no such file or directory)"),
            refusal.getMessage());
    }

    @Test
    void shouldNotRememberAnIndexThatFailed() throws Exception
    {
        Files.delete(bundleFile());
        assertRefused(Reason.BUNDLE_NOT_AS_INDEXED, () -> verify(RepositoryFixture.NOW));
        assertTrue(Files.notExists(fixture.trustedState()));
    }

    @Test
    void shouldSayInWordsWhyItCannotCreateTheTrustedStatesDirectory() throws Exception
    {
        final Path file = Files.write(fixture.root.resolve("a-file"), new byte[1]);
        final HicmodFormatException refusal = assertThrows(HicmodFormatException.class, () ->
            fixture.verifierAt(RepositoryFixture.NOW).verify(fixture.repository, file.resolve("state.json")));
        assertEquals(file + ": cannot create the directory (the file already exists)", refusal.getMessage());
    }

    private RepositoryVerifier.VerifiedRepository verify(final Instant now)
    {
        return fixture.verifierAt(now).verify(fixture.repository, fixture.trustedState());
    }

    private Path bundleFile()
    {
        return fixture.repository.resolve(ModuleRepository.BUNDLES_DIRECTORY).resolve("netstack-1.3.0.hicmod");
    }

    private static void copyIndex(final Path from, final Path to) throws Exception
    {
        for (final String name : List.of(ModuleRepository.INDEX_FILE, ModuleRepository.INDEX_SIGNATURE_FILE))
        {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static VerificationException assertRefused(final Reason reason, final Executable verification)
    {
        final VerificationException refusal = assertThrows(VerificationException.class, verification);
        assertEquals(reason, refusal.reason(), refusal.getMessage());
        return refusal;
    }
}
