package org.hicsim.mm;

/**
 * A bundle could not be installed or fetched: missing, malformed, rejected by verification, or refused by
 * Core-0. The message names the bundle and the reason, for one line of output.
 */
public final class InstallException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String stem;

    public InstallException(final String stem, final String reason)
    {
        super(stem + ": " + reason);
        this.stem = stem;
    }

    public String stem()
    {
        return stem;
    }
}
