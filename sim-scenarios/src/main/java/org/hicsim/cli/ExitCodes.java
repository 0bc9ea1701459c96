package org.hicsim.cli;

/**
 * The exit codes of every {@code hic} command, so that scripts can rely on them. The model modules throw typed
 * exceptions and know no code; {@link ExitCodeMapper} turns each into one of these.
 */
public final class ExitCodes
{
    /** The command did what was asked. */
    public static final int OK = 0;
    /**
     * A verification, policy or expectation said no (a tampered bundle, an untrusted signer, a module the host will
     * not run, a crashed service, a failed scenario expectation).
     */
    public static final int REFUSED = 1;
    /** The command line or an input file is malformed (an unknown option, a bad bundle, manifest or scenario). */
    public static final int USAGE = 2;
    /** HIC-Sim itself failed: a bug (reported with {@code --verbose} for the stack trace), or the build failed. */
    public static final int INTERNAL_ERROR = 3;

    private ExitCodes()
    {
    }
}
