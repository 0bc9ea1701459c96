package org.hicsim.mm;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.ManifestParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DependencyPlanTest
{
    private static Manifest manifest(final String name, final String version, final String... dependencies)
    {
        final StringBuilder yaml = new StringBuilder()
            .append("name: ").append(name).append('\n')
            .append("version: ").append(version).append('\n')
            .append("uuid: 550e8400-e29b-41d4-a716-44665544000").append(name.length() % 10).append('\n')
            .append("entry: org.example.").append(name).append(".Main\n");
        if (dependencies.length > 0)
        {
            yaml.append("dependencies:\n");
            for (int i = 0; i < dependencies.length; i += 2)
            {
                yaml.append("  ").append(dependencies[i]).append(": \"").append(dependencies[i + 1]).append("\"\n");
            }
        }
        yaml.append("resources:\n  memory: 1MiB\n  cpu_quota: 10%\n");
        final String text = yaml.toString();
        return ManifestParser.parse(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Manifest> installed(final Manifest... manifests)
    {
        final TreeMap<String, Manifest> installed = new TreeMap<>();
        for (final Manifest manifest : manifests)
        {
            installed.put(manifest.name(), manifest);
        }
        return installed;
    }

    @Test
    void shouldNeedNoUpdateWhenWhatIsInstalledSatisfiesEveryConstraint()
    {
        final DependencyPlan plan = DependencyPlan.resolve(manifest("netstack", "1.3.0", "eth_driver", ">= 1.1.0"),
            installed(manifest("eth_driver", "1.1.0")), new TreeMap<>());

        assertNull(plan.refusal());
        assertTrue(plan.updates().isEmpty());
    }

    @Test
    void shouldUpdateADependencyFirstToTheHighestVersionThatSatisfiesIt()
    {
        final TreeMap<String, Manifest> available = new TreeMap<>();
        available.put("eth_driver-1.2.0", manifest("eth_driver", "1.2.0"));
        available.put("eth_driver-1.3.0", manifest("eth_driver", "1.3.0"));
        available.put("eth_driver-2.0.0", manifest("eth_driver", "2.0.0"));

        final DependencyPlan plan = DependencyPlan.resolve(
            manifest("netstack", "1.3.0", "eth_driver", ">= 1.2.0, < 2.0.0"),
            installed(manifest("eth_driver", "1.1.0")), available);

        assertNull(plan.refusal(), plan.detail());
        assertEquals(List.of(new DependencyPlan.Update("eth_driver", "eth_driver-1.3.0")), plan.updates());
    }

    @Test
    void shouldOrderDependencyUpdatesDependenciesFirst()
    {
        final TreeMap<String, Manifest> available = new TreeMap<>();
        available.put("ipc_lib-2.1.0", manifest("ipc_lib", "2.1.0"));
        available.put("eth_driver-1.2.0", manifest("eth_driver", "1.2.0", "ipc_lib", ">= 2.1.0"));

        final DependencyPlan plan = DependencyPlan.resolve(manifest("netstack", "1.3.0", "eth_driver", ">= 1.2.0"),
            installed(manifest("eth_driver", "1.1.0"), manifest("ipc_lib", "2.0.0")), available);

        assertEquals(List.of(new DependencyPlan.Update("ipc_lib", "ipc_lib-2.1.0"),
            new DependencyPlan.Update("eth_driver", "eth_driver-1.2.0")), plan.updates());
    }

    @Test
    void shouldRefuseAConstraintNothingSatisfies()
    {
        final DependencyPlan plan = DependencyPlan.resolve(manifest("netstack", "1.3.0", "eth_driver", ">= 9.0.0"),
            installed(manifest("eth_driver", "1.1.0")), new TreeMap<>());

        assertEquals(Refusal.UNSATISFIABLE_DEPENDENCY, plan.refusal());
        assertTrue(plan.detail().contains("eth_driver"), plan.detail());
    }

    @Test
    void shouldRefuseADependencyThatIsNotInstalled()
    {
        final DependencyPlan plan = DependencyPlan.resolve(manifest("netstack", "1.3.0", "ipc_lib", "= 2.0.0"),
            installed(), new TreeMap<>());

        assertEquals(Refusal.UNSATISFIABLE_DEPENDENCY, plan.refusal());
    }

    @Test
    void shouldRefuseACycleNamingItsPath()
    {
        final TreeMap<String, Manifest> available = new TreeMap<>();
        available.put("eth_driver-1.2.0", manifest("eth_driver", "1.2.0", "netstack", ">= 1.0.0"));

        final DependencyPlan plan = DependencyPlan.resolve(manifest("netstack", "1.3.0", "eth_driver", ">= 1.2.0"),
            installed(manifest("eth_driver", "1.1.0")), available);

        assertEquals(Refusal.DEPENDENCY_CYCLE, plan.refusal());
        assertEquals("netstack -> eth_driver -> netstack", plan.detail());
        assertTrue(plan.updates().isEmpty());
    }
}
