package org.hicsim.mm.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.store.PersistentStore;
import org.hicsim.core0.store.StoreError;
import org.hicsim.core0.store.StoreFaults;
import org.hicsim.mm.KernelFixture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest
{
    static final String FILE = "mm/journal";

    private final KernelFixture fixture = new KernelFixture();
    private final List<long[]> appended = new ArrayList<>();
    private final JournalListener recorder = (number, result) -> appended.add(new long[] {number, result, fixture.now()});

    /** Opens the journal as the fixture's current manager and runs until it is open. */
    static Opened open(final KernelFixture fixture)
    {
        final Opened opened = new Opened();
        final long started = Journal.open(fixture.kernel, fixture.manager, fixture.storeHandle, FILE, opened);
        assertEquals(0, started);
        fixture.run();
        assertNotNull(opened.journal, () -> "open failed code=" + opened.failure);
        return opened;
    }

    static JournalRecord record(final int type, final int length)
    {
        final byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)(type * 13 + i);
        }
        return new JournalRecord(type, payload);
    }

    @Test
    void shouldReadEveryRecordBackInOrderAfterTheManagerIsRestarted()
    {
        final Journal journal = open(fixture).journal;
        final List<JournalRecord> written = new ArrayList<>();
        for (int type = 1; type <= 5; type++)
        {
            written.add(record(type, type * 10));
            journal.append(written.get(type - 1), recorder);
            fixture.run();
        }
        fixture.killManager();
        fixture.startManager(100);

        final Opened reopened = open(fixture);

        assertEquals(written, reopened.scan.records());
        assertEquals(JournalTail.CLEAN, reopened.scan.tail());
        assertEquals(5, reopened.journal.durableRecords());
        assertEquals(fixture.store().fileLength(FILE), reopened.journal.durableLength());
    }

    @Test
    void shouldTellARecordItIsDurableOnlyWhenTheDeviceHasIt()
    {
        final Journal journal = open(fixture).journal;
        final long start = fixture.now();

        final long number = journal.append(record(7, 100), recorder);
        assertEquals(0, number);
        assertTrue(appended.isEmpty());
        fixture.run();

        final long length = JournalRecordDescriptor.recordLength(100);
        assertEquals(List.of(0L, length, start + fixture.kernel.costs().storeTransferNs(length)),
            List.of(appended.get(0)[0], appended.get(0)[1], appended.get(0)[2]));
    }

    @Test
    void shouldGroupRecordsAppendedWhileAWriteIsOnTheDevice()
    {
        final Journal journal = open(fixture).journal;
        final int submittedBefore = fixture.traced("store.submit").size();

        for (int type = 0; type < 4; type++)
        {
            assertEquals(type, journal.append(record(type, 50), recorder));
        }
        fixture.run();

        assertEquals(2, fixture.traced("store.submit").size() - submittedBefore, "one write, then the other three");
        assertEquals(List.of(0L, 1L, 2L, 3L), appended.stream().map(a -> a[0]).toList());
        final long recordLength = JournalRecordDescriptor.recordLength(50);
        assertEquals(List.of(recordLength, 2 * recordLength, 3 * recordLength, 4 * recordLength),
            appended.stream().map(a -> a[1]).toList());
        assertEquals(appended.get(1)[2], appended.get(3)[2], "the group is durable at one instant");
    }

    @Test
    void shouldKeepOrderForARecordAppendedFromAListener()
    {
        final Journal journal = open(fixture).journal;
        journal.append(record(0, 10), (number, result) ->
        {
            recorder.onAppended(number, result);
            journal.append(record(3, 10), recorder);
        });
        journal.append(record(1, 10), recorder);
        journal.append(record(2, 10), recorder);
        fixture.run();

        assertEquals(List.of(0L, 1L, 2L, 3L), appended.stream().map(a -> a[0]).toList());
        fixture.killManager();
        fixture.startManager(100);
        assertEquals(List.of(0, 1, 2, 3), open(fixture).scan.records().stream().map(JournalRecord::type).toList());
    }

    @Test
    void shouldDropTheRecordTornWhenTheManagerDiedMidWriteAndAppendAfterTheWholeOnes()
    {
        final Journal journal = open(fixture).journal;
        journal.append(record(1, 100), recorder);
        fixture.run();
        journal.append(record(2, JournalRecordDescriptor.PAYLOAD_LENGTH_MAX), recorder);
        fixture.runUntil(fixture.now() + fixture.kernel.costs().value(Cost.STORE_LATENCY) + 1_000_000);
        fixture.killManager();
        fixture.run();
        final long tornLength = fixture.store().fileLength(FILE);
        assertTrue(tornLength > JournalRecordDescriptor.recordLength(100), "a prefix of the second is on the device");

        fixture.startManager(100);
        final Opened reopened = open(fixture);

        assertEquals(List.of(record(1, 100)), reopened.scan.records());
        assertEquals(JournalTail.TORN, reopened.scan.tail());
        assertEquals(JournalRecordDescriptor.recordLength(100), fixture.store().fileLength(FILE), "the tail is cut off");
        reopened.journal.append(record(3, 20), recorder);
        fixture.run();
        fixture.killManager();
        fixture.startManager(100);
        assertEquals(List.of(record(1, 100), record(3, 20)), open(fixture).scan.records());
    }

    @Test
    void shouldFailEveryWaitingRecordOnceAWriteFailsAndReopenWithWhatMadeIt()
    {
        final Journal journal = open(fixture).journal;
        journal.append(record(1, 10), recorder);
        fixture.run();
        fixture.store().faults(new StoreFaults(new SplittableRandom(3), 0, 1.0));

        journal.append(record(2, 10), recorder);
        journal.append(record(3, 10), recorder);
        fixture.run();

        assertEquals(List.of((long)StoreError.IO_FAILED.code(), (long)StoreError.IO_FAILED.code()),
            appended.subList(1, 3).stream().map(a -> a[1]).toList());
        assertTrue(journal.isFailed());
        assertEquals(Journal.FAILED, journal.append(record(4, 10), recorder));

        fixture.store().faults(StoreFaults.NONE);
        assertEquals(List.of(record(1, 10)), open(fixture).scan.records());
    }

    @Test
    void shouldDropACorruptRecordAndEverythingAfterItAndAuditIt()
    {
        final Journal journal = open(fixture).journal;
        for (int type = 0; type < 5; type++)
        {
            journal.append(record(type, 40), recorder);
        }
        fixture.run();
        final int recordLength = JournalRecordDescriptor.recordLength(40);
        fixture.store().flip(FILE, 2L * recordLength + JournalRecordDescriptor.PAYLOAD_OFFSET + 3, (byte)0x01);

        final Opened reopened = open(fixture);

        assertEquals(List.of(record(0, 40), record(1, 40)), reopened.scan.records());
        assertEquals(JournalTail.CORRUPT, reopened.scan.tail());
        assertEquals(3L * recordLength, reopened.scan.droppedBytes());
        assertTrue(fixture.kernel.audit().records().stream().anyMatch(r -> r.kind().equals("mm.journal.dropped")));
    }

    @Test
    void shouldOpenAMissingJournalAsEmptyFromAnEvent()
    {
        final Opened opened = new Opened();
        assertEquals(0, Journal.open(fixture.kernel, fixture.manager, fixture.storeHandle, FILE, opened));
        assertNull(opened.journal, "not during the call");
        fixture.run();

        assertEquals(List.of(), opened.scan.records());
        assertEquals(JournalTail.CLEAN, opened.scan.tail());
        assertEquals(fixture.kernel.costs().storeTransferNs(0), fixture.now());
    }

    @Test
    void shouldRefuseToOpenWithoutTheStoreCapability()
    {
        final int intruder = fixture.sandbox("intruder", 10);
        final long readOnly = fixture.kernel.capabilities().issue(CapabilitySystem.CORE0, intruder,
            ObjectKind.PERSISTENT_STORE, PersistentStore.DEVICE_ID, Rights.READ, 0);
        final Opened opened = new Opened();

        assertTrue(Journal.open(fixture.kernel, intruder, fixture.storeHandle, FILE, opened) < 0);
        final Journal journal = open(fixture).journal;
        journal.append(record(1, 1), recorder);
        fixture.run();
        final Opened readOnlyOpen = new Opened();
        assertEquals(0, Journal.open(fixture.kernel, intruder, readOnly, FILE, readOnlyOpen));
        fixture.run();

        assertNull(opened.journal);
        assertEquals(1, readOnlyOpen.scan.records().size(), "reading needs READ only");
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), readOnlyOpen.journal.append(record(2, 1), recorder));
        fixture.run();
        assertEquals(1, appended.size(), "refused at the door: no report");
        assertFalse(readOnlyOpen.journal.isFailed(), "nothing was accepted, so nothing is lost");
    }

    /** Keeps what {@link Journal#open} hands over. */
    static final class Opened implements JournalOpenListener
    {
        Journal journal;
        JournalScan scan;
        long failure;

        @Override
        public void onOpened(final Journal journal, final JournalScan recovered)
        {
            this.journal = journal;
            this.scan = recovered;
        }

        @Override
        public void onFailed(final long code)
        {
            failure = code;
        }
    }
}
