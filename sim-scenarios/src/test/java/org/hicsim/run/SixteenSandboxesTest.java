package org.hicsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in {@code sixteen-sandboxes}: a dozen counters installed from one module under names of their own
 * beside netstack's stack, and counter-a updated live; the update touches no other service's sandbox.
 */
class SixteenSandboxesTest
{
    private static final Pattern INSTALL = Pattern.compile(" mm\\.install service=(\\S+) .* sandbox=(\\d+)");

    @TempDir
    Path directory;

    @BeforeAll
    static void projectHome()
    {
        System.setProperty("hicsim.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    @Test
    void shouldUpdateOneCounterAndTouchNoOtherServicesSandbox() throws IOException
    {
        final Path out = directory.resolve("run");
        final RunCommandTest.Ran ran = RunCommandTest.hic("run", "sixteen-sandboxes", "--quiet", "--out",
            out.toString());
        assertEquals(0, ran.exitCode(), ran.out() + ran.err());
        final List<String> trace = Files.readAllLines(out.resolve("trace.txt"));

        final TreeMap<String, String> sandboxes = new TreeMap<>();
        for (final String line : trace)
        {
            final Matcher install = INSTALL.matcher(line);
            if (install.find())
            {
                sandboxes.put(install.group(1), install.group(2));
            }
        }
        assertEquals(15, sandboxes.size(), sandboxes.toString());
        final int updateStart = indexOf(trace, " mm.update.request service=counter-a ");
        assertTrue(updateStart > 0);
        sandboxes.remove("counter-a");
        for (final var other : sandboxes.entrySet())
        {
            final String sandbox = "sandbox=" + other.getValue() + " ";
            final List<String> touched = trace.subList(updateStart, trace.size()).stream()
                .filter(line -> line.contains(" mm.") || line.contains(" service.") || line.contains(" sandbox."))
                .filter(line -> line.contains(sandbox) || line.endsWith("sandbox=" + other.getValue())
                    || line.contains("service=" + other.getKey() + " ") || line.endsWith("service=" + other.getKey()))
                .toList();
            assertEquals(List.of(), touched, other.getKey() + " was touched");
        }
        assertTrue(trace.stream().anyMatch(line -> line.contains(" mm.install service=counter-a ")
            && line.contains("memory=131072")), "installed with its own memory");
    }

    private static int indexOf(final List<String> trace, final String part)
    {
        for (int i = 0; i < trace.size(); i++)
        {
            if (trace.get(i).contains(part))
            {
                return i;
            }
        }
        return -1;
    }
}
