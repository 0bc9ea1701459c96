package org.hicsim.core0.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LargeMachineTest
{
    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void shouldRunSixtyFourGibibyteMachineInSmallJvm() throws IOException, InterruptedException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(
            java, "-Xmx256m", "-XX:MaxDirectMemorySize=64m",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            LargeMachineMain.class.getName())
            .redirectErrorStream(true)
            .start();
        final boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited)
        {
            process.destroyForcibly();
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, "child JVM did not finish: " + output);
        assertEquals(0, process.exitValue(), output);
    }
}
