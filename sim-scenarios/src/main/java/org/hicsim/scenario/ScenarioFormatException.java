package org.hicsim.scenario;

/**
 * A scenario file is malformed: not YAML, a key unknown or missing, a value of the wrong kind or out of range.
 * The message is one line, {@code file:line:column: key: reason}, written for the user; {@code hic validate} and
 * {@code hic run} print it as it is and exit 2.
 */
public final class ScenarioFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String reason;

    /**
     * @param location {@code file:line:column}, or the file alone when the fault has no position.
     * @param reason   the key path, a colon and what is wrong; or what is wrong with the whole file.
     */
    public ScenarioFormatException(final String location, final String reason, final Throwable cause)
    {
        super(location + ": " + reason, cause);
        this.location = location;
        this.reason = reason;
    }

    public ScenarioFormatException(final String location, final String reason)
    {
        this(location, reason, null);
    }

    /** {@code file:line:column}, or the file. */
    public String location()
    {
        return location;
    }

    /** {@code key: what is wrong}. */
    public String reason()
    {
        return reason;
    }
}
