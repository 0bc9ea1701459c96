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
 * beside netstack's stack, every one sent requests by clients of its own, and counter-a updated live; the update
 * touches no other service's sandbox.
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
        final TreeMap<String, Long> served = servedByService(out.resolve("metrics.csv"));
        for (char c = 'a'; c <= 'l'; c++)
        {
            final String counter = "counter-" + c;
            assertTrue(served.getOrDefault(counter, 0L) > 8_000, counter + " served its clients: " + served);
        }
        assertEquals(0, served.getOrDefault("netstack", 0L), "netstack is not addressed: " + served);
    }

    @Test
    void shouldGiveTheSameDigestTwice()
    {
        final String first = RunCommandTest.hic("run", "sixteen-sandboxes", "--quiet", "--out",
            directory.resolve("first").toString()).digest();
        final String again = RunCommandTest.hic("run", "sixteen-sandboxes", "--quiet", "--out",
            directory.resolve("again").toString()).digest();

        assertEquals(first, again);
    }

    /**
     * Requests each service's instances served over the run, from metrics.csv: an instance's counter is
     * cumulative, so its last row is its total.
     */
    private static TreeMap<String, Long> servedByService(final Path metrics) throws IOException
    {
        final TreeMap<String, Long> lastByInstance = new TreeMap<>();
        final TreeMap<String, String> serviceOf = new TreeMap<>();
        for (final String row : Files.readAllLines(metrics))
        {
            final String[] cells = row.split(",");
            if (cells.length == 7 && "requests".equals(cells[5]))
            {
                lastByInstance.put(cells[1], Long.parseLong(cells[6]));
                serviceOf.put(cells[1], cells[2]);
            }
        }
        final TreeMap<String, Long> served = new TreeMap<>();
        lastByInstance.forEach((instance, requests) -> served.merge(serviceOf.get(instance), requests, Long::sum));
        return served;
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
