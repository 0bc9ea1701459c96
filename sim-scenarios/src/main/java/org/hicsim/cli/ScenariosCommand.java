package org.hicsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.hicsim.scenario.Scenario;
import org.hicsim.scenario.ScenarioLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hic scenarios [--json]}: the built-in scenarios, each by name with the first line of its description.
 */
@Command(
    name = "scenarios",
    mixinStandardHelpOptions = true,
    description = "List the built-in scenarios: each one's name and the first line of its description.",
    footer = { "", "Run one with 'hic run NAME'; 'hic validate NAME' checks it." })
final class ScenariosCommand implements Callable<Integer>
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Write a JSON array of {name, description} instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException
    {
        final List<Scenario> scenarios = new ArrayList<>();
        for (final String name : ScenarioLibrary.builtInNames())
        {
            scenarios.add(ScenarioLibrary.builtIn(name));
        }
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            final List<Map<String, String>> array = new ArrayList<>();
            for (final Scenario scenario : scenarios)
            {
                final Map<String, String> entry = new LinkedHashMap<>();
                entry.put("name", scenario.name());
                entry.put("description", scenario.summary());
                array.add(entry);
            }
            out.println(JSON.writeValueAsString(array));
            return ExitCodes.OK;
        }
        final int width = scenarios.stream().mapToInt(scenario -> scenario.name().length()).max().orElse(0);
        for (final Scenario scenario : scenarios)
        {
            out.println(String.format("%-" + width + "s  %s", scenario.name(), scenario.summary()).strip());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
