package org.hicsim.hicmod.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.SignatureSectionDescriptor;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.CmsVerifier;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.hicmod.pki.VerificationException.Reason;
import org.hicsim.hicmod.pki.VerifiedSignature;

/**
 * The trusted module repository, client side: checks a repository as a Module Manager would before taking a
 * bundle from it, in this order. The index's signature ({@link CmsVerifier}, against the trust roots); the index
 * itself (canonical, well-formed); its expiry (a stale index is refused: freeze attack); its version against the
 * client's {@link TrustedIndexState} (an older index, or the same version with other bytes, is refused:
 * rollback); then every bundle it lists: present, exactly the listed size (which caps what is read), the listed
 * SHA-384, a well-formed bundle of the listed module, version and UUID, signed at the listed time by a signature
 * that verifies. Only then is the index remembered as the newest trusted.
 */
public final class RepositoryVerifier
{
    /**
     * A bundle of the repository and its verified signature.
     */
    public record VerifiedBundle(IndexEntry entry, VerifiedSignature signature)
    {
    }

    /**
     * The verified index, who signed it, and every bundle it lists.
     */
    public record VerifiedRepository(
        RepositoryIndex index, VerifiedSignature indexSignature, List<VerifiedBundle> bundles)
    {
        public VerifiedRepository
        {
            bundles = List.copyOf(bundles);
        }
    }

    private final CmsVerifier indexVerifier;
    private final BundleVerifier bundleVerifier;
    private final Clock clock;

    public RepositoryVerifier(final List<X509Certificate> trustRoots, final Clock clock)
    {
        this.indexVerifier = new CmsVerifier(trustRoots);
        this.bundleVerifier = new BundleVerifier(trustRoots);
        this.clock = clock;
    }

    /**
     * Verifies the repository in {@code directory} and, when it passes, records its index in
     * {@code trustedStateFile}.
     *
     * @throws VerificationException on a refusal, naming the file.
     * @throws HicmodFormatException on a malformed or unreadable file.
     */
    public VerifiedRepository verify(final Path directory, final Path trustedStateFile)
    {
        final Path indexFile = directory.resolve(ModuleRepository.INDEX_FILE);
        final byte[] indexBytes = HicmodFiles.read(indexFile, RepositoryIndex.LENGTH_MAX);
        final byte[] signature = HicmodFiles.read(
            directory.resolve(ModuleRepository.INDEX_SIGNATURE_FILE), SignatureSectionDescriptor.LENGTH_MAX);
        final Instant now = clock.instant();
        final VerifiedSignature indexSignature;
        try
        {
            indexSignature = indexVerifier.verify(indexBytes, signature, now);
        }
        catch (final VerificationException ex)
        {
            throw ex.in(indexFile.toString());
        }
        final RepositoryIndex index = RepositoryIndex.fromBytes(indexFile.toString(), indexBytes);
        if (!now.isBefore(index.expires()))
        {
            throw new VerificationException(Reason.INDEX_EXPIRED, "index version " + index.version() +
                " expired at " + index.expires() + "; it is now " + now + " (the repository stopped publishing, " +
                "or someone is withholding newer indexes)").in(indexFile.toString());
        }
        final String indexSha384 = HexFormat.of().formatHex(Sha384.of(indexBytes));
        checkNotRolledBack(index, indexSha384, trustedStateFile, indexFile);
        final List<VerifiedBundle> bundles = new ArrayList<>(index.modules().size());
        for (final IndexEntry entry : index.modules())
        {
            bundles.add(verifyBundle(directory.resolve(ModuleRepository.BUNDLES_DIRECTORY), entry, now));
        }
        remember(trustedStateFile, new TrustedIndexState(index.version(), indexSha384));
        return new VerifiedRepository(index, indexSignature, bundles);
    }

    private static void checkNotRolledBack(
        final RepositoryIndex index, final String indexSha384, final Path trustedStateFile, final Path indexFile)
    {
        if (!Files.exists(trustedStateFile))
        {
            return;
        }
        final TrustedIndexState trusted = TrustedIndexState.fromBytes(
            trustedStateFile.toString(), HicmodFiles.read(trustedStateFile, TrustedIndexState.LENGTH_MAX));
        if (index.version() < trusted.indexVersion())
        {
            throw new VerificationException(Reason.INDEX_ROLLBACK, "index version " + index.version() +
                " is older than version " + trusted.indexVersion() + ", already trusted (" + trustedStateFile + ")")
                .in(indexFile.toString());
        }
        if (index.version() == trusted.indexVersion() && !indexSha384.equals(trusted.indexSha384()))
        {
            throw new VerificationException(Reason.INDEX_ROLLBACK, "index version " + index.version() +
                " differs from the version " + trusted.indexVersion() + " already trusted (" + trustedStateFile +
                "): a version may be published only once").in(indexFile.toString());
        }
    }

    private VerifiedBundle verifyBundle(final Path bundles, final IndexEntry entry, final Instant now)
    {
        final Path file = bundles.resolve(entry.fileName());
        final long size;
        try
        {
            size = Files.size(file);
        }
        catch (final IOException ex)
        {
            throw notAsIndexed(file, "missing or unreadable (" + HicmodFiles.describe(ex) + ")");
        }
        if (size != entry.size())
        {
            throw notAsIndexed(file, size + " bytes where the index lists " + entry.size());
        }
        final byte[] bytes = HicmodFiles.read(file, (int)entry.size());
        if (!Arrays.equals(Sha384.of(bytes), HexFormat.of().parseHex(entry.sha384())))
        {
            throw notAsIndexed(file, "SHA-384 differs from the index's");
        }
        final Bundle bundle;
        try
        {
            bundle = BundleReader.read(bytes);
        }
        catch (final HicmodFormatException ex)
        {
            throw ex.in(file.toString());
        }
        final IndexEntry actual = new IndexEntry(bundle.manifest().name(), bundle.manifest().version(),
            bundle.manifest().uuid(), entry.size(), entry.sha384(), entry.signingTime());
        if (!actual.equals(entry))
        {
            throw notAsIndexed(file, "holds " + actual.name() + " " + actual.version() + " (" + actual.uuid() +
                ") where the index lists " + entry.name() + " " + entry.version() + " (" + entry.uuid() + ")");
        }
        final VerifiedSignature signature;
        try
        {
            signature = bundleVerifier.verify(bundle, now);
        }
        catch (final VerificationException ex)
        {
            throw ex.in(file.toString());
        }
        if (!signature.signingTime().equals(entry.signingTime()))
        {
            throw notAsIndexed(file, "signed at " + signature.signingTime() + " where the index lists " +
                entry.signingTime());
        }
        return new VerifiedBundle(entry, signature);
    }

    private static VerificationException notAsIndexed(final Path file, final String detail)
    {
        return new VerificationException(Reason.BUNDLE_NOT_AS_INDEXED, detail).in(file.toString());
    }

    private static void remember(final Path trustedStateFile, final TrustedIndexState state)
    {
        final Path parent = trustedStateFile.toAbsolutePath().getParent();
        try
        {
            Files.createDirectories(parent);
        }
        catch (final IOException ex)
        {
            throw new HicmodFormatException(
                parent.toString(), "cannot create the directory (" + HicmodFiles.describe(ex) + ")", ex);
        }
        HicmodFiles.writeAtomically(trustedStateFile, state.toBytes());
    }
}
