package org.hicsim.hicmod;

import picocli.CommandLine;

/**
 * A {@code .hicmod} bundle, a manifest or an input file is malformed or unreadable.
 * <p>
 * The message is one line, {@code region: reason}, written for the user: the region names where the fault is
 * ({@code header}, {@code section table}, {@code payload}, {@code manifest.yaml:3:10}, a file name) and the
 * reason says what is wrong with it. The {@code hic} command line prints it as is and exits with
 * {@link #getExitCode()}, the code for malformed input.
 */
public final class HicmodFormatException extends RuntimeException implements CommandLine.IExitCodeGenerator
{
    private static final long serialVersionUID = 1L;

    private final String region;
    private final String reason;

    public HicmodFormatException(final String region, final String reason)
    {
        this(region, reason, null);
    }

    public HicmodFormatException(final String region, final String reason, final Throwable cause)
    {
        super(region + ": " + reason, cause);
        this.region = region;
        this.reason = reason;
    }

    /**
     * The same fault, located inside {@code file}: {@code file: region: reason}.
     */
    public HicmodFormatException in(final String file)
    {
        return new HicmodFormatException(file + ": " + region, reason, this);
    }

    /** Where the fault is, e.g. {@code section table} or {@code manifest.yaml:3:10}. */
    public String region()
    {
        return region;
    }

    /** What is wrong there, e.g. {@code SHA-384 mismatch}. */
    public String reason()
    {
        return reason;
    }

    /** {@link CommandLine.ExitCode#USAGE}: malformed input. */
    @Override
    public int getExitCode()
    {
        return CommandLine.ExitCode.USAGE;
    }
}
