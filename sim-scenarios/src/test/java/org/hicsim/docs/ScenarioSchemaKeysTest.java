package org.hicsim.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.hicsim.core0.cost.Cost;
import org.hicsim.mm.Strategy;
import org.hicsim.scenario.PolicyKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema and the format document name every key the parser takes from the model: a cost added to Core-0's
 * table, a component added to the update policy, shows up here until both say it.
 */
class ScenarioSchemaKeysTest
{
    @Test
    void schemaAndDocumentListEveryCostKey() throws IOException
    {
        final List<String> costs = Arrays.stream(Cost.values()).map(Cost::key).toList();

        assertEquals(costs, names(schema().at("/properties/costs/properties")));
        final String document = document();
        costs.forEach(key -> assertTrue(document.contains("`" + key + "`"), key));
    }

    @Test
    void schemaListsEveryPolicyKey() throws IOException
    {
        assertEquals(Arrays.stream(PolicyKey.values()).map(PolicyKey::key).toList(),
            names(schema().at("/$defs/policy/properties")));
    }

    @Test
    void schemaListsTheStrategiesAScenarioMayChoose() throws IOException
    {
        final List<String> strategies = new ArrayList<>();
        schema().at("/$defs/strategy/oneOf/0/enum").forEach(name -> strategies.add(name.asText()));

        assertEquals(PolicyKey.STRATEGIES, strategies);
        PolicyKey.STRATEGIES.forEach(Strategy::parse);
    }

    private static List<String> names(final JsonNode object)
    {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode schema() throws IOException
    {
        return new ObjectMapper().readTree(Files.readString(WritingAServiceDocTest.repositoryRoot()
            .resolve(ScenarioSchemaAgreementTest.SCHEMA)));
    }

    private static String document() throws IOException
    {
        return Files.readString(WritingAServiceDocTest.repositoryRoot().resolve(ScenarioFormatDocTest.DOCUMENT));
    }
}
