package org.hicsim.hicmod.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.pki.BundleSigner;
import org.hicsim.hicmod.pki.ModulePki;
import org.hicsim.hicmod.pki.PkiDirectory;
import org.hicsim.hicmod.pki.TestModules;
import org.hicsim.hicmod.pki.TestPki;

/**
 * A test PKI on disk, a repository directory, and signed bundles made at chosen instants, all under one
 * temporary directory. Repository time is {@link #NOW} unless a test moves it.
 */
final class RepositoryFixture
{
    /** Ten days after the bundles' default signing time, well inside every certificate's validity. */
    static final Instant NOW = TestPki.SIGNED_AT.plus(Duration.ofDays(10));
    static final Instant SIGNED_AT = TestPki.SIGNED_AT;

    final Path root;
    final Path repository;
    final Path pki;
    final ModulePki modulePki = TestPki.rsa();

    RepositoryFixture(final Path root) throws Exception
    {
        this.root = root;
        this.repository = root.resolve("repo");
        this.pki = Files.createDirectories(root.resolve("pki"));
        PkiDirectory.write(pki, modulePki, false);
    }

    RepositoryState.SignerFiles signerFiles()
    {
        return new RepositoryState.SignerFiles(pki.resolve(PkiDirectory.SIGNER_KEY),
            pki.resolve(PkiDirectory.SIGNER_CERTIFICATE), pki.resolve(PkiDirectory.INTERMEDIATE_CERTIFICATE));
    }

    List<X509Certificate> trustRoots()
    {
        return List.of(modulePki.root().certificate());
    }

    ModuleRepository repositoryAt(final Instant now)
    {
        return new ModuleRepository(repository, TestPki.fixedAt(now));
    }

    ModuleRepository initialised()
    {
        final ModuleRepository repository = repositoryAt(NOW);
        repository.init(signerFiles(), ModuleRepository.DEFAULT_INDEX_VALIDITY);
        return repository;
    }

    RepositoryVerifier verifierAt(final Instant now)
    {
        return new RepositoryVerifier(trustRoots(), TestPki.fixedAt(now));
    }

    Path trustedState()
    {
        return root.resolve("client").resolve("trusted-index.json");
    }

    /**
     * A file holding netstack {@code version} signed at {@code signedAt}.
     */
    Path netstack(final String version, final Instant signedAt) throws Exception
    {
        return signed(TestModules.netstack(version), signedAt);
    }

    Path signed(final String name, final String version, final UUID uuid, final Instant signedAt) throws Exception
    {
        return signed(TestModules.unsigned(name, version, uuid), signedAt);
    }

    private Path signed(final Bundle bundle, final Instant signedAt) throws Exception
    {
        final Path file = root.resolve(bundle.manifest().name() + "-" + bundle.manifest().version() + "-" +
            signedAt.getEpochSecond() + ".hicmod");
        Files.write(file, new BundleSigner(modulePki.signingCredentials(), TestPki.fixedAt(signedAt)).sign(bundle));
        return file;
    }
}
