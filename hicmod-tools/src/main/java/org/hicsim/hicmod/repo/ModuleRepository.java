package org.hicsim.hicmod.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.CmsSigner;
import org.hicsim.hicmod.pki.SigningCredentials;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.hicmod.pki.VerificationException.Reason;
import org.hicsim.hicmod.pki.VerifiedSignature;

/**
 * The trusted module repository, publisher side: a directory of verified bundles, its own record
 * ({@link RepositoryState}) and a signed index ({@link RepositoryIndex}) that it republishes, with a higher
 * version and a fresh expiry, whenever it changes.
 * <pre>
 * DIR/repository.json      the repository's record (canonical JSON)
 * DIR/index.json           the published index (canonical JSON)
 * DIR/index.json.sig       its detached CMS signature (DER)
 * DIR/bundles/NAME-VERSION.hicmod
 * </pre>
 * A bundle is accepted only if it verifies against the given trust roots and is newer than anything accepted
 * before for its module (see {@link AcceptedVersion}); an older version (downgrade) or the same version signed
 * earlier (replay) is refused unless the caller explicitly allows it. A module keeps its UUID for ever.
 */
public final class ModuleRepository
{
    public static final String REPOSITORY_FILE = "repository.json";
    public static final String INDEX_FILE = "index.json";
    public static final String INDEX_SIGNATURE_FILE = "index.json.sig";
    public static final String BUNDLES_DIRECTORY = "bundles";
    /** An index stays valid this long after publication unless the repository was created with another period. */
    public static final Duration DEFAULT_INDEX_VALIDITY = Duration.ofDays(30);

    /**
     * What {@link #add} did with a bundle.
     */
    public enum Outcome
    {
        /** The first bundle of its module and version. */
        ADDED,
        /** A newer signature of a module version the repository held, which it replaces. */
        REPLACED,
        /** This very bundle was already held; nothing changed. */
        UNCHANGED
    }

    /**
     * @param downgradeAllowed whether the bundle was older than the newest accepted and went in only because
     *                         a downgrade was allowed.
     * @param indexVersion     the version of the index published after the change.
     */
    public record Admission(Outcome outcome, IndexEntry entry, boolean downgradeAllowed, long indexVersion)
    {
    }

    private final Path directory;
    private final Clock clock;

