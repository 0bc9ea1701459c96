package org.hicsim.scenario;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.hicsim.mm.UpdatePolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PolicyKeyTest
{
    @Test
    void shouldHaveOneKeyForEveryComponentOfTheUpdatePolicy()
    {
        // The new version's configuration is the update step's own `config:` key, not a policy setting.
        final Set<String> components = Arrays.stream(UpdatePolicy.class.getRecordComponents())
            .map(component -> component.getName()).filter(name -> !name.equals("newInstanceConfiguration"))
            .collect(Collectors.toSet());
        final Set<String> mapped = Arrays.stream(PolicyKey.values()).map(PolicyKey::component)
            .filter(Objects::nonNull).collect(Collectors.toSet());

        assertEquals(components, mapped);
    }

    @Test
    void shouldNameEachKeyAsItsComponentInSnakeCaseWithoutTheUnit()
    {
        for (final PolicyKey key : PolicyKey.values())
        {
            if (key.component() != null)
            {
                final String snake = key.component().replaceAll("Ns$", "").replaceAll("([A-Z])", "_$1")
                    .toLowerCase(java.util.Locale.ROOT);
                assertEquals(snake, key.key());
            }
        }
    }
}
