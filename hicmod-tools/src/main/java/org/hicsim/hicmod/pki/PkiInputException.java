package org.hicsim.hicmod.pki;

/**
 * A key or certificate file that cannot be used: unreadable, not PEM, of the wrong kind, encrypted, of an
 * unsupported algorithm, or a private key that does not belong to its certificate. The message names the file
 * and is written for the user; the {@code hic} CLI prints it on one line as malformed input (exit 2).
 */
public final class PkiInputException extends RuntimeException
{
    public PkiInputException(final String message)
    {
        super(message);
    }

    public PkiInputException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
