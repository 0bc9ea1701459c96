package org.hicsim.hicmod.repo;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.ManifestParser;
import org.hicsim.common.SemanticVersion;

/**
 * One bundle of the repository: the module's name, version and UUID, the bundle file's size and SHA-384, and its
 * signing time. The file's name is derived ({@link #fileName()}), never read, so an index cannot point outside
 * the repository.
 *
 * @param sha384 lowercase hex, 96 digits.
 */
public record IndexEntry(
    String name, SemanticVersion version, UUID uuid, long size, String sha384, Instant signingTime)
{
    /** The manifest's rule for a module name, which also makes it a safe file name. */
    private static final Pattern NAME =
        Pattern.compile("[a-z][a-z0-9_]{0," + (ManifestParser.NAME_LENGTH_MAX - 1) + "}");
    private static final Pattern SHA384_HEX = Pattern.compile("[0-9a-f]{96}");

    static final String NAME_KEY = "name";
    static final String VERSION_KEY = "version";
    static final String UUID_KEY = "uuid";
    static final String SIZE_KEY = "size";
    static final String SHA384_KEY = "sha384";
    static final String SIGNING_TIME_KEY = "signing_time";

    public IndexEntry
    {
        if (!isModuleName(name))
        {
            throw new IllegalArgumentException("name=" + name + " is not a module name");
        }
        if (size < 1 || size > Bundle.LENGTH_MAX)
        {
            throw new IllegalArgumentException("size=" + size + " is outside 1.." + Bundle.LENGTH_MAX);
        }
        if (!isSha384Hex(sha384))
        {
            throw new IllegalArgumentException("sha384=" + sha384 + " is not 96 lowercase hex digits");
        }
    }

    /**
     * The entry for a bundle of these bytes, signed at {@code signingTime}.
     */
    public static IndexEntry of(final Bundle bundle, final byte[] bytes, final Instant signingTime)
    {
        return new IndexEntry(bundle.manifest().name(), bundle.manifest().version(), bundle.manifest().uuid(),
            bytes.length, HexFormat.of().formatHex(Sha384.of(bytes)), signingTime);
    }

    /**
     * The bundle's file name in the repository's bundle directory: {@code NAME-VERSION.hicmod}.
     */
    public String fileName()
    {
        return name + "-" + version + ".hicmod";
    }

    static boolean isModuleName(final String text)
    {
        return NAME.matcher(text).matches();
    }

    static boolean isSha384Hex(final String text)
    {
        return SHA384_HEX.matcher(text).matches();
    }

    ObjectNode toJson()
    {
        final ObjectNode json = CanonicalJson.object();
        json.put(NAME_KEY, name);
        json.put(VERSION_KEY, version.toString());
        json.put(UUID_KEY, uuid.toString());
        json.put(SIZE_KEY, size);
        json.put(SHA384_KEY, sha384);
        json.put(SIGNING_TIME_KEY, signingTime.toString());
        return json;
    }

    static IndexEntry fromJson(final String file, final String path, final JsonNode node)
    {
        final JsonObjectReader json = new JsonObjectReader(
            file, path, node, NAME_KEY, VERSION_KEY, UUID_KEY, SIZE_KEY, SHA384_KEY, SIGNING_TIME_KEY);
        final String name = json.text(NAME_KEY);
        if (!isModuleName(name))
        {
            throw json.error(NAME_KEY, "'" + name + "' is not a module name");
        }
        final String sha384 = json.text(SHA384_KEY);
        if (!isSha384Hex(sha384))
        {
            throw json.error(SHA384_KEY, "not 96 lowercase hex digits");
        }
        return new IndexEntry(name, json.version(VERSION_KEY), json.uuid(UUID_KEY),
            json.integer(SIZE_KEY, 1, Bundle.LENGTH_MAX), sha384, json.instant(SIGNING_TIME_KEY));
    }
}
