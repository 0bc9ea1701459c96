package org.hicsim.core0.audit;

/**
 * How far an incremental check of an audit log got ({@link AuditLog#verifyAppended}): how many records it vouched
 * for, and the hash of the last, from which the next record's chain link is checked.
 */
public final class AuditCursor
{
    int checked;
    String lastHash = AuditChain.GENESIS_HASH;

    /** Records vouched for so far. */
    public int checked()
    {
        return checked;
    }
}
