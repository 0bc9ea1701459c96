package org.hicsim.hicmod.repo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hicsim.hicmod.HicmodFormatException;

/**
 * What a client remembers of a repository between verifications, as TUF clients keep their trusted metadata:
 * the highest index version it accepted and that index's SHA-384. An index with a lower version is a rollback;
 * one with the same version and other bytes is a version re-issued with other contents; both are refused. It
 * lives outside the repository (someone who can roll back the repository's files could roll back this too).
 *
 * @param indexSha384 lowercase hex.
 */
public record TrustedIndexState(long indexVersion, String indexSha384)
{
    public static final String FORMAT = "hicmod-trusted-index/1";
    /** A state file longer than this is refused before it is read. */
    public static final int LENGTH_MAX = 4096;

    private static final String FORMAT_KEY = "format";
    private static final String INDEX_VERSION_KEY = "index_version";
    private static final String INDEX_SHA384_KEY = "index_sha384";

    public TrustedIndexState
    {
        if (indexVersion < 1 || !IndexEntry.isSha384Hex(indexSha384))
        {
            throw new IllegalArgumentException("indexVersion=" + indexVersion + " indexSha384=" + indexSha384);
        }
    }

    /**
     * Where {@code hic mod repo verify} keeps the state of {@code repository} unless told otherwise: under the
     * user's home, named by the SHA-384 of the repository's absolute path.
     */
    public static Path defaultFile(final Path repository)
    {
        final byte[] path = repository.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
        return Path.of(System.getProperty("user.home"), ".hicsim", "trusted-indexes",
            HexFormat.of().formatHex(Sha384.of(path)) + ".json");
    }

    public byte[] toBytes()
    {
        final ObjectNode json = CanonicalJson.object();
        json.put(FORMAT_KEY, FORMAT);
        json.put(INDEX_VERSION_KEY, indexVersion);
        json.put(INDEX_SHA384_KEY, indexSha384);
        return CanonicalJson.encode(json);
    }

    /**
     * @throws HicmodFormatException if the bytes are not a state file in canonical form.
     */
    public static TrustedIndexState fromBytes(final String file, final byte[] bytes)
    {
        final JsonObjectReader json = new JsonObjectReader(
            file, "", CanonicalJson.parse(file, bytes), FORMAT_KEY, INDEX_VERSION_KEY, INDEX_SHA384_KEY);
        if (!FORMAT.equals(json.text(FORMAT_KEY)))
        {
            throw json.error(FORMAT_KEY, "'" + json.text(FORMAT_KEY) + "' is not " + FORMAT);
        }
        final String sha384 = json.text(INDEX_SHA384_KEY);
        if (!IndexEntry.isSha384Hex(sha384))
        {
            throw json.error(INDEX_SHA384_KEY, "not 96 lowercase hex digits");
        }
        return new TrustedIndexState(json.integer(INDEX_VERSION_KEY, 1, Long.MAX_VALUE), sha384);
    }
}
