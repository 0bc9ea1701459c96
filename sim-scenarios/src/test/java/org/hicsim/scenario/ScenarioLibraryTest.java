package org.hicsim.scenario;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioLibraryTest
{
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
}
