package org.hicsim.run;

import org.hicsim.core0.sim.TraceSink;

/**
 * What the progress display names as the run's phase, read from the Module Manager's trace lines as they are
 * written: {@code netstack validation} from {@code mm.phase service=netstack name=validation} while an update is
 * in a phase, {@code netstack completed} from {@code mm.update.end} once it ended, {@code running} before any
 * update. The latest line wins, so while netstack waits in its preparation for its dependency's update, the
 * dependency's phase is shown. Only those two kinds of line are parsed further than their kind.
 */
final class CurrentPhase implements TraceSink
{
    private static final String PHASE = "mm.phase ";
    private static final String UPDATE_END = "mm.update.end ";
    private static final String SERVICE = "service=";
    private static final String NAME = "name=";
    private static final String OUTCOME = "outcome=";

    private String text = "running";

    /** A trace line is {@code t=<ns> <kind> <detail>}. */
    @Override
    public void accept(final String line)
    {
        final int kind = line.indexOf(' ') + 1;
        if (line.startsWith(PHASE, kind))
        {
            text = field(line, SERVICE) + " " + field(line, NAME);
        }
        else if (line.startsWith(UPDATE_END, kind))
        {
            text = field(line, SERVICE) + " " + field(line, OUTCOME);
        }
    }

    /** {@code netstack validation}, {@code netstack completed}, or {@code running}. */
    String text()
    {
        return text;
    }

    private static String field(final String line, final String key)
    {
        final int start = line.indexOf(" " + key) + 1 + key.length();
        final int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }
}
