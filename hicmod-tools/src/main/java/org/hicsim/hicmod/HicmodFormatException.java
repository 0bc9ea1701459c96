package org.hicsim.hicmod;

/**
 * A {@code .hicmod} bundle, a manifest or an input file is malformed or unreadable.
 * <p>
 * The message is one line, {@code region: reason}, written for the user: the region names where the fault is
 * ({@code header}, {@code section table}, {@code payload}, {@code manifest.yaml:3:10}, a file name) and the
 * reason says what is wrong with it. The {@code hic} command line prints it as is and exits 2 for malformed
 * input, but 1 for an {@link #integrity integrity failure} ({@link #isIntegrityFailure()}), a digest
 * that does not match well-formed bytes, which is what a tampered bundle looks like: a refusal, as a bad
 * signature is.
 */
public final class HicmodFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String region;
    private final String reason;
    private final boolean integrityFailure;

    public HicmodFormatException(final String region, final String reason)
    {
        this(region, reason, null);
    }

    public HicmodFormatException(final String region, final String reason, final Throwable cause)
    {
        this(region, reason, false, cause);
    }

    private HicmodFormatException(
        final String region, final String reason, final boolean integrityFailure, final Throwable cause)
    {
        super(region + ": " + reason, cause);
        this.region = region;
        this.reason = reason;
        this.integrityFailure = integrityFailure;
    }

    /**
     * A digest or checksum over well-formed bytes does not match: the bytes were changed after they were hashed.
     */
    public static HicmodFormatException integrity(final String region, final String reason)
    {
        return new HicmodFormatException(region, reason, true, null);
    }

    /**
     * The same fault, located inside {@code file}: {@code file: region: reason}.
     */
    public HicmodFormatException in(final String file)
    {
        return new HicmodFormatException(file + ": " + region, reason, integrityFailure, this);
    }

    /** Whether a digest did not match (a tampered bundle) rather than the structure being malformed. */
    public boolean isIntegrityFailure()
    {
        return integrityFailure;
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
}
