package org.hicsim.hicmod.repo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hicsim.hicmod.HicmodFormatException;

/**
 * The repository's signed index, as TUF's targets and timestamp metadata in one: every bundle it holds
 * ({@link IndexEntry}), a version that grows with every publication (so that a client that has seen version N
 * refuses an older index: rollback) and an expiry time (so that an index withheld from updates goes stale:
 * freeze). Stored as canonical JSON ({@link CanonicalJson}):
 * <pre>
 * {"expires":"2026-03-02T12:00:00Z","format":"hicmod-index/1","modules":[{"name":"netstack",
 *  "sha384":"…","signing_time":"2026-01-31T00:00:00Z","size":1234,"uuid":"…","version":"1.3.0"}],"version":7}
 * </pre>
 *
 * @param modules sorted by name, then version; at most one entry per name and version.
 */
public record RepositoryIndex(long version, Instant expires, List<IndexEntry> modules)
{
    public static final String FORMAT = "hicmod-index/1";
    /** An index file longer than this is refused before it is read. */
    public static final int LENGTH_MAX = 1 << 20;
    /** At most this many bundles; an index of them stays far under {@link #LENGTH_MAX}. */
    public static final int MODULES_MAX = 2048;

    static final Comparator<IndexEntry> ORDER =
        Comparator.comparing(IndexEntry::name).thenComparing(IndexEntry::version);

    private static final String FORMAT_KEY = "format";
    private static final String VERSION_KEY = "version";
    private static final String EXPIRES_KEY = "expires";
    private static final String MODULES_KEY = "modules";

    public RepositoryIndex
    {
        if (version < 1 || modules.size() > MODULES_MAX)
        {
            throw new IllegalArgumentException("version=" + version + " modules.size=" + modules.size());
        }
        modules = sorted(modules);
    }

    public byte[] toBytes()
    {
        final ObjectNode json = CanonicalJson.object();
        json.put(FORMAT_KEY, FORMAT);
        json.put(VERSION_KEY, version);
        json.put(EXPIRES_KEY, expires.toString());
        json.set(MODULES_KEY, toJson(modules));
        return CanonicalJson.encode(json);
    }

    /**
     * @param file names the file in errors.
     * @throws HicmodFormatException if the bytes are not an index in canonical form.
     */
    public static RepositoryIndex fromBytes(final String file, final byte[] bytes)
    {
        final JsonObjectReader json = new JsonObjectReader(
            file, "", CanonicalJson.parse(file, bytes), FORMAT_KEY, VERSION_KEY, EXPIRES_KEY, MODULES_KEY);
        if (!FORMAT.equals(json.text(FORMAT_KEY)))
        {
            throw json.error(FORMAT_KEY, "'" + json.text(FORMAT_KEY) + "' is not " + FORMAT);
        }
        return new RepositoryIndex(json.integer(VERSION_KEY, 1, Long.MAX_VALUE), json.instant(EXPIRES_KEY),
            entriesFromJson(file, json, MODULES_KEY));
    }

    static ArrayNode toJson(final List<IndexEntry> entries)
    {
        final ArrayNode array = CanonicalJson.array();
        for (final IndexEntry entry : entries)
        {
            array.add(entry.toJson());
        }
        return array;
    }

    /**
     * The entries of the array under {@code key}, refused unless sorted and unique, as {@link #toBytes()}
     * writes them.
     */
    static List<IndexEntry> entriesFromJson(final String file, final JsonObjectReader json, final String key)
    {
        final List<IndexEntry> entries = new ArrayList<>();
        final List<JsonNode> elements = json.array(key, MODULES_MAX);
        for (int i = 0; i < elements.size(); i++)
        {
            final IndexEntry entry = IndexEntry.fromJson(file, json.pathOf(key) + "[" + i + "]", elements.get(i));
            if (!entries.isEmpty() && ORDER.compare(entries.get(entries.size() - 1), entry) >= 0)
            {
                throw json.error(key, "entry " + i + " (" + entry.name() + " " + entry.version() +
                    ") is out of order or repeated");
            }
            entries.add(entry);
        }
        return entries;
    }

    static List<IndexEntry> sorted(final List<IndexEntry> entries)
    {
        final List<IndexEntry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        for (int i = 1; i < sorted.size(); i++)
        {
            if (ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0)
            {
                throw new IllegalArgumentException("entries repeat name=" + sorted.get(i).name() +
                    " version=" + sorted.get(i).version());
            }
        }
        return List.copyOf(sorted);
    }
}
