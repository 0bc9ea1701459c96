package org.hicsim.cli;

/**
 * Exit codes every {@code hic} command uses, so that scripts can rely on them.
 */
public final class ExitCodes
{
    /** The command did what was asked. */
    public static final int OK = 0;
    /** A verification, policy or expectation said no (a tampered bundle, a failed scenario expectation). */
    public static final int REFUSED = 1;
    /** The command line or an input file is malformed. */
    public static final int USAGE = 2;
    /** HIC-Sim itself failed: a bug, reported with {@code --verbose} for the stack trace. */
    public static final int INTERNAL_ERROR = 3;

    private ExitCodes()
    {
    }
}
