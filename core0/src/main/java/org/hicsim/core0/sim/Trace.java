package org.hicsim.core0.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The run's trace: one stable text line per state change, {@code t=<ns> <kind> <detail>}, fed into a running
 * SHA-256 so two runs can be compared by one digest, and passed to an optional sink (a file, a test).
 * <p>
 * The line format is part of the determinism contract: change it only together with every expected digest.
 */
public final class Trace
{
    private final Clock clock;
    private final TraceSink sink;
    private final MessageDigest digest;
    private final StringBuilder line = new StringBuilder(128);
    private long lineCount;

    public Trace(final Clock clock, final TraceSink sink)
    {
        this.clock = clock;
        this.sink = sink;
        this.digest = sha256();
    }

    /**
     * Records one state change. {@code kind} is a dotted event name ({@code cap.mint}, {@code sandbox.fault});
     * {@code detail} is {@code name=value} pairs separated by single spaces.
     */
    public void record(final String kind, final String detail)
    {
        line.setLength(0);
        line.append("t=").append(clock.nowNs()).append(' ').append(kind);
        if (!detail.isEmpty())
        {
            line.append(' ').append(detail);
        }
        final String text = line.toString();
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte)'\n');
        lineCount++;
        sink.accept(text);
    }

    public long lineCount()
    {
        return lineCount;
    }

    /**
     * SHA-256 of every line so far, each followed by a newline, as lower-case hex: exactly the digest of the
     * trace file a sink would have written. Reading it does not disturb the running digest.
     */
    public String sha256Hex()
    {
        try
        {
            final byte[] hash = ((MessageDigest)digest.clone()).digest();
            final StringBuilder hex = new StringBuilder(hash.length * 2);
            for (final byte b : hash)
            {
                hex.append(Character.forDigit((b >>> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        }
        catch (final CloneNotSupportedException ex)
        {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", ex);
        }
    }

    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
