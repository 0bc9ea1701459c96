package org.hicsim.hicmod.repo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hicsim.hicmod.HicmodFormatException;

/**
 * The repository's own record, {@code repository.json}, which only the repository writes: where the key that
 * signs the index is, how long an index stays valid, the last index version published, the bundles held, and
 * per module the newest version and signing time ever accepted ({@link AcceptedVersion}), which is what
 * refuses downgrades and replays. The published index is derived from it, so a publication interrupted
 * half-way is repaired by the next.
 *
 * @param signer        the PEM files that sign the index: private key, certificate, intermediate CA chain.
 * @param indexValidity how long after publication an index expires.
 * @param modules       sorted by name, then version.
 */
public record RepositoryState(
    SignerFiles signer,
    Duration indexValidity,
    long indexVersion,
    List<IndexEntry> modules,
    SortedMap<String, AcceptedVersion> accepted)
{
    public static final String FORMAT = "hicmod-repository/1";
    /**
     * The longest an index may stay valid: a century, which keeps every expiry a four-digit year and far exceeds
     * any sensible period (an index that never expires would give up the defence against freeze attacks).
     */
    public static final Duration INDEX_VALIDITY_MAX = Duration.ofDays(36_500);
    /** A repository file longer than this is refused before it is read. */
    public static final int LENGTH_MAX = 2 * RepositoryIndex.LENGTH_MAX;

    private static final String FORMAT_KEY = "format";
    private static final String SIGNER_KEY = "signer";
    private static final String KEY_KEY = "key";
    private static final String CERTIFICATE_KEY = "certificate";
    private static final String CHAIN_KEY = "chain";
    private static final String INDEX_VALIDITY_KEY = "index_validity_seconds";
    private static final String INDEX_VERSION_KEY = "index_version";
    private static final String MODULES_KEY = "modules";
    private static final String ACCEPTED_KEY = "accepted";

    /**
     * The PEM files that sign the index, as absolute paths: the repository refers to the key, never copies it.
     */
    public record SignerFiles(Path key, Path certificate, Path chain)
    {
        public SignerFiles
        {
            key = key.toAbsolutePath().normalize();
            certificate = certificate.toAbsolutePath().normalize();
            chain = chain.toAbsolutePath().normalize();
        }
    }

    public RepositoryState
    {
        if (indexValidity.isNegative() || indexValidity.isZero() || indexValidity.compareTo(INDEX_VALIDITY_MAX) > 0)
        {
            throw new IllegalArgumentException("indexValidity=" + indexValidity + " is not positive and at most " +
                INDEX_VALIDITY_MAX);
        }
        modules = RepositoryIndex.sorted(modules);
        accepted = Collections.unmodifiableSortedMap(new TreeMap<>(accepted));
    }

    public byte[] toBytes()
    {
        final ObjectNode json = CanonicalJson.object();
        json.put(FORMAT_KEY, FORMAT);
        final ObjectNode signerJson = json.putObject(SIGNER_KEY);
        signerJson.put(KEY_KEY, signer.key().toString());
        signerJson.put(CERTIFICATE_KEY, signer.certificate().toString());
        signerJson.put(CHAIN_KEY, signer.chain().toString());
        json.put(INDEX_VALIDITY_KEY, indexValidity.toSeconds());
        json.put(INDEX_VERSION_KEY, indexVersion);
        json.set(MODULES_KEY, RepositoryIndex.toJson(modules));
        final ObjectNode acceptedJson = json.putObject(ACCEPTED_KEY);
        for (final Map.Entry<String, AcceptedVersion> entry : accepted.entrySet())
        {
            final ObjectNode mark = acceptedJson.putObject(entry.getKey());
            mark.put(IndexEntry.UUID_KEY, entry.getValue().uuid().toString());
            mark.put(IndexEntry.VERSION_KEY, entry.getValue().version().toString());
            mark.put(IndexEntry.SIGNING_TIME_KEY, entry.getValue().signingTime().toString());
        }
        return CanonicalJson.encode(json);
    }

    /**
     * @throws HicmodFormatException if the bytes are not a repository file in canonical form.
     */
    public static RepositoryState fromBytes(final String file, final byte[] bytes)
    {
        final JsonObjectReader json = new JsonObjectReader(file, "", CanonicalJson.parse(file, bytes),
            FORMAT_KEY, SIGNER_KEY, INDEX_VALIDITY_KEY, INDEX_VERSION_KEY, MODULES_KEY, ACCEPTED_KEY);
        if (!FORMAT.equals(json.text(FORMAT_KEY)))
        {
            throw json.error(FORMAT_KEY, "'" + json.text(FORMAT_KEY) + "' is not " + FORMAT);
        }
        final JsonObjectReader signer = new JsonObjectReader(
            file, json.pathOf(SIGNER_KEY), json.object(SIGNER_KEY), KEY_KEY, CERTIFICATE_KEY, CHAIN_KEY);
        final SortedMap<String, AcceptedVersion> accepted = new TreeMap<>();
        final JsonNode acceptedJson = json.object(ACCEPTED_KEY);
        final List<String> names = new ArrayList<>();
        acceptedJson.fieldNames().forEachRemaining(names::add);
        for (final String name : names)
        {
            if (!IndexEntry.isModuleName(name))
            {
                throw json.error(ACCEPTED_KEY, "'" + name + "' is not a module name");
            }
            final JsonObjectReader mark = new JsonObjectReader(file, json.pathOf(ACCEPTED_KEY) + "." + name,
                acceptedJson.get(name), IndexEntry.UUID_KEY, IndexEntry.VERSION_KEY, IndexEntry.SIGNING_TIME_KEY);
            accepted.put(name, new AcceptedVersion(mark.uuid(IndexEntry.UUID_KEY),
                mark.version(IndexEntry.VERSION_KEY), mark.instant(IndexEntry.SIGNING_TIME_KEY)));
        }
        return new RepositoryState(
            new SignerFiles(Path.of(signer.text(KEY_KEY)), Path.of(signer.text(CERTIFICATE_KEY)),
                Path.of(signer.text(CHAIN_KEY))),
            Duration.ofSeconds(json.integer(INDEX_VALIDITY_KEY, 1, INDEX_VALIDITY_MAX.toSeconds())),
            json.integer(INDEX_VERSION_KEY, 1, Long.MAX_VALUE),
            RepositoryIndex.entriesFromJson(file, json, MODULES_KEY),
            accepted);
    }
}
