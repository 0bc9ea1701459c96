package org.hicsim.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * result.json's rollbacks say who decided each one, in the four words run-outputs.md and the schema give: the
 * Monitor's rules, an operator, an emergency, a restarted Module Manager.
 */
class RollbackKindsInResultTest
{
    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        RunCommandTest.projectHome();
    }

    private List<String> kinds(final String builtIn) throws IOException
    {
        final Path out = directory.resolve(builtIn);
        final RunCommandTest.Ran ran = RunCommandTest.hic("run", builtIn, "--quiet", "--out", out.toString());
        assertEquals(0, ran.exitCode(), builtIn + ":\n" + ran.out() + ran.err());
        final List<String> kinds = new ArrayList<>();
        for (final JsonNode rollback : new ObjectMapper().readTree(out.resolve("result.json").toFile())
            .path("rollbacks"))
        {
            kinds.add(rollback.path("kind").asText());
        }
        return kinds;
    }

    @Test
    void shouldCallARollbackTheMonitorDecidedAutomatic() throws IOException
    {
        assertEquals(List.of("automatic"), kinds("monitor-three-crashes"));
    }

    @Test
    void shouldCallARollbackARestartedModuleManagerMadeRecovery() throws IOException
    {
        assertEquals(List.of("recovery"), kinds("module-manager-crash"));
    }

    @Test
    void shouldCallAnOperatorsRollbackManual() throws IOException
    {
        assertEquals(List.of("manual"), kinds("manual-rollback"));
    }
}
