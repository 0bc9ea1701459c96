package org.hicsim.hicmod;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hicsim.common.Quoted;

/**
 * A capability a module asks Core-0 for, {@code object:rights}, e.g. {@code net.mmio:r} or {@code stats:rw}.
 * <p>
 * The object is a dotted lowercase name; the rights are a non-empty subset of {@code r} (read), {@code w}
 * (write), {@code x} (execute), written in that order so that each request has one spelling. Whether it is
 * granted is the Module Manager's policy, not the manifest's.
 */
public final class CapabilityRequest implements Comparable<CapabilityRequest>
{
    public static final int LENGTH_MAX = 128;

    private static final Pattern SYNTAX =
        Pattern.compile("([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*):(r?w?x?)");

    private final String object;
    private final String rights;

    private CapabilityRequest(final String object, final String rights)
    {
        this.object = object;
        this.rights = rights;
    }

    /**
     * Parses {@code object:rights}.
     *
     * @throws IllegalArgumentException with a message for the user.
     */
    public static CapabilityRequest parse(final String text)
    {
        final Matcher matcher = SYNTAX.matcher(text);
        if (text.length() > LENGTH_MAX || !matcher.matches() || matcher.group(2).isEmpty())
        {
            throw new IllegalArgumentException(
                Quoted.quote(text) + " is not a capability request (object:rights, a dotted lowercase name and rights"
                    + " from r, w, x in that order, e.g. net.mmio:r; at most " + LENGTH_MAX + " characters)");
        }
        return new CapabilityRequest(matcher.group(1), matcher.group(2));
    }

    /** The object asked for, e.g. {@code net.mmio}. */
    public String object()
    {
        return object;
    }

    /** The rights asked for, e.g. {@code rw}. */
    public String rights()
    {
        return rights;
    }

    @Override
    public int compareTo(final CapabilityRequest other)
    {
        return toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof CapabilityRequest && toString().equals(other.toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }

    @Override
    public String toString()
    {
        return object + ":" + rights;
    }
}
