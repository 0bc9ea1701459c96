package org.hicsim.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.hicsim.cli.Hic;

import org.hicsim.scenario.Expectation;
import org.hicsim.scenario.PolicyKey;
import org.hicsim.scenario.Scenario;
import org.hicsim.scenario.ScenarioParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code docs/scenario-format.md} stays true: its examples parse, and it documents every key the parser reads. */
class ScenarioFormatDocTest
{
    static final String DOCUMENT = "docs/scenario-format.md";
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final String HEAD = "format_version: 1\nname: example\nduration: 1h\n";

    @Test
    void everyYamlExampleParses() throws IOException
    {
        final List<String> examples = examples();
        assertTrue(examples.size() >= 6, "examples: " + examples.size());
        for (final String example : examples)
        {
            final String scenario = example.startsWith("format_version:") ? example : HEAD + example;
            ScenarioParser.parse(DOCUMENT, scenario.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    /** An {@code install:} example is what a user copies first: every service it installs must start. */
    @Test
    void everyInstallExampleInstallsEveryBundle(@TempDir final Path directory) throws IOException
    {
        System.setProperty("hicsim.home", WritingAServiceDocTest.repositoryRoot().toString());
        final List<String> installs = examples().stream().filter(example -> example.startsWith("install:")).toList();
        assertTrue(!installs.isEmpty(), "no install example");
        for (final String example : installs)
        {
            final Path file = Files.writeString(directory.resolve("install.yaml"),
                "format_version: 1\nname: example\nduration: 1s\n" + example);
            final StringWriter err = new StringWriter();
            final CommandLine hic = Hic.newCommandLine();
            hic.setErr(new PrintWriter(err, true));
            assertEquals(0, hic.execute("run", file.toString(), "--quiet", "--out", directory.resolve("out").toString()),
                example + err);
        }
    }

    @Test
    void theFirstExampleIsTheBuiltInReadmeScenario() throws IOException
    {
        final Scenario documented = ScenarioParser.parse(DOCUMENT, examples().get(0).getBytes(StandardCharsets.UTF_8),
            null);
        final Scenario builtIn = org.hicsim.scenario.ScenarioLibrary.builtIn(documented.name());
        assertEquals(builtIn.install(), documented.install());
        assertEquals(builtIn.workload(), documented.workload());
        assertEquals(builtIn.steps().stream().map(step -> step.action()).toList(),
            documented.steps().stream().map(step -> step.action()).toList());
        assertEquals(builtIn.expectations().stream().map(Expectation::expected).toList(),
            documented.expectations().stream().map(Expectation::expected).toList());
    }

    @Test
    void everyPolicyKeyIsDocumented() throws IOException
    {
        final String document = Files.readString(WritingAServiceDocTest.repositoryRoot().resolve(DOCUMENT));
        for (final PolicyKey key : PolicyKey.values())
        {
            assertTrue(document.contains("| `" + key.key() + "` |"), key.key());
        }
    }

    private static List<String> examples() throws IOException
    {
        final Matcher matcher = YAML_BLOCK.matcher(
            Files.readString(WritingAServiceDocTest.repositoryRoot().resolve(DOCUMENT)));
        final List<String> examples = new ArrayList<>();
        while (matcher.find())
        {
            examples.add(matcher.group(1));
        }
        return examples;
    }
}
