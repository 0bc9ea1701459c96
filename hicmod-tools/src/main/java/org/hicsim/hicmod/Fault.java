package org.hicsim.hicmod;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hicsim.common.Quoted;

/**
 * A defect a module was built with on purpose, as its manifest declares it: {@code <kind>( <key>=<value>)*}, e.g.
 * {@code crash-after-requests requests=100} or {@code error-rate p=0.05}.
 * <p>
 * The simulator's catalogue ships faulty builds so that a rolling update has something to catch; the declaration
 * sits in the signed manifest so that no tool can mistake such a build for a real one. The kind is a lowercase
 * word with hyphens, each key a lowercase name, each value a plain decimal; the parts are separated by single
 * spaces. The parameters are a set (no key twice) and are kept sorted by key, so a fault has one canonical text.
 */
public final class Fault
{
    public static final int LENGTH_MAX = 128;

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern PARAMETER = Pattern.compile("([a-z][a-z0-9_]*)=([0-9]+(?:\\.[0-9]+)?)");

    private final String kind;
    private final SortedMap<String, String> parameters;

    private Fault(final String kind, final SortedMap<String, String> parameters)
    {
        this.kind = kind;
        this.parameters = Collections.unmodifiableSortedMap(parameters);
    }

    /**
     * Parses {@code <kind>( <key>=<value>)*}.
     *
     * @throws IllegalArgumentException with a message for the user.
     */
    public static Fault parse(final String text)
    {
        final String[] parts = text.split(" ", -1);
        if (text.length() > LENGTH_MAX || !KIND.matcher(parts[0]).matches())
        {
            throw malformed(text);
        }
        final SortedMap<String, String> parameters = new TreeMap<>();
        for (int i = 1; i < parts.length; i++)
        {
            final Matcher matcher = PARAMETER.matcher(parts[i]);
            if (!matcher.matches())
            {
                throw malformed(text);
            }
            if (parameters.put(matcher.group(1), matcher.group(2)) != null)
            {
                throw new IllegalArgumentException(Quoted.quote(matcher.group(1)) + " is given twice");
            }
        }
        return new Fault(parts[0], parameters);
    }

    /** What goes wrong, e.g. {@code crash-after-requests}. */
    public String kind()
    {
        return kind;
    }

    /** Key to value as written (a plain decimal), sorted by key. */
    public SortedMap<String, String> parameters()
    {
        return parameters;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Fault
            && ((Fault)other).kind.equals(kind)
            && ((Fault)other).parameters.equals(parameters);
    }

    @Override
    public int hashCode()
    {
        return kind.hashCode() * 31 + parameters.hashCode();
    }

    /** The canonical text: the kind, then {@code key=value} for each parameter in key order. */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder(kind);
        parameters.forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
        return text.toString();
    }

    private static IllegalArgumentException malformed(final String text)
    {
        return new IllegalArgumentException(Quoted.quote(text) + " is not a fault (<kind>( <key>=<value>)*, single"
            + " spaces, e.g. 'crash-after-requests requests=100'; at most " + LENGTH_MAX + " characters)");
    }
}
