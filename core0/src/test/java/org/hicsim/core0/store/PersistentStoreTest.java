package org.hicsim.core0.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.audit.AuditRecord;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersistentStoreTest
{
    private static final String FILE = "mm.journal";

    private final StoreFixture fixture = new StoreFixture();
    private final PersistentStore store = fixture.store;
    private final CostTable costs = fixture.kernel.costs();
    private final int writer = fixture.sandbox("module-manager");
    private final long handle = fixture.readWrite(writer);

    @Test
    void shouldEndAnAppendInAnEventAfterLatencyPlusTransfer()
    {
        final byte[] record = StoreFixture.bytes(4096, 1);

        final long request = store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder);

        assertTrue(request > 0);
        assertTrue(fixture.completions.isEmpty(), "never reported during the call that submitted it");
        assertEquals(StoreError.NO_SUCH_FILE.code(), store.fileLength(FILE), "not durable before it ends");
        fixture.run();
        assertEquals(List.of(request, (long)record.length, costs.storeTransferNs(record.length)),
            Arrays.stream(fixture.completions.get(0)).boxed().toList());
        assertArrayEquals(record, fixture.contents(FILE));
    }

    @Test
    void shouldReadBackWhatWasAppendedAndReadShortAtTheEnd()
    {
        final byte[] first = StoreFixture.bytes(100_000, 1);
        final byte[] second = StoreFixture.bytes(70_000, 2);
        store.append(writer, handle, FILE, first, 0, first.length, fixture.recorder);
        store.append(writer, handle, FILE, second, 0, second.length, fixture.recorder);
        final byte[] dst = new byte[200_000];

        store.read(writer, handle, FILE, 90_000, dst, 5, 200_000 - 5, fixture.recorder);
        fixture.run();

        assertEquals(80_000, fixture.completions.get(2)[1]);
        assertArrayEquals(Arrays.copyOfRange(first, 90_000, 100_000), Arrays.copyOfRange(dst, 5, 10_005));
        assertArrayEquals(second, Arrays.copyOfRange(dst, 10_005, 80_005));
        assertEquals(170_000, store.fileLength(FILE));
    }

    @Test
    void shouldDoOneOperationAtATimeInTheOrderAccepted()
    {
        final int other = fixture.sandbox("monitor");
        final long otherHandle = fixture.readWrite(other);
        final byte[] big = StoreFixture.bytes(1_000_000, 1);
        final byte[] small = StoreFixture.bytes(10, 2);

        store.append(writer, handle, "a", big, 0, big.length, fixture.recorder);
        store.append(other, otherHandle, "b", small, 0, small.length, fixture.recorder);
        fixture.run();

        final long firstEnd = costs.storeTransferNs(big.length);
        assertEquals(firstEnd, fixture.completions.get(0)[2]);
        assertEquals(firstEnd + costs.storeTransferNs(small.length), fixture.completions.get(1)[2],
            "the second waits for the device");
    }

    @Test
    void shouldTakeLongerOnASlowerStore()
    {
        final StoreFixture slow = new StoreFixture(KernelConfig.withSeed(11).withCosts(
            costs.with(Cost.STORE_BANDWIDTH, costs.value(Cost.STORE_BANDWIDTH) / 2)), TraceSink.NONE);
        final int slowWriter = slow.sandbox("module-manager");
        final byte[] record = StoreFixture.bytes(1_000_000, 1);

        store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder);
        slow.store.append(slowWriter, slow.readWrite(slowWriter), FILE, record, 0, record.length, slow.recorder);
        fixture.run();
        slow.run();

        assertTrue(slow.completions.get(0)[2] > fixture.completions.get(0)[2]);
        assertEquals(costs.value(Cost.STORE_LATENCY) + 2 * (fixture.completions.get(0)[2] - costs.value(Cost.STORE_LATENCY)),
            slow.completions.get(0)[2]);
    }

    @Test
    void shouldRefuseAWriteWithAReadOnlyCapabilityAndAuditIt()
    {
        final int monitor = fixture.sandbox("monitor");
        final long readOnly = fixture.capability(monitor, Rights.READ);
        final byte[] record = StoreFixture.bytes(8, 1);

        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(),
            store.append(monitor, readOnly, FILE, record, 0, record.length, fixture.recorder));
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), store.delete(monitor, readOnly, FILE, fixture.recorder));
        assertEquals(StoreError.NO_SUCH_FILE.code(), store.length(monitor, readOnly, FILE));

        assertTrue(lastAudit("store.refused").detail().contains("reason=INSUFFICIENT_RIGHTS"));
        assertEquals(0, store.pendingOperations());
    }

    @Test
    void shouldRefuseAForgedOrAnotherSandboxsHandle()
    {
        final int other = fixture.sandbox("intruder");
        final byte[] record = StoreFixture.bytes(8, 1);

        assertTrue(store.append(other, handle, FILE, record, 0, 8, fixture.recorder) < 0);
        assertTrue(store.append(writer, handle ^ 0x1_0000L, FILE, record, 0, 8, fixture.recorder) < 0);
        assertTrue(store.length(other, handle, FILE) < 0);
        assertTrue(store.freeBytes(other, handle) < 0);
    }

    @Test
    void shouldRefuseAnAppendBeyondCapacityCountingAcceptedOnes()
    {
        final StoreFixture small = new StoreFixture(KernelConfig.withSeed(3).withStoreCapacityBytes(1000),
            TraceSink.NONE);
        final int mm = small.sandbox("module-manager");
        final long cap = small.readWrite(mm);
        final byte[] record = StoreFixture.bytes(600, 1);

        assertTrue(small.store.append(mm, cap, FILE, record, 0, 600, small.recorder) > 0);
        assertEquals(400, small.store.freeBytes(mm, cap), "an accepted append holds its room");
        assertEquals(StoreError.FULL.code(), small.store.append(mm, cap, FILE, record, 0, 600, small.recorder));
        assertTrue(lastAudit(small, "store.refused").detail().contains("reason=FULL"));
        small.run();

        small.store.delete(mm, cap, FILE, small.recorder);
        small.run();
        assertEquals(1000, small.store.freeBytes(mm, cap));
        assertTrue(small.store.append(mm, cap, FILE, record, 0, 600, small.recorder) > 0);
    }

    @Test
    void shouldRefuseAnOperationLargerThanTheMaximum()
    {
        final byte[] huge = new byte[PersistentStore.OPERATION_LENGTH_MAX + 1];

        assertEquals(StoreError.TOO_LARGE.code(), store.append(writer, handle, FILE, huge, 0, huge.length, fixture.recorder));
        assertEquals(StoreError.TOO_LARGE.code(), store.read(writer, handle, FILE, 0, huge, 0, huge.length, fixture.recorder));
    }

    @Test
    void shouldRefuseOnceTheQueueIsFull()
    {
        final byte[] record = StoreFixture.bytes(1, 1);
        for (int i = 0; i < PersistentStore.QUEUE_DEPTH_MAX; i++)
        {
            assertTrue(store.append(writer, handle, FILE, record, 0, 1, fixture.recorder) > 0);
        }

        assertEquals(StoreError.QUEUE_FULL.code(), store.append(writer, handle, FILE, record, 0, 1, fixture.recorder));
        fixture.run();
        assertEquals(PersistentStore.QUEUE_DEPTH_MAX, store.fileLength(FILE));
    }

    @Test
    void shouldCarryWhatIsDurableIntoTheNextBootsStoreWithTheAppendInFlightTorn()
    {
        final byte[] whole = StoreFixture.bytes(100, 1);
        final byte[] torn = StoreFixture.bytes(1_000_000, 2);
        store.append(writer, handle, FILE, whole, 0, whole.length, fixture.recorder);
        fixture.run();
        store.append(writer, handle, FILE, torn, 0, torn.length, fixture.recorder);
        fixture.runUntil(fixture.now() + costs.value(Cost.STORE_LATENCY) + 2_500_000);
        final StoreFixture next = new StoreFixture();

        store.moveInto(next.store);

        final byte[] onDevice = next.contents(FILE);
        assertEquals(whole.length + 500_000, onDevice.length, "the prefix that had moved when the power went");
        assertArrayEquals(whole, Arrays.copyOf(onDevice, whole.length));
        assertEquals(onDevice.length, next.store.storedBytes());
        assertEquals(List.of(), store.files(), "the old machine's store is left empty");
        assertThrows(IllegalStateException.class, () -> next.store.moveInto(next.store));
    }

    @Test
    void shouldTearAnAppendInFlightWhenItsWriterDiesLeavingThePrefixThatHadMoved()
    {
        final byte[] whole = StoreFixture.bytes(100, 1);
        final byte[] torn = StoreFixture.bytes(1_000_000, 2);
        store.append(writer, handle, FILE, whole, 0, whole.length, fixture.recorder);
        store.append(writer, handle, FILE, torn, 0, torn.length, fixture.recorder);
        fixture.run();
        fixture.completions.clear();
        store.append(writer, handle, FILE, torn, 0, torn.length, fixture.recorder);
        final long halfway = fixture.now() + costs.value(Cost.STORE_LATENCY) + 2_500_000;

        fixture.runUntil(halfway);
        fixture.kernel.sandboxes().kill(writer, "test");
        fixture.run();

        assertTrue(fixture.completions.isEmpty(), "a dead writer hears nothing");
        final byte[] onDevice = fixture.contents(FILE);
        final int kept = onDevice.length - whole.length - torn.length;
        assertEquals(500_000, kept, "2.5 ms at 200 MB/s");
        assertArrayEquals(Arrays.copyOf(torn, kept), Arrays.copyOfRange(onDevice, whole.length + torn.length,
            onDevice.length));
        assertTrue(lastAudit("store.torn").detail().contains("kept=500000"));
    }

    @Test
    void shouldDropQueuedOperationsOfADeadSandboxAndGoOnWithOthers()
    {
        final int other = fixture.sandbox("monitor");
        final long otherHandle = fixture.readWrite(other);
        final byte[] record = StoreFixture.bytes(1000, 1);
        store.append(writer, handle, "mine", record, 0, record.length, fixture.recorder);
        store.append(writer, handle, "mine", record, 0, record.length, fixture.recorder);
        final long theirs = store.append(other, otherHandle, "theirs", record, 0, record.length, fixture.recorder);

        fixture.kernel.sandboxes().kill(writer, "test");
        fixture.run();

        assertEquals(1, fixture.completions.size());
        assertEquals(theirs, fixture.completions.get(0)[0]);
        assertEquals(costs.storeTransferNs(record.length), fixture.completions.get(0)[2], "the device went on at once");
        assertEquals(StoreError.NO_SUCH_FILE.code(), store.fileLength("mine"), "nothing had moved yet");
        assertEquals(record.length, store.storedBytes());
    }

    @Test
    void shouldKeepFilesForASandboxRestartedAfterTheWriterDied()
    {
        final byte[] record = StoreFixture.bytes(5000, 3);
        store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder);
        fixture.run();
        fixture.kernel.sandboxes().kill(writer, "test");

        final int restarted = fixture.sandbox("module-manager");
        final long restartedHandle = fixture.readWrite(restarted);
        final byte[] dst = new byte[record.length];
        assertEquals(record.length, store.length(restarted, restartedHandle, FILE));
        store.read(restarted, restartedHandle, FILE, 0, dst, 0, dst.length, fixture.recorder);
        fixture.run();

        assertArrayEquals(record, dst);
    }

    @Test
    void shouldReportEveryOperationLostInACrashAsAnEvent()
    {
        final byte[] record = StoreFixture.bytes(1_000_000, 1);
        final long inFlight = store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder);
        final long queued = store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder);
        fixture.runUntil(costs.value(Cost.STORE_LATENCY) + 100 * Simulation.MICROS);

        store.crash();
        assertTrue(fixture.completions.isEmpty(), "reported in an event, not inline");
        fixture.run();

        assertEquals(List.of(inFlight, queued), fixture.completions.stream().map(c -> c[0]).toList());
        assertTrue(fixture.completions.stream().allMatch(c -> c[1] == StoreError.CRASHED.code()));
        assertEquals(20_000, store.fileLength(FILE), "100 µs of transfer at 200 MB/s left a prefix");
        assertEquals(0, store.pendingOperations());
        assertEquals(store.capacityBytes() - 20_000, store.freeBytes(writer, handle));
    }

    @Test
    void shouldNotReportACrashToAWriterThatDiedBeforeTheReport()
    {
        final byte[] record = StoreFixture.bytes(1000, 1);
        store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder);
        store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder);

        store.crash();
        fixture.kernel.sandboxes().kill(writer, "test");
        fixture.run();

        assertTrue(fixture.completions.isEmpty());
    }

    @Test
    void shouldFailOperationsAndDelayThemAsTheFaultPointSays()
    {
        store.faults(new StoreFaults(new SplittableRandom(1), 5_000_000, 1.0));
        final byte[] record = StoreFixture.bytes(100, 1);

        store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder);
        fixture.run();

        assertEquals(StoreError.IO_FAILED.code(), fixture.completions.get(0)[1]);
        assertEquals(5_000_000 + costs.storeTransferNs(0), fixture.completions.get(0)[2]);
        assertEquals(StoreError.NO_SUCH_FILE.code(), store.fileLength(FILE), "a failed append writes nothing");
        assertEquals(store.capacityBytes(), store.freeBytes(writer, handle));
    }

    @Test
    void shouldDrawTheSameFailuresFromTheSameSeed()
    {
        assertEquals(failures(42), failures(42));
        assertFalse(failures(42).equals(failures(43)));
    }

    @Test
    void shouldTruncateToAShorterLengthAndRefuseALongerOne()
    {
        final byte[] record = StoreFixture.bytes(200_000, 1);
        store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder);
        store.truncate(writer, handle, FILE, 70_000, fixture.recorder);
        store.truncate(writer, handle, FILE, 80_000, fixture.recorder);
        store.append(writer, handle, FILE, record, 0, 10, fixture.recorder);
        fixture.run();

        assertEquals(70_000, fixture.completions.get(1)[1]);
        assertEquals(StoreError.OUT_OF_RANGE.code(), fixture.completions.get(2)[1]);
        final byte[] expected = Arrays.copyOf(record, 70_010);
        System.arraycopy(record, 0, expected, 70_000, 10);
        assertArrayEquals(expected, fixture.contents(FILE));
        assertEquals(70_010, store.storedBytes());
    }

    @Test
    void shouldAnswerNoSuchFileAndOutOfRangeWhenTheDeviceComesToTheOperation()
    {
        final byte[] dst = new byte[10];
        store.read(writer, handle, FILE, 0, dst, 0, 10, fixture.recorder);
        store.append(writer, handle, FILE, dst, 0, 10, fixture.recorder);
        store.read(writer, handle, FILE, 11, dst, 0, 10, fixture.recorder);
        store.read(writer, handle, FILE, 10, dst, 0, 10, fixture.recorder);
        fixture.run();

        assertEquals(List.of((long)StoreError.NO_SUCH_FILE.code(), 10L, (long)StoreError.OUT_OF_RANGE.code(), 0L),
            fixture.completions.stream().map(c -> c[1]).toList());
    }

    @Test
    void shouldTraceKindAndSizeButNeverTheBytes()
    {
        final List<String> lines = new ArrayList<>();
        final StoreFixture traced = new StoreFixture(KernelConfig.withSeed(5), lines::add);
        final int mm = traced.sandbox("module-manager");
        final byte[] secret = "SECRET-STATE".getBytes(StandardCharsets.US_ASCII);

        traced.store.append(mm, traced.readWrite(mm), FILE, secret, 0, secret.length, traced.recorder);
        traced.run();

        final List<String> storeLines = lines.stream().filter(l -> l.split(" ")[1].startsWith("store.")).toList();
        assertEquals(3, storeLines.size(), storeLines.toString());
        assertTrue(storeLines.get(1).contains("store.submit") && storeLines.get(1).contains("op=APPEND")
            && storeLines.get(1).contains("bytes=" + secret.length), storeLines.get(1));
        assertTrue(storeLines.stream().noneMatch(l -> l.contains("SECRET")));
        assertTrue(lastAudit(traced, "store.write").detail().contains("result=" + secret.length));
    }

    @Test
    void shouldFlipAStoredByteForFaultInjection()
    {
        final byte[] record = StoreFixture.bytes(10, 1);
        store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder);
        fixture.run();

        store.flip(FILE, 3, (byte)0x10);

        record[3] ^= 0x10;
        assertArrayEquals(record, fixture.contents(FILE));
        assertThrows(IllegalArgumentException.class, () -> store.flip(FILE, 10, (byte)1));
    }

    @Test
    void shouldRefuseABadFileNameAsMisuse()
    {
        final byte[] record = new byte[1];
        assertThrows(IllegalArgumentException.class, () -> store.append(writer, handle, "a b", record, 0, 1, fixture.recorder));
        assertThrows(IllegalArgumentException.class, () -> store.append(writer, handle, "", record, 0, 1, fixture.recorder));
        assertThrows(IllegalArgumentException.class,
            () -> store.append(writer, handle, "x".repeat(PersistentStore.FILE_NAME_LENGTH_MAX + 1), record, 0, 1,
                fixture.recorder));
    }

    private List<Long> failures(final long seed)
    {
        final StoreFixture run = new StoreFixture();
        final int mm = run.sandbox("module-manager");
        final long cap = run.readWrite(mm);
        run.store.faults(new StoreFaults(new SplittableRandom(seed), 0, 0.5));
        final byte[] record = new byte[1];
        for (int i = 0; i < 64; i++)
        {
            run.store.append(mm, cap, FILE, record, 0, 1, run.recorder);
        }
        run.run();
        return run.completions.stream().map(c -> c[1]).toList();
    }

    private AuditRecord lastAudit(final String kind)
    {
        return lastAudit(fixture, kind);
    }

    private static AuditRecord lastAudit(final StoreFixture fixture, final String kind)
    {
        final List<AuditRecord> records = fixture.kernel.audit().records();
        for (int i = records.size() - 1; i >= 0; i--)
        {
            if (records.get(i).kind().equals(kind))
            {
                return records.get(i);
            }
        }
        throw new AssertionError("no audit record kind=" + kind);
    }
}
