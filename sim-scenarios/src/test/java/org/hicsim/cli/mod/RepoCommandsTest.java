package org.hicsim.cli.mod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.pki.BundleSigner;
import org.hicsim.hicmod.pki.ModulePki;
import org.hicsim.hicmod.pki.PkiDirectory;
import org.hicsim.hicmod.pki.TestModules;
import org.hicsim.hicmod.pki.TestPki;
import org.hicsim.hicmod.pki.VerificationException.Reason;
import org.hicsim.hicmod.repo.ModuleRepository;
import org.hicsim.hicmod.repo.RepositoryState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepoCommandsTest
{
    private static final Instant NOW = TestPki.SIGNED_AT.plus(Duration.ofDays(10));
    private static final Instant LATER = TestPki.SIGNED_AT.plus(Duration.ofDays(1));
    private static final Clock CLOCK = TestPki.fixedAt(NOW);
    private static final int REFUSED = ExitCodes.REFUSED;

    @TempDir
    Path directory;

    private final CommandRunner cli = new CommandRunner();
    private final ModulePki pki = TestPki.rsa();
    private Path repository;
    private Path root;

    @BeforeEach
    void initRepository()
    {
        final Path pkiDirectory = directory.resolve("pki");
        PkiDirectory.write(pkiDirectory, pki, false);
        root = pkiDirectory.resolve(PkiDirectory.ROOT_CERTIFICATE);
        repository = directory.resolve("repo");
        assertEquals(0, new CommandRunner().run(new RepoInitCommand(CLOCK), repository.toString(),
            "--key", pkiDirectory.resolve(PkiDirectory.SIGNER_KEY).toString(),
            "--cert", pkiDirectory.resolve(PkiDirectory.SIGNER_CERTIFICATE).toString(),
            "--chain", pkiDirectory.resolve(PkiDirectory.INTERMEDIATE_CERTIFICATE).toString()));
    }

    @Test
    void initExitsTwoAndCreatesNothingForAnIndexValidityBeyondTheMaximum()
    {
        final Path pkiDirectory = directory.resolve("pki");
        for (final String days : new String[] { String.valueOf(RepositoryState.INDEX_VALIDITY_MAX.toDays() + 1),
            "99999999999999" })
        {
            final Path fresh = directory.resolve("fresh");
            assertEquals(ExitCodes.USAGE, cli.run(new RepoInitCommand(CLOCK), fresh.toString(),
                "--key", pkiDirectory.resolve(PkiDirectory.SIGNER_KEY).toString(),
                "--cert", pkiDirectory.resolve(PkiDirectory.SIGNER_CERTIFICATE).toString(),
                "--chain", pkiDirectory.resolve(PkiDirectory.INTERMEDIATE_CERTIFICATE).toString(),
                "--index-validity-days", days));
            assertOneLine(cli.err(), "init: --index-validity-days must be from 1 to "
                + RepositoryState.INDEX_VALIDITY_MAX.toDays() + ", not " + days);
            assertFalse(Files.exists(fresh), days);
        }
    }

    @Test
    void addNamesTheFileOfAMalformedBundle() throws Exception
    {
        final Path truncated = directory.resolve("truncated.hicmod");
        final byte[] bundle = Files.readAllBytes(netstack("1.3.0", TestPki.SIGNED_AT));
        Files.write(truncated, Arrays.copyOf(bundle, 100));
        assertEquals(ExitCodes.USAGE, add(truncated));
        assertOneLine(cli.err(), "add: " + truncated + ": section table: ");
    }

    @Test
    void addShouldReportTheNewIndexVersion() throws Exception
    {
        assertEquals(0, add(netstack("1.3.0", TestPki.SIGNED_AT)));
        assertEquals(repository + ": added netstack 1.3.0 signed at " + TestPki.SIGNED_AT + "; index version 2\n",
            cli.out());
    }

    @Test
    void addExitsOneForDowngradeAndZeroWithAllowance() throws Exception
    {
        given(netstack("1.3.0", TestPki.SIGNED_AT));
        final Path older = netstack("1.2.0", LATER);
        assertEquals(REFUSED, add(older));
        assertOneLine(cli.err(), "add: " + older + ": " + Reason.DOWNGRADE.description() + ": ");
        assertEquals(0, add(older, "--allow-downgrade"));
        assertTrue(cli.out().contains("added netstack 1.2.0"), cli.out());
    }

    @Test
    void addExitsOneForReplayAndZeroWithAllowance() throws Exception
    {
        given(netstack("1.3.0", LATER));
        final Path replayed = netstack("1.3.0", TestPki.SIGNED_AT);
        assertEquals(REFUSED, add(replayed));
        assertOneLine(cli.err(), "add: " + replayed + ": " + Reason.REPLAY.description() + ": ");
        assertEquals(0, add(replayed, "--allow-downgrade"));
    }

    @Test
    void listShouldShowIndexVersionAndBundlesAsJson() throws Exception
    {
        given(netstack("1.3.0", TestPki.SIGNED_AT));
        final CommandRunner list = new CommandRunner();
        assertEquals(0, list.run(new RepoListCommand(), repository.toString(), "--json"));
        final JsonNode json = new ObjectMapper().readTree(list.out());
        assertEquals(2, json.get("index_version").asLong());
        assertEquals("netstack", json.at("/modules/0/name").asText());
        assertEquals(TestPki.SIGNED_AT.toString(), json.at("/modules/0/signing_time").asText());
        assertEquals("bundles/netstack-1.3.0.hicmod", json.at("/modules/0/file").asText());
    }

    @Test
    void listShouldShowOneLinePerBundle() throws Exception
    {
        given(netstack("1.3.0", TestPki.SIGNED_AT));
        given(netstack("1.4.0", TestPki.SIGNED_AT));
        final CommandRunner list = new CommandRunner();
        assertEquals(0, list.run(new RepoListCommand(), repository.toString()));
        assertEquals(3, list.out().lines().count(), list.out());
        assertTrue(list.out().startsWith(repository + ": index version 3,"), list.out());
    }

    @Test
    void verifyShouldExitZeroForFreshRepository() throws Exception
    {
        given(netstack("1.3.0", TestPki.SIGNED_AT));
        assertEquals(0, verify(CLOCK));
        assertTrue(cli.out().startsWith(repository + ": valid: index version 2"), cli.out());
    }

    @Test
    void verifyExitsOneForStaleIndex() throws Exception
    {
        given(netstack("1.3.0", TestPki.SIGNED_AT));
        assertEquals(REFUSED, verify(TestPki.fixedAt(NOW.plus(ModuleRepository.DEFAULT_INDEX_VALIDITY))));
        assertOneLine(cli.err(), "verify: " + repository.resolve(ModuleRepository.INDEX_FILE) + ": " +
            Reason.INDEX_EXPIRED.description() + ": ");
    }

    @Test
    void verifyExitsOneForRolledBackIndex() throws Exception
    {
        given(netstack("1.3.0", TestPki.SIGNED_AT));
        final Path saved = Files.createDirectories(directory.resolve("saved"));
        copyIndex(repository, saved);
        given(netstack("1.4.0", TestPki.SIGNED_AT));
        assertEquals(0, new CommandRunner().run(new RepoVerifyCommand(CLOCK), repository.toString(), "--trust",
            root.toString(), "--state", directory.resolve("client-state.json").toString()));
        copyIndex(saved, repository);
        assertEquals(REFUSED, verify(CLOCK));
        assertTrue(cli.err().contains(Reason.INDEX_ROLLBACK.description() + ": index version 2 is older than " +
            "version 3"), cli.err());
    }

    private int add(final Path bundle, final String... extra)
    {
        final String[] arguments = { repository.toString(), bundle.toString(), "--trust", root.toString() };
        final String[] all = Arrays.copyOf(arguments, arguments.length + extra.length);
        System.arraycopy(extra, 0, all, arguments.length, extra.length);
        return cli.run(new RepoAddCommand(CLOCK), all);
    }

    /**
     * Adds a bundle as a test's precondition, with its own output, so that only the command under test writes to
     * {@link #cli}.
     */
    private void given(final Path bundle)
    {
        assertEquals(0, new CommandRunner().run(new RepoAddCommand(CLOCK), repository.toString(), bundle.toString(),
            "--trust", root.toString()));
    }

    private int verify(final Clock clock)
    {
        return cli.run(new RepoVerifyCommand(clock), repository.toString(), "--trust", root.toString(),
            "--state", directory.resolve("client-state.json").toString());
    }

    private Path netstack(final String version, final Instant signedAt) throws Exception
    {
        final Path file = directory.resolve("netstack-" + version + "-" + signedAt.getEpochSecond() + ".hicmod");
        Files.write(file, new BundleSigner(pki.signingCredentials(), TestPki.fixedAt(signedAt))
            .sign(TestModules.netstack(version)));
        return file;
    }

    private static void copyIndex(final Path from, final Path to) throws Exception
    {
        for (final String name : new String[] { ModuleRepository.INDEX_FILE, ModuleRepository.INDEX_SIGNATURE_FILE })
        {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void assertOneLine(final String text, final String prefix)
    {
        final String last = text.lines().reduce((first, second) -> second).orElse("");
        assertTrue(last.startsWith(prefix), text);
    }
}
