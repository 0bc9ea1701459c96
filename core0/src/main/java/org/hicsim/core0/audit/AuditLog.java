package org.hicsim.core0.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.sim.Clock;

/**
 * Core-0's append-only, hash-chained audit log: each record carries the SHA-256 of the record before it, and
 * the log keeps the head (records appended, hash of the last) apart from the records, so that editing,
 * dropping, inserting or reordering stored records is found by {@link #verify()}.
 * <p>
 * Records are stored as their encoded lines ({@link AuditRecord}), exactly what {@link #exportText()} writes.
 * Appending hashes one line with a digest the log keeps: a full update appends several records per connection.
 */
public final class AuditLog implements AuditSink
{
    private final Clock clock;
    private final List<String> lines = new ArrayList<>();
    private long appended;
    private String headHash = AuditChain.GENESIS_HASH;
    private final MessageDigest sha256 = AuditChain.sha256();

    public AuditLog(final Clock clock)
    {
        this.clock = clock;
    }

    @Override
    public void record(final String kind, final int sandboxId, final String detail)
    {
        final String line = new AuditRecord(appended, clock.nowNs(), kind, sandboxId, detail, headHash).encode();
        lines.add(line);
        headHash = AuditChain.sha256Hex(sha256, line);
        appended++;
    }

    public int size()
    {
        return lines.size();
    }

    /**
     * SHA-256 of the last record appended, lower-case hex; {@link AuditChain#GENESIS_HASH} when empty.
     */
    public String headHash()
    {
        return headHash;
    }

    public AuditVerification verify()
    {
        return AuditChain.verify(lines, appended, headHash);
    }

    /**
     * Checks only the records appended since {@code cursor} last vouched for the log, and the head: what checking
     * the chain after every event costs (one hash per new record). An edit of a record already vouched for is
     * found by {@link #verify()}, not here.
     */
    public AuditVerification verifyAppended(final AuditCursor cursor)
    {
        return AuditChain.verify(lines, appended, headHash, cursor);
    }

    /**
     * @throws IllegalStateException if a stored line no longer decodes; {@link #verify()} says which.
     */
    public List<AuditRecord> records()
    {
        final List<AuditRecord> records = new ArrayList<>(lines.size());
        for (final String line : lines)
        {
            final AuditRecord record = AuditRecord.decode(line);
            if (null == record)
            {
                throw new IllegalStateException("stored record does not decode: " + line);
            }
            records.add(record);
        }
        return records;
    }

    public List<String> exportLines()
    {
        return List.copyOf(lines);
    }

    /**
     * The log as a file: one line per record, each ending in a newline.
     */
    public String exportText()
    {
        final StringBuilder text = new StringBuilder();
        for (final String line : lines)
        {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /**
     * The stored lines themselves, for tests that play an attacker editing the log file; the head stays put.
     */
    List<String> storedLines()
    {
        return lines;
    }
}
