package org.hicsim.core0.audit;

import java.util.Collections;
import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.audit.AuditVerification.Problem.CHAIN_BROKEN;
import static org.hicsim.core0.audit.AuditVerification.Problem.MALFORMED;
import static org.hicsim.core0.audit.AuditVerification.Problem.RECORDS_MISSING;
import static org.hicsim.core0.audit.AuditVerification.Problem.RECORDS_UNEXPECTED;
import static org.hicsim.core0.audit.AuditVerification.Problem.SEQUENCE_MISMATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogTest
{
    private static final int RECORDS = 8;
    private static final int VICTIM = 3;
    private static final long STEP_NS = 5;

    private final Simulation sim = new Simulation(1);
    private final AuditLog log = new AuditLog(sim);

    @BeforeEach
    void appendRecords()
    {
        for (int i = 0; i < RECORDS; i++)
        {
            sim.runUntil(sim.nowNs() + STEP_NS);
            log.record("cap.refused", i, "handle=0x" + Integer.toHexString(i) + " right=WRITE");
        }
    }

    @Test
    void shouldVerifyUntouchedLog()
    {
        final AuditVerification result = log.verify();
        assertTrue(result.isIntact(), result.toString());
        assertEquals(AuditVerification.NO_BAD_RECORD, result.firstBadIndex());
    }

    @Test
    void shouldChainEachRecordToHashOfThePreviousLine()
    {
        final List<AuditRecord> records = log.records();
        final List<String> lines = log.exportLines();
        assertEquals(AuditChain.GENESIS_HASH, records.get(0).prevHash());
        for (int i = 1; i < RECORDS; i++)
        {
            assertEquals(AuditChain.sha256Hex(lines.get(i - 1)), records.get(i).prevHash());
        }
        assertEquals(AuditChain.sha256Hex(lines.get(RECORDS - 1)), log.headHash());
    }

    @Test
    void shouldStampSequenceVirtualTimeAndSandbox()
    {
        final AuditRecord record = log.records().get(VICTIM);
        assertEquals(VICTIM, record.sequence());
        assertEquals((VICTIM + 1) * STEP_NS, record.timeNs());
        assertEquals(VICTIM, record.sandboxId());
        assertEquals("cap.refused", record.kind());
        assertEquals(RECORDS, log.size());
    }

    @Test
    void shouldExportOneStableLinePerRecord()
    {
        final String text = log.exportText();
        assertEquals(RECORDS, text.lines().count());
        assertTrue(text.endsWith("\n"));
        assertEquals("seq=0 t=5 kind=cap.refused sandbox=0 prev=" + AuditChain.GENESIS_HASH +
            " handle=0x0 right=WRITE", text.lines().findFirst().orElseThrow());
    }

    @Test
    void shouldDecodeWhatItEncodes()
    {
        for (final String line : log.exportLines())
        {
            assertEquals(line, AuditRecord.decode(line).encode());
        }
    }

    @Test
    void shouldFindEditedRecord()
    {
        final List<String> stored = log.storedLines();
        stored.set(VICTIM, stored.get(VICTIM).replace("right=WRITE", "right=READ"));
        assertFailure(VICTIM, CHAIN_BROKEN);
    }

    @Test
    void shouldFindEditedLastRecord()
    {
        final List<String> stored = log.storedLines();
        stored.set(RECORDS - 1, stored.get(RECORDS - 1).replace("right=WRITE", "right=READ"));
        assertFailure(RECORDS - 1, CHAIN_BROKEN);
    }

    @Test
    void shouldFindDroppedRecord()
    {
        log.storedLines().remove(VICTIM);
        assertFailure(VICTIM, SEQUENCE_MISMATCH);
    }

    @Test
    void shouldFindDroppedLastRecord()
    {
        log.storedLines().remove(RECORDS - 1);
        assertFailure(RECORDS - 1, RECORDS_MISSING);
    }

    @Test
    void shouldFindInsertedRecordEvenWhenLaterRecordsAreRenumbered()
    {
        final List<String> stored = log.storedLines();
        final AuditRecord before = AuditRecord.decode(stored.get(VICTIM - 1));
        final AuditRecord forged = new AuditRecord(VICTIM, before.timeNs(), "cap.granted", 0, "right=ALL",
            AuditChain.sha256Hex(stored.get(VICTIM - 1)));
        for (int i = VICTIM; i < stored.size(); i++)
        {
            final AuditRecord r = AuditRecord.decode(stored.get(i));
            stored.set(i, new AuditRecord(i + 1, r.timeNs(), r.kind(), r.sandboxId(), r.detail(), r.prevHash())
                .encode());
        }
        stored.add(VICTIM, forged.encode());
        assertFailure(VICTIM, CHAIN_BROKEN);
    }

    @Test
    void shouldFindInsertedRecordThatRepeatsASequenceNumber()
    {
        final List<String> stored = log.storedLines();
        final AuditRecord forged = new AuditRecord(VICTIM, 0, "cap.granted", 0, "",
            AuditChain.sha256Hex(stored.get(VICTIM - 1)));
        stored.add(VICTIM, forged.encode());
        assertFailure(VICTIM + 1, SEQUENCE_MISMATCH);
    }

    @Test
    void shouldFindRecordAppendedBehindCore0sBack()
    {
        final List<String> stored = log.storedLines();
        stored.add(new AuditRecord(RECORDS, sim.nowNs(), "cap.granted", 0, "", log.headHash()).encode());
        assertFailure(RECORDS, RECORDS_UNEXPECTED);
    }

    @Test
    void shouldFindReorderedRecords()
    {
        Collections.swap(log.storedLines(), VICTIM, VICTIM + 1);
        assertFailure(VICTIM, SEQUENCE_MISMATCH);
    }

    @Test
    void shouldFindMalformedLine()
    {
        log.storedLines().set(VICTIM, "garbage");
        assertFailure(VICTIM, MALFORMED);
        assertThrows(IllegalStateException.class, log::records);
    }

    @Test
    void shouldVerifyExportedFileAgainstHead()
    {
        assertTrue(AuditChain.verify(log.exportLines(), log.size(), log.headHash()).isIntact());
        assertFalse(AuditChain.verify(log.exportLines(), log.size(), AuditChain.GENESIS_HASH).isIntact());
    }

    @Test
    void shouldVerifyEmptyLog()
    {
        assertTrue(new AuditLog(sim).verify().isIntact());
    }

    @Test
    void shouldRefuseKindWithSpaceOrDetailWithLineBreak()
    {
        assertThrows(IllegalArgumentException.class, () -> log.record("cap refused", 1, ""));
        assertThrows(IllegalArgumentException.class, () -> log.record("cap.refused", 1, "a=1\nseq=9"));
        assertEquals(RECORDS, log.size());
    }

    @Test
    void shouldRejectNonCanonicalLine()
    {
        final String line = log.exportLines().get(0);
        final String withoutDetail = new AuditRecord(0, 0, "sandbox.fault", 1, "", AuditChain.GENESIS_HASH).encode();
        assertNull(AuditRecord.decode(line.replace("seq=0", "seq=00")));
        assertNull(AuditRecord.decode(withoutDetail + " "));
        final String second = log.exportLines().get(1);
        final String prevHash = log.records().get(1).prevHash();
        assertNull(AuditRecord.decode(second.replace(prevHash, prevHash.toUpperCase())));
    }

    private void assertFailure(final int index, final AuditVerification.Problem problem)
    {
        final AuditVerification result = log.verify();
        assertEquals(problem, result.problem(), result.toString());
        assertEquals(index, result.firstBadIndex(), result.toString());
    }
}
