package org.hicsim.mm;

import java.util.Objects;

/**
 * One module of a batch update: the installed service, and the repository bundle it is to run.
 *
 * @param service the installed service's name, e.g. {@code netstack}.
 * @param stem    the bundle's name in the repository, e.g. {@code netstack-1.3.0}.
 */
public record BatchMember(String service, String stem)
{
    public BatchMember
    {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(stem, "stem");
    }

    @Override
    public String toString()
    {
        return service + "=" + stem;
    }
}
