package org.hicsim.hicmod.pki;

import picocli.CommandLine;

/**
 * A key or certificate file that cannot be used: unreadable, not PEM, of the wrong kind, encrypted, of an
 * unsupported algorithm, or a private key that does not belong to its certificate. The message names the file
 * and is written for the user; the {@code hic} CLI prints it on one line and exits with {@link #EXIT_CODE}.
 */
public final class PkiInputException extends RuntimeException implements CommandLine.IExitCodeGenerator
{
    /** The CLI's "usage error or malformed input" code. */
    public static final int EXIT_CODE = 2;

    public PkiInputException(final String message)
    {
        super(message);
    }

    public PkiInputException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    @Override
    public int getExitCode()
    {
        return EXIT_CODE;
    }
}
