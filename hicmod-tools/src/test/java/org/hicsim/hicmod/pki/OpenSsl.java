package org.hicsim.hicmod.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code openssl} command line, the independent check of our PEM and CMS. Tests that need it assume
 * {@link #isAvailable()}, so that they are skipped, not failed, on a machine without it.
 */
public final class OpenSsl
{
    private static final long TIMEOUT_SECONDS = 60;
    private static final boolean AVAILABLE = probe();

    private OpenSsl()
    {
    }

    /**
     * What a run printed (standard output and error together) and its exit code.
     */
    public record Result(int exitCode, String output)
    {
    }

    public static boolean isAvailable()
    {
        return AVAILABLE;
    }

    /**
     * Runs {@code openssl ARGS} in {@code directory}.
     */
    public static Result run(final Path directory, final String... arguments) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        final Process process = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
        process.getOutputStream().close();
        final String output;
        try (InputStream in = process.getInputStream())
        {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new IOException("openssl " + String.join(" ", arguments) + " timed out");
        }
        return new Result(process.exitValue(), output);
    }

    /**
     * Runs {@code openssl ARGS} and fails unless it exits 0.
     */
    public static String require(final Path directory, final String... arguments)
        throws IOException, InterruptedException
    {
        final Result result = run(directory, arguments);
        if (result.exitCode() != 0)
        {
            throw new IOException("openssl " + String.join(" ", arguments) + " exited " + result.exitCode() +
                ": " + result.output());
        }
        return result.output();
    }

    private static boolean probe()
    {
        try
        {
            return run(Path.of("."), "version").exitCode() == 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
