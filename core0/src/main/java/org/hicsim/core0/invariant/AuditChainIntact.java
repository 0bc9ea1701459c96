package org.hicsim.core0.invariant;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.audit.AuditCursor;
import org.hicsim.core0.audit.AuditVerification;

/**
 * The audit log's hash chain holds: each record appended since the last check carries the hash of the one
 * before, and the last matches the log's head. Records already checked are not read again (what
 * {@code AuditLog.verify()} does), so checking after every event costs one hash per new record.
 */
final class AuditChainIntact implements Invariant
{
    private final AuditCursor cursor = new AuditCursor();

    @Override
    public String name()
    {
        return "audit.chain-intact";
    }

    @Override
    public void check(final Kernel kernel, final ViolationSink sink)
    {
        final AuditVerification verification = kernel.audit().verifyAppended(cursor);
        if (!verification.isIntact())
        {
            sink.violated(verification.toString());
        }
    }
}
