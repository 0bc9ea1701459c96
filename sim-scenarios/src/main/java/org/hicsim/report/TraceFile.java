package org.hicsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hicsim.core0.sim.TraceSink;

/**
 * A run's trace written to a file ({@code trace.txt} of a run, {@code --trace FILE} of the demo), one line per state
 * change, each ended by a newline, so that {@code sha256sum FILE} prints the digest the command prints.
 */
public final class TraceFile implements TraceSink, AutoCloseable
{
    private final Writer writer;

    private TraceFile(final Writer writer)
    {
        this.writer = writer;
    }

    /**
     * Creates or replaces {@code file}.
     */
    public static TraceFile open(final Path file) throws IOException
    {
        return new TraceFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    @Override
    public void accept(final String line)
    {
        try
        {
            writer.write(line);
            writer.write('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() throws IOException
    {
        writer.close();
    }
}
