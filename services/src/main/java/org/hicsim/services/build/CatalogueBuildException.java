package org.hicsim.services.build;

/**
 * The catalogue cannot be built as written: a manifest's file name, an entry class, or a class a bundle would
 * need. The message is one line naming the file or class and what to change, since it ends the Maven build.
 */
public final class CatalogueBuildException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public CatalogueBuildException(final String message)
    {
        super(message);
    }

    public CatalogueBuildException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
