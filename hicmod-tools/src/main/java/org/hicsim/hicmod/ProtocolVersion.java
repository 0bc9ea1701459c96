package org.hicsim.hicmod;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hicsim.common.Quoted;

/**
 * A version of the state migration protocol, {@code MAJOR.MINOR} (HIC's "migration protocol v1.3"), ordered
 * numerically. Old and new instance negotiate the highest version both list.
 */
public final class ProtocolVersion implements Comparable<ProtocolVersion>
{
    public static final int PART_MAX = 0xFF;

    private static final Pattern SYNTAX = Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");

    private final int major;
    private final int minor;

    private ProtocolVersion(final int major, final int minor)
    {
        this.major = major;
        this.minor = minor;
    }

    /**
     * Parses {@code MAJOR.MINOR}, each part 0 to {@value #PART_MAX} without leading zeros.
     *
     * @throws IllegalArgumentException with a message for the user.
     */
    public static ProtocolVersion parse(final String text)
    {
        final Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()
            || Integer.parseInt(matcher.group(1)) > PART_MAX
            || Integer.parseInt(matcher.group(2)) > PART_MAX)
        {
            throw new IllegalArgumentException(
                Quoted.quote(text) + " is not a protocol version (MAJOR.MINOR, each 0 to " + PART_MAX + ")");
        }
        return new ProtocolVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    public int major()
    {
        return major;
    }

    public int minor()
    {
        return minor;
    }

    @Override
    public int compareTo(final ProtocolVersion other)
    {
        return Integer.compare(major << 8 | minor, other.major << 8 | other.minor);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof ProtocolVersion && compareTo((ProtocolVersion)other) == 0;
    }

    @Override
    public int hashCode()
    {
        return major << 8 | minor;
    }

    @Override
    public String toString()
    {
        return major + "." + minor;
    }
}
