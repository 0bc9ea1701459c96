package org.hicsim.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module or service version {@code MAJOR.MINOR.PATCH}, ordered numerically (1.10.0 after 1.9.0): the one
 * version type of HIC-Sim, read from a bundle's manifest and header and named in Core-0's registry alike.
 * <p>
 * The ranges are HIC's: its module header packs a version into 32 bits as {@code major<<16 | minor<<8 | patch},
 * so a major is at most 65535 and a minor or patch at most 255. Within those ranges the packed value, read
 * unsigned, orders versions exactly as comparing them field by field does. Pre-release and build suffixes
 * ({@code 1.3.0-rc1}) are not versions of a module and are refused.
 */
public record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion>
{
    public static final int MAJOR_MAX = 0xFFFF;
    public static final int MINOR_MAX = 0xFF;
    public static final int PATCH_MAX = 0xFF;

    /** Decimal numbers without leading zeros, as semantic versioning requires; at most five digits each. */
    private static final Pattern SYNTAX = Pattern.compile("(0|[1-9]\\d{0,4})\\.(0|[1-9]\\d{0,4})\\.(0|[1-9]\\d{0,4})");

    /**
     * @throws IllegalArgumentException if a number is negative or over its maximum.
     */
    public SemanticVersion
    {
        if (major < 0 || major > MAJOR_MAX || minor < 0 || minor > MINOR_MAX || patch < 0 || patch > PATCH_MAX)
        {
            throw new IllegalArgumentException(
                "version out of range: major=" + major + " minor=" + minor + " patch=" + patch);
        }
    }

    /**
     * Parses {@code MAJOR.MINOR.PATCH}.
     *
     * @throws IllegalArgumentException with a message for the user, e.g. {@code '1.x' is not a semantic version}.
     */
    public static SemanticVersion parse(final String text)
    {
        final Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches())
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is not a semantic version");
        }
        final int major = Integer.parseInt(matcher.group(1));
        final int minor = Integer.parseInt(matcher.group(2));
        final int patch = Integer.parseInt(matcher.group(3));
        checkPart(text, "major", major, MAJOR_MAX);
        checkPart(text, "minor", minor, MINOR_MAX);
        checkPart(text, "patch", patch, PATCH_MAX);
        return new SemanticVersion(major, minor, patch);
    }

    /**
     * The version HIC packed as {@code major<<16 | minor<<8 | patch}; every int is one.
     */
    public static SemanticVersion unpack(final int packed)
    {
        return new SemanticVersion(packed >>> 16, (packed >>> 8) & MINOR_MAX, packed & PATCH_MAX);
    }

    /**
     * HIC's packing, {@code major<<16 | minor<<8 | patch}; negative for majors from 32768, so compare unsigned.
     */
    public int packed()
    {
        return (major << 16) | (minor << 8) | patch;
    }

    @Override
    public int compareTo(final SemanticVersion other)
    {
        return Integer.compareUnsigned(packed(), other.packed());
    }

    @Override
    public String toString()
    {
        return major + "." + minor + "." + patch;
    }

    private static void checkPart(final String text, final String name, final int value, final int max)
    {
        if (value > max)
        {
            throw new IllegalArgumentException(
                Quoted.quote(text) + ": " + name + " " + value + " exceeds " + max
                    + " (HIC packs a version as major<<16|minor<<8|patch)");
        }
    }
}
