package org.hicsim.scenario;

import java.util.Objects;

/**
 * Where something was written in a scenario file, so that a runner can point at the step or expectation it is
 * reporting on.
 *
 * @param source the file (or the built-in scenario's resource) as named in messages.
 * @param line   1-based.
 * @param column 1-based.
 */
public record SourceLocation(String source, int line, int column)
{
    public SourceLocation
    {
        Objects.requireNonNull(source, "source");
        if (line < 1 || column < 1)
        {
            throw new IllegalArgumentException("line=" + line + " column=" + column + " must be positive");
        }
    }

    /** {@code file:line:column}, as compilers write it. */
    @Override
    public String toString()
    {
        return source + ":" + line + ":" + column;
    }
}
