package org.hicsim.core0.cap;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.audit.AuditSink;

/**
 * Keeps audit records as {@code kind sandbox=N detail} lines so tests can read what was refused.
 */
final class RecordingAudit implements AuditSink
{
    private final List<String> records = new ArrayList<>();

    @Override
    public void record(final String kind, final int sandboxId, final String detail)
    {
        records.add(kind + " sandbox=" + sandboxId + " " + detail);
    }

    List<String> records()
    {
        return records;
    }

    int size()
    {
        return records.size();
    }

    String last()
    {
        return records.get(records.size() - 1);
    }
}