    public ModuleRepository(final Path directory, final Clock clock)
    {
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Creates the repository in {@code directory} (made if missing) and publishes its first, empty index,
     * version 1, signed with {@code signer}'s files, which must be usable.
     *
     * @param indexValidity positive and at most {@link RepositoryState#INDEX_VALIDITY_MAX}.
     * @throws HicmodFormatException if a repository is already there.
     */
    public RepositoryIndex init(final RepositoryState.SignerFiles signer, final Duration indexValidity)
    {
        final Path stateFile = directory.resolve(REPOSITORY_FILE);
        if (Files.exists(stateFile))
        {
            throw new HicmodFormatException(stateFile.toString(), "a repository already exists here");
        }
        // The record and the signer's files are checked before anything is created, so a refusal leaves no
        // half-made repository behind.
        final RepositoryState state = new RepositoryState(signer, indexValidity, 1, List.of(), new TreeMap<>());
        final SigningCredentials credentials = credentials(state);
        try
        {
            Files.createDirectories(directory.resolve(BUNDLES_DIRECTORY));
        }
        catch (final IOException ex)
        {
            throw new HicmodFormatException(
                directory.toString(), "cannot create the repository (" + HicmodFiles.describe(ex) + ")", ex);
        }
        HicmodFiles.writeAtomically(stateFile, state.toBytes());
        return publish(state, credentials);
    }

    /**
     * Verifies the bundle in {@code bundleFile} against {@code trustRoots}, applies the downgrade and replay
     * rules, and on acceptance stores it and publishes a new index.
     *
     * @param allowDowngrade accept a bundle older than the newest accepted for its module.
     * @throws VerificationException on a refusal: the signature, {@link Reason#DOWNGRADE}, {@link Reason#REPLAY},
     *                               {@link Reason#MODULE_IDENTITY_CHANGED}.
     */
    public Admission add(final Path bundleFile, final List<X509Certificate> trustRoots, final boolean allowDowngrade)
    {
        final RepositoryState state = state();
        final byte[] bytes = HicmodFiles.read(bundleFile, Bundle.LENGTH_MAX);
        final Bundle bundle;
        final VerifiedSignature signature;
        try
        {
            bundle = BundleReader.read(bytes);
            signature = new BundleVerifier(trustRoots).verify(bundle, clock.instant());
        }
        catch (final HicmodFormatException ex)
        {
            throw ex.in(bundleFile.toString());
        }
        catch (final VerificationException ex)
        {
            throw ex.in(bundleFile.toString());
        }
        final IndexEntry entry = IndexEntry.of(bundle, bytes, signature.signingTime());
        final AcceptedVersion candidate = new AcceptedVersion(entry.uuid(), entry.version(), entry.signingTime());
        final AcceptedVersion newest = state.accepted().get(entry.name());
        if (newest != null && !newest.uuid().equals(entry.uuid()))
        {
            throw new VerificationException(Reason.MODULE_IDENTITY_CHANGED, "module " + entry.name() +
                " has UUID " + newest.uuid() + " here, the bundle says " + entry.uuid()).in(bundleFile.toString());
        }
        final List<IndexEntry> modules = new ArrayList<>(state.modules());
        final IndexEntry held = held(modules, entry);
        if (held != null && held.equals(entry))
        {
            return new Admission(Outcome.UNCHANGED, entry, false, state.indexVersion());
        }
        final boolean older = newest != null && candidate.compareTo(newest) <= 0;
        if (older && !allowDowngrade)
        {
            throw refusal(entry, newest).in(bundleFile.toString());
        }
        if (held == null && modules.size() == RepositoryIndex.MODULES_MAX)
        {
            throw new HicmodFormatException(directory.toString(),
                "the repository holds the maximum of " + RepositoryIndex.MODULES_MAX + " bundles");
        }
        if (held != null)
        {
            modules.remove(held);
        }
        modules.add(entry);
        final SortedMap<String, AcceptedVersion> accepted = new TreeMap<>(state.accepted());
        if (!older)
        {
            accepted.put(entry.name(), candidate);
        }
        final RepositoryState next = new RepositoryState(
            state.signer(), state.indexValidity(), state.indexVersion() + 1, modules, accepted);
        final SigningCredentials credentials = credentials(next);
        HicmodFiles.writeAtomically(directory.resolve(BUNDLES_DIRECTORY).resolve(entry.fileName()), bytes);
        HicmodFiles.writeAtomically(directory.resolve(REPOSITORY_FILE), next.toBytes());
        publish(next, credentials);
        return new Admission(held == null ? Outcome.ADDED : Outcome.REPLACED, entry, older, next.indexVersion());
    }

    /**
     * The repository's record.
     *
     * @throws HicmodFormatException if there is no repository in the directory or its record is malformed.
     */
    public RepositoryState state()
    {
        final Path stateFile = directory.resolve(REPOSITORY_FILE);
        if (!Files.exists(stateFile))
        {
            throw new HicmodFormatException(directory.toString(),
                "not a module repository (no " + REPOSITORY_FILE + "; hic mod repo init creates one)");
        }
        return RepositoryState.fromBytes(
            stateFile.toString(), HicmodFiles.read(stateFile, RepositoryState.LENGTH_MAX));
    }

    private static IndexEntry held(final List<IndexEntry> modules, final IndexEntry entry)
    {
        for (final IndexEntry candidate : modules)
        {
            if (candidate.name().equals(entry.name()) && candidate.version().equals(entry.version()))
            {
                return candidate;
            }
        }
        return null;
    }

    private static VerificationException refusal(final IndexEntry entry, final AcceptedVersion newest)
    {
        final String accepted = entry.name() + " " + newest.version() + " signed at " + newest.signingTime();
        if (entry.version().compareTo(newest.version()) < 0)
        {
            return new VerificationException(Reason.DOWNGRADE, entry.name() + " " + entry.version() +
                " is older than the accepted " + accepted + " (--allow-downgrade accepts it)");
        }
        return new VerificationException(Reason.REPLAY, entry.name() + " " + entry.version() + " signed at " +
            entry.signingTime() + " is not newer than the accepted " + accepted + " (--allow-downgrade accepts it)");
    }

    /**
     * The signer's credentials, refused when they could not sign an index that verifies now.
     */
    private SigningCredentials credentials(final RepositoryState state)
    {
        final RepositoryState.SignerFiles signer = state.signer();
        return SigningCredentials.loadValidAt(signer.key(), signer.certificate(), signer.chain(), clock.instant());
    }

    private RepositoryIndex publish(final RepositoryState state, final SigningCredentials credentials)
    {
        final Instant now = clock.instant();
        final RepositoryIndex index = new RepositoryIndex(
            state.indexVersion(), now.plus(state.indexValidity()).truncatedTo(ChronoUnit.SECONDS), state.modules());
        final byte[] bytes = index.toBytes();
        // Each file is replaced atomically; a reader between the two sees a pair that does not verify and refuses
        // it, and the next publication repairs it, since the index is derived from the repository's record.
        HicmodFiles.writeAtomically(
            directory.resolve(INDEX_SIGNATURE_FILE), new CmsSigner(credentials, clock).sign(bytes));
        HicmodFiles.writeAtomically(directory.resolve(INDEX_FILE), bytes);
        return index;
    }
}
