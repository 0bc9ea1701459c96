package org.hicsim.report;

import java.util.regex.Pattern;

/**
 * The one command line that replays a run, as a POSIX shell reads it: the launcher the user ran, {@code run}, the
 * scenario as it was named and the run's seed. A word a shell would split or expand (a path with a space, a
 * quote, a {@code $}) is single-quoted, so that pasting the line runs the same scenario with the same seed.
 */
public final class ReplayCommand
{
    /** The system property the {@code hic} launcher sets to the path it was started by ({@code ./hic}). */
    public static final String LAUNCHER_PROPERTY = "hicsim.command";
    /** The command's name when no launcher says how it was started (a test, a plain {@code java} command). */
    public static final String LAUNCHER_DEFAULT = "hic";

    /** Characters no POSIX shell splits on or expands, in any position. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ReplayCommand()
    {
    }

    /** {@code ./hic run 'my runs/x.yaml' --seed 7}, with the launcher this process was started by. */
    public static String of(final String scenarioArgument, final long seed)
    {
        return of(System.getProperty(LAUNCHER_PROPERTY, LAUNCHER_DEFAULT), scenarioArgument, seed);
    }

    /** {@code <launcher> run <scenario> --seed <seed>}, each word quoted where a shell needs it. */
    public static String of(final String launcher, final String scenarioArgument, final long seed)
    {
        return quote(launcher) + " run " + quote(scenarioArgument) + " --seed " + seed;
    }

    /** The word as one shell word: unchanged if plain, else in single quotes (a quote in it as {@code '\''}). */
    static String quote(final String word)
    {
        if (PLAIN_WORD.matcher(word).matches())
        {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
