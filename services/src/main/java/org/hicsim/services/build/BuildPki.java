package org.hicsim.services.build;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.pki.KeyAlgorithm;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.hicmod.pki.PkiDirectory;
import org.hicsim.hicmod.pki.PkiGenerator;
import org.hicsim.hicmod.pki.SigningCredentials;

/**
 * The PKI that signs the catalogue, kept in a directory of the build output ({@code services/target/pki}): made
 * on the first build, reused by every later one so that the catalogue keeps one trust root (and RSA key generation,
 * the slow part, happens once). Its private keys exist only there, never in the sources.
 * <p>
 * Its validity periods start at {@link #ISSUED_AT}, a constant, not the build's time: two clones make two PKIs
 * with different keys and serial numbers, but nothing a simulation checks against its simulated clock differs.
 */
final class BuildPki
{
    /** Where every tier's validity starts: a year before virtual time 0 of a simulation (2026-01-01). */
    static final Instant ISSUED_AT = Instant.parse("2025-01-01T00:00:00Z");

    private final SigningCredentials credentials;
    private final X509Certificate root;
    private final byte[] rootPem;

    private BuildPki(final SigningCredentials credentials, final X509Certificate root, final byte[] rootPem)
    {
        this.credentials = credentials;
        this.root = root;
        this.rootPem = rootPem;
    }

    /**
     * The PKI in {@code directory}, generated (RSA-3072, validity starting at {@link #ISSUED_AT}) when any of its
     * files is missing or its root's validity starts elsewhere (a PKI an older build dated at its build time).
     */
    static BuildPki loadOrGenerate(final Path directory)
    {
        final Path rootFile = directory.resolve(PkiDirectory.ROOT_CERTIFICATE);
        if (PkiDirectory.existingFiles(directory).size() != PkiDirectory.FILE_NAMES.size() ||
            !Pem.readCertificate(rootFile).getNotBefore().toInstant().equals(ISSUED_AT))
        {
            PkiDirectory.write(directory, new PkiGenerator(Clock.fixed(ISSUED_AT, ZoneOffset.UTC), new SecureRandom())
                .generate(KeyAlgorithm.RSA), true);
        }
        final SigningCredentials credentials = SigningCredentials.load(
            directory.resolve(PkiDirectory.SIGNER_KEY),
            directory.resolve(PkiDirectory.SIGNER_CERTIFICATE),
            directory.resolve(PkiDirectory.INTERMEDIATE_CERTIFICATE));
        return new BuildPki(credentials, Pem.readCertificate(rootFile),
            HicmodFiles.read(rootFile, (int)Pem.FILE_BYTES_MAX));
    }

    SigningCredentials credentials()
    {
        return credentials;
    }

    X509Certificate root()
    {
        return root;
    }

    /** The root CA certificate as its PEM file holds it, which the catalogue publishes as its trust root. */
    byte[] rootPem()
    {
        return rootPem.clone();
    }
}
