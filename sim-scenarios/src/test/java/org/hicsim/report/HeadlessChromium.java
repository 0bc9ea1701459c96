package org.hicsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless, for tests of a page: it loads a file with the network shut off, runs its scripts
 * (virtual time lets timers run without waiting), and prints the DOM as it then is; the page's console output goes
 * to standard error. On CI (CI=true) a missing Chromium is installed by {@code ensure-chromium.sh}, as
 * {@code .ci/run} does; elsewhere the test is skipped with a note on how to install it.
 */
final class HeadlessChromium
{
    private static final String[] NAMES = {"chromium", "chromium-browser", "google-chrome"};
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    private HeadlessChromium(final Path executable)
    {
        this.executable = executable;
    }

    /** The browser on PATH, installed first on CI; the calling test is skipped without one elsewhere. */
    static HeadlessChromium require() throws IOException, InterruptedException
    {
        Optional<Path> found = find();
        if (found.isEmpty() && "true".equals(System.getenv("CI")))
        {
            install();
            found = find();
            assertTrue(found.isPresent(), "ensure-chromium.sh ran, yet no Chromium is on PATH");
        }
        assumeTrue(found.isPresent(), "no Chromium on PATH: apt-get install -y chromium "
            + "(sim-scenarios/src/test/resources/ensure-chromium.sh)");
        return new HeadlessChromium(found.get());
    }

    /** What Chromium printed for one page. */
    record Page(String dom, String console)
    {
    }

    Page dumpDom(final Path html, final Path workDirectory) throws IOException, InterruptedException
    {
        final Path profile = Files.createDirectories(workDirectory.resolve("chromium-profile"));
        final Path dom = workDirectory.resolve("dom.html");
        final Path log = workDirectory.resolve("chromium.log");
        final List<String> command = new ArrayList<>(List.of(executable.toString(),
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=" + profile, "--window-size=1400,2400", "--virtual-time-budget=10000",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
            "--dump-dom", html.toUri().toString()));
        final Process process = new ProcessBuilder(command)
            .redirectOutput(dom.toFile())
            .redirectError(log.toFile())
            .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        final String console = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "Chromium failed: " + console);
        return new Page(Files.readString(dom, StandardCharsets.UTF_8), console);
    }

    private static Optional<Path> find()
    {
        final String path = System.getenv().getOrDefault("PATH", "");
        for (final String name : NAMES)
        {
            for (final String directory : path.split(java.io.File.pathSeparator))
            {
                final Path candidate = Path.of(directory, name);
                if (!directory.isEmpty() && Files.isExecutable(candidate))
                {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void install() throws IOException, InterruptedException
    {
        final Path script = Path.of("src/test/resources/ensure-chromium.sh").toAbsolutePath();
        final Process process = new ProcessBuilder("bash", script.toString()).inheritIO().start();
        if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0)
        {
            fail("ensure-chromium.sh failed");
        }
    }
}
