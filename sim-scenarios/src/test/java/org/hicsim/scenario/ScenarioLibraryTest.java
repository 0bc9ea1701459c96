package org.hicsim.scenario;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioLibraryTest
{
    /** With the longest name, a line of {@code hic scenarios} then fits in about 150 columns. */
    private static final int SUMMARY_LENGTH_MAX = 125;

    @Test
    void everyBuiltInScenarioParsesAndIsNamedAsItsFile()
    {
        assertTrue(ScenarioLibrary.builtInNames().contains("netstack-rolling-update"));
        for (final String name : ScenarioLibrary.builtInNames())
        {
            final Scenario scenario = ScenarioLibrary.builtIn(name);
            assertEquals(name, scenario.name());
            assertTrue(!scenario.summary().isEmpty(), name + " has no description");
        }
    }

    /**
     * {@code hic scenarios} shows a description's first line alone: it must say what the scenario shows on its
     * own, a whole sentence and short enough for a terminal beside the name, not a line cut where the file wraps.
     */
    @Test
    void everyBuiltInDescriptionsFirstLineIsAWholeSentence()
    {
        for (final String name : ScenarioLibrary.builtInNames())
        {
            final String summary = ScenarioLibrary.builtIn(name).summary();
            assertTrue(summary.endsWith(".") || summary.endsWith(".)"), name + ": " + summary);
            assertTrue(summary.length() <= SUMMARY_LENGTH_MAX, name + ": " + summary.length() + " characters");
        }
    }
}
