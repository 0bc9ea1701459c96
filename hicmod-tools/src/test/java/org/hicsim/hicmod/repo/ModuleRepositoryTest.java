package org.hicsim.hicmod.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.common.SemanticVersion;
import org.hicsim.hicmod.pki.PkiInputException;
import org.hicsim.hicmod.pki.TestModules;
import org.hicsim.hicmod.pki.TestPki;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.hicmod.pki.VerificationException.Reason;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleRepositoryTest
{
    private static final Instant LATER = RepositoryFixture.SIGNED_AT.plus(Duration.ofDays(1));

    @TempDir
    Path directory;

    private RepositoryFixture fixture;
    private ModuleRepository repository;

    @BeforeEach
    void createRepository() throws Exception
    {
        fixture = new RepositoryFixture(directory);
        repository = fixture.initialised();
    }

    @Test
    void shouldPublishEmptyIndexVersionOneOnInit()
    {
        final RepositoryIndex index = publishedIndex();
        assertEquals(1, index.version());
        assertEquals(List.of(), index.modules());
        assertEquals(RepositoryFixture.NOW.plus(ModuleRepository.DEFAULT_INDEX_VALIDITY), index.expires());
    }

    @Test
    void shouldRefuseToInitTwice()
    {
        assertThrows(HicmodFormatException.class,
            () -> repository.init(fixture.signerFiles(), ModuleRepository.DEFAULT_INDEX_VALIDITY));
    }

    @Test
    void shouldStoreAcceptedBundleAndListItInANewIndex() throws Exception
    {
        final Path bundle = fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT);
        final ModuleRepository.Admission admission = add(bundle, false);
        assertEquals(ModuleRepository.Outcome.ADDED, admission.outcome());
        assertEquals(2, admission.indexVersion());
        assertEquals(List.of(admission.entry()), publishedIndex().modules());
        assertArrayEquals(Files.readAllBytes(bundle), Files.readAllBytes(fixture.repository
            .resolve(ModuleRepository.BUNDLES_DIRECTORY).resolve("netstack-1.3.0.hicmod")));
        assertEquals(new AcceptedVersion(TestModules.NETSTACK_UUID, SemanticVersion.parse("1.3.0"),
            RepositoryFixture.SIGNED_AT), repository.state().accepted().get("netstack"));
    }

    @Test
    void shouldLeaveRepositoryUnchangedWhenTheSameBundleIsAddedAgain() throws Exception
    {
        final Path bundle = fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT);
        add(bundle, false);
        assertEquals(ModuleRepository.Outcome.UNCHANGED, add(bundle, false).outcome());
        assertEquals(2, publishedIndex().version());
    }

    @Test
    void shouldAcceptNewerVersion() throws Exception
    {
        add(fixture.netstack("1.2.0", LATER), false);
        add(fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT), false);
        assertEquals(SemanticVersion.parse("1.3.0"), repository.state().accepted().get("netstack").version());
        assertEquals(2, publishedIndex().modules().size());
    }

    @Test
    void shouldRefuseDowngradeByDefault() throws Exception
    {
        add(fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT), false);
        final Path older = fixture.netstack("1.2.0", LATER);
        final VerificationException refusal = assertThrows(VerificationException.class, () -> add(older, false));
        assertEquals(Reason.DOWNGRADE, refusal.reason());
        assertTrue(refusal.getMessage().startsWith(older + ": downgrade: netstack 1.2.0 is older than the " +
            "accepted netstack 1.3.0"), refusal.getMessage());
        assertEquals(2, publishedIndex().version());
    }

    @Test
    void shouldAcceptDowngradeWhenAllowedAndKeepTheNewestAccepted() throws Exception
    {
        add(fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT), false);
        final ModuleRepository.Admission admission = add(fixture.netstack("1.2.0", LATER), true);
        assertTrue(admission.downgradeAllowed());
        assertEquals(ModuleRepository.Outcome.ADDED, admission.outcome());
        assertEquals(SemanticVersion.parse("1.3.0"), repository.state().accepted().get("netstack").version());
    }

    @Test
    void shouldRefuseSameVersionSignedEarlierByDefault() throws Exception
    {
        add(fixture.netstack("1.3.0", LATER), false);
        final Path replayed = fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT);
        final VerificationException refusal = assertThrows(VerificationException.class, () -> add(replayed, false));
        assertEquals(Reason.REPLAY, refusal.reason());
    }

    @Test
    void shouldAcceptReplayWhenAllowedReplacingTheHeldBundle() throws Exception
    {
        add(fixture.netstack("1.3.0", LATER), false);
        final ModuleRepository.Admission admission =
            add(fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT), true);
        assertEquals(ModuleRepository.Outcome.REPLACED, admission.outcome());
        assertTrue(admission.downgradeAllowed());
        assertEquals(LATER, repository.state().accepted().get("netstack").signingTime());
    }

    @Test
    void shouldReplaceSameVersionSignedLaterWithoutAllowance() throws Exception
    {
        add(fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT), false);
        final ModuleRepository.Admission admission = add(fixture.netstack("1.3.0", LATER), false);
        assertEquals(ModuleRepository.Outcome.REPLACED, admission.outcome());
        assertFalse(admission.downgradeAllowed());
        assertEquals(List.of(admission.entry()), publishedIndex().modules());
    }

    @Test
    void shouldRefuseModuleWhoseUuidChanged() throws Exception
    {
        add(fixture.netstack("1.2.0", RepositoryFixture.SIGNED_AT), false);
        final Path impostor = fixture.signed("netstack", "1.3.0", UUID.randomUUID(), LATER);
        final VerificationException refusal = assertThrows(VerificationException.class, () -> add(impostor, true));
        assertEquals(Reason.MODULE_IDENTITY_CHANGED, refusal.reason());
    }

    @Test
    void shouldRefuseBundleThatDoesNotVerify() throws Exception
    {
        final Path bundle = fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT);
        final VerificationException refusal = assertThrows(VerificationException.class, () -> repository.add(
            bundle, List.of(TestPki.ed25519().root().certificate()), false));
        assertEquals(Reason.UNTRUSTED_ROOT, refusal.reason());
        assertTrue(refusal.getMessage().startsWith(bundle + ": "), refusal.getMessage());
    }

    @Test
    void shouldRefuseUnsignedBundle() throws Exception
    {
        final Path unsigned = directory.resolve("unsigned.hicmod");
        Files.write(unsigned, TestModules.netstack("1.3.0").toBytes());
        assertEquals(Reason.NOT_SIGNED, assertThrows(VerificationException.class, () -> add(unsigned, false))
            .reason());
    }

    @Test
    void shouldNameTheFileOfAMalformedBundle() throws Exception
    {
        final Path truncated = directory.resolve("truncated.hicmod");
        final byte[] bundle = Files.readAllBytes(fixture.netstack("1.3.0", RepositoryFixture.SIGNED_AT));
        Files.write(truncated, Arrays.copyOf(bundle, bundle.length - 1));
        final HicmodFormatException refusal =
            assertThrows(HicmodFormatException.class, () -> add(truncated, false));
        assertTrue(refusal.getMessage().startsWith(truncated + ": section table: "), refusal.getMessage());
    }

    @Test
    void shouldRefuseIndexValidityItsOwnRecordCouldNotHoldAndCreateNothing()
    {
        final Path fresh = directory.resolve("fresh");
        final ModuleRepository repository = new ModuleRepository(fresh, TestPki.fixedAt(RepositoryFixture.NOW));
        for (final Duration validity : List.of(RepositoryState.INDEX_VALIDITY_MAX.plusSeconds(1),
            Duration.ofDays(99_999_999_999_999L)))
        {
            assertThrows(IllegalArgumentException.class, () -> repository.init(fixture.signerFiles(), validity));
            assertFalse(Files.exists(fresh), validity.toString());
        }
        repository.init(fixture.signerFiles(), RepositoryState.INDEX_VALIDITY_MAX);
        assertEquals(RepositoryState.INDEX_VALIDITY_MAX, repository.state().indexValidity());
    }

    @Test
    void shouldCreateNothingWhenTheSignerFilesAreUnusable()
    {
        final Path fresh = directory.resolve("fresh");
        final RepositoryState.SignerFiles signer = fixture.signerFiles();
        final RepositoryState.SignerFiles keyOfAnotherCertificate =
            new RepositoryState.SignerFiles(signer.key(), signer.chain(), signer.chain());
        assertThrows(PkiInputException.class, () -> new ModuleRepository(fresh, TestPki.fixedAt(RepositoryFixture.NOW))
            .init(keyOfAnotherCertificate, ModuleRepository.DEFAULT_INDEX_VALIDITY));
        assertFalse(Files.exists(fresh));
    }

    @Test
    void shouldRefuseToInitWithASignerCertificateExpiredAndCreateNothing()
    {
        final Path fresh = directory.resolve("fresh");
        final Instant afterExpiry = fixture.modulePki.signer().certificate().getNotAfter().toInstant().plusSeconds(1);
        final PkiInputException refusal = assertThrows(PkiInputException.class, () ->
            new ModuleRepository(fresh, TestPki.fixedAt(afterExpiry)).init(fixture.signerFiles(),
                ModuleRepository.DEFAULT_INDEX_VALIDITY));
        assertTrue(refusal.getMessage().contains("not at the signing time " + afterExpiry), refusal.getMessage());
        assertFalse(Files.exists(fresh));
    }

    @Test
    void shouldSayInWordsWhyItCannotCreateTheRepository() throws Exception
    {
        final Path file = Files.write(directory.resolve("a-file"), new byte[1]);
        final HicmodFormatException refusal = assertThrows(HicmodFormatException.class, () ->
            new ModuleRepository(file.resolve("repo"), TestPki.fixedAt(RepositoryFixture.NOW))
                .init(fixture.signerFiles(), ModuleRepository.DEFAULT_INDEX_VALIDITY));
        assertEquals(file.resolve("repo") + ": cannot create the repository (Not a directory)", refusal.getMessage());
    }

    private ModuleRepository.Admission add(final Path bundle, final boolean allowDowngrade)
    {
        return repository.add(bundle, fixture.trustRoots(), allowDowngrade);
    }

    private RepositoryIndex publishedIndex()
    {
        final Path index = fixture.repository.resolve(ModuleRepository.INDEX_FILE);
        return RepositoryIndex.fromBytes(index.toString(), HicmodFiles.read(index, RepositoryIndex.LENGTH_MAX));
    }
}
