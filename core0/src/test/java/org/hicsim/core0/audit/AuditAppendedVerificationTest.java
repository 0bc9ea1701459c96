package org.hicsim.core0.audit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incremental check of the audit chain the invariants run after every event: it reads only what was appended
 * since, so an edit of a new record is found, and an edit of one it already vouched for is left to the full check.
 */
class AuditAppendedVerificationTest
{
    private final AuditLog log = new AuditLog(() -> 0);
    private final AuditCursor cursor = new AuditCursor();

    private void append(final int records)
    {
        for (int i = 0; i < records; i++)
        {
            log.record("test", 1, "i=" + i);
        }
    }

    @Test
    void shouldVouchForAppendedRecordsAndMoveOn()
    {
        append(3);
        assertTrue(log.verifyAppended(cursor).isIntact());
        append(2);

        assertTrue(log.verifyAppended(cursor).isIntact());
        assertEquals(5, cursor.checked());
    }

    @Test
    void shouldFindAnEditedRecordAmongTheNewOnes()
    {
        append(3);
        log.verifyAppended(cursor);
        append(2);
        log.storedLines().set(4, log.storedLines().get(4).replace("i=1", "i=9"));

        assertFalse(log.verifyAppended(cursor).isIntact());
        assertEquals(3, cursor.checked());
    }

    @Test
    void shouldLeaveAnEditOfARecordAlreadyVouchedForToTheFullCheck()
    {
        append(3);
        log.verifyAppended(cursor);
        log.storedLines().set(0, log.storedLines().get(0).replace("i=0", "i=9"));

        assertTrue(log.verifyAppended(cursor).isIntact());
        assertFalse(log.verify().isIntact());
    }
}
