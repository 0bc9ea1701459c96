package org.hicsim.report;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunProgressTest
{
    private static final long RUN_NS = 2 * Simulation.HOURS;
    private static final String MIGRATION = "netstack 1.2.0 -> 1.3.0: migration";

    private final StringWriter text = new StringWriter();

    private void run(final RunProgress progress)
    {
        progress.start(RUN_NS);
        for (long t = 0; t <= RUN_NS; t += Simulation.MINUTES)
        {
            progress.advance(t, t >= 10 * Simulation.MINUTES && t < 13 * Simulation.MINUTES ? MIGRATION : "steady");
        }
        progress.finish();
    }

    @Test
    void shouldPrintNothingWhenQuiet()
    {
        run(RunProgress.create(true, true, "demo", new PrintWriter(text)));
        assertEquals("", text.toString());
    }

    @Test
    void shouldPrintALineAtEachTenthAndEachPhaseChangeWhenNotOnATerminal()
    {
        run(RunProgress.create(false, false, "demo", new PrintWriter(text)));
        assertEquals(String.join("\n",
            "demo: running 2h00m of virtual time",
            "demo:   0% at 0 (steady)",
            "demo:   0% at 10m00s (" + MIGRATION + ")",
            "demo:  10% at 12m00s (" + MIGRATION + ")",
            "demo:  10% at 13m00s (steady)",
            "demo:  20% at 24m00s (steady)",
            "demo:  30% at 36m00s (steady)",
            "demo:  40% at 48m00s (steady)",
            "demo:  50% at 1h00m (steady)",
            "demo:  60% at 1h12m (steady)",
            "demo:  70% at 1h24m (steady)",
            "demo:  80% at 1h36m (steady)",
            "demo:  90% at 1h48m (steady)",
            "demo: 100% at 2h00m (steady)",
            "demo: done, 2h00m of virtual time", ""), text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void shouldDrawABarThatEndsFullOnATerminal()
    {
        run(RunProgress.create(false, true, "demo", new PrintWriter(text)));
        final String drawn = text.toString();
        assertTrue(drawn.startsWith("\r"), "a bar redraws its line: " + drawn);
        final String last = drawn.substring(drawn.lastIndexOf('\r') + 1);
        assertTrue(last.contains("demo") && last.contains("100%") && last.contains("7200/7200 s"), last);
        assertTrue(last.contains("done"), last);
        assertTrue(drawn.endsWith(System.lineSeparator()), "the bar's line is ended");
    }
}
