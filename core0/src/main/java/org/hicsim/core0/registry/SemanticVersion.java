package org.hicsim.core0.registry;

/**
 * A service version {@code MAJOR.MINOR.PATCH}, ordered numerically (1.10.0 after 1.9.0).
 * Pre-release and build tags are not part of HIC's versions (it packs them as three numbers), so not of ours.
 */
public record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion>
{
    /** A part has at most this many digits, so it always fits an int. */
    private static final int MAX_DIGITS = 9;

    public SemanticVersion
    {
        if (major < 0 || minor < 0 || patch < 0)
        {
            throw new IllegalArgumentException(
                "major=" + major + " minor=" + minor + " patch=" + patch + " must not be negative");
        }
    }

    /**
     * Parses {@code MAJOR.MINOR.PATCH}: decimal numbers without sign or leading zeros.
     *
     * @throws InvalidServiceNameException naming the part that is wrong.
     */
    public static SemanticVersion parse(final String text)
    {
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 3)
        {
            throw new InvalidServiceNameException(text, "version must be MAJOR.MINOR.PATCH");
        }
        return new SemanticVersion(
            parsePart(text, "major", parts[0]), parsePart(text, "minor", parts[1]), parsePart(text, "patch", parts[2]));
    }

    @Override
    public int compareTo(final SemanticVersion other)
    {
        int result = Integer.compare(major, other.major);
        if (0 == result)
        {
            result = Integer.compare(minor, other.minor);
            if (0 == result)
            {
                result = Integer.compare(patch, other.patch);
            }
        }
        return result;
    }

    @Override
    public String toString()
    {
        return major + "." + minor + "." + patch;
    }

    private static int parsePart(final String text, final String partName, final String part)
    {
        final boolean digitsOnly = !part.isEmpty() && part.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digitsOnly || part.length() > MAX_DIGITS || (part.length() > 1 && part.charAt(0) == '0'))
        {
            throw new InvalidServiceNameException(text, partName + " \"" + part + "\" must be a number of at most " +
                MAX_DIGITS + " digits without leading zeros");
        }
        return Integer.parseInt(part);
    }
}
