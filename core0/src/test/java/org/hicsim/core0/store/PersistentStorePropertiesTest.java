package org.hicsim.core0.store;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability over generated appends and a death of the writer, or a crash of the device, at any instant: what
 * was reported done is on the device whole and in order, and of the rest at most a prefix of the one in flight.
 */
class PersistentStorePropertiesTest
{
    private static final String FILE = "journal";

    @Property(tries = 200)
    void reportedAppendsSurviveTheWritersDeathAndOnlyAPrefixOfTheNextDoes(
        @ForAll("appendLengths") final List<Integer> lengths, @ForAll @LongRange(min = 0, max = 20_000_000) final long deathNs)
    {
        final Outcome outcome = run(lengths, deathNs, false);

        assertTrue(outcome.reported.stream().allMatch(result -> result >= 0));
        assertDurablePrefix(lengths, outcome);
    }

    @Property(tries = 200)
    void reportedAppendsSurviveACrashAndEveryOtherIsReportedLost(
        @ForAll("appendLengths") final List<Integer> lengths, @ForAll @LongRange(min = 0, max = 20_000_000) final long crashNs)
    {
        final Outcome outcome = run(lengths, crashNs, true);

        assertEquals(lengths.size(), outcome.reported.size(), "every operation is reported once");
        final long done = outcome.reported.stream().filter(result -> result >= 0).count();
        assertTrue(outcome.reported.subList((int)done, lengths.size()).stream()
            .allMatch(result -> result == StoreError.CRASHED.code()));
        assertDurablePrefix(lengths, new Outcome(outcome.reported.subList(0, (int)done), outcome.onDevice,
            outcome.storedBytes));
    }

    @Provide
    Arbitrary<List<Integer>> appendLengths()
    {
        return Arbitraries.integers().between(0, 300_000).list().ofMinSize(1).ofMaxSize(12);
    }

    private static Outcome run(final List<Integer> lengths, final long faultNs, final boolean crash)
    {
        final StoreFixture fixture = new StoreFixture();
        final int writer = fixture.sandbox("module-manager");
        final long handle = fixture.readWrite(writer);
        for (int i = 0; i < lengths.size(); i++)
        {
            final byte[] record = StoreFixture.bytes(lengths.get(i), i);
            assertTrue(fixture.store.append(writer, handle, FILE, record, 0, record.length, fixture.recorder) > 0);
        }
        fixture.runUntil(faultNs);
        if (crash)
        {
            fixture.store.crash();
        }
        else
        {
            fixture.kernel.sandboxes().kill(writer, "property");
        }
        fixture.run();
        final byte[] onDevice = fixture.store.fileLength(FILE) < 0 ? new byte[0] : fixture.contents(FILE);
        return new Outcome(fixture.completions.stream().map(c -> c[1]).toList(), onDevice, fixture.store.storedBytes());
    }

    private static void assertDurablePrefix(final List<Integer> lengths, final Outcome outcome)
    {
        final ByteArrayOutputStream durable = new ByteArrayOutputStream();
        for (int i = 0; i < outcome.reported.size(); i++)
        {
            durable.writeBytes(StoreFixture.bytes(lengths.get(i), i));
            assertEquals(durable.size(), outcome.reported.get(i), "an append reports the length after it");
        }
        final byte[] whole = durable.toByteArray();
        assertTrue(outcome.onDevice.length >= whole.length);
        assertArrayEquals(whole, Arrays.copyOf(outcome.onDevice, whole.length));
        final int tornLength = outcome.onDevice.length - whole.length;
        if (tornLength > 0)
        {
            final int next = outcome.reported.size();
            final byte[] nextRecord = StoreFixture.bytes(lengths.get(next), next);
            assertTrue(tornLength <= nextRecord.length);
            assertArrayEquals(Arrays.copyOf(nextRecord, tornLength),
                Arrays.copyOfRange(outcome.onDevice, whole.length, outcome.onDevice.length));
        }
        assertEquals(outcome.onDevice.length, outcome.storedBytes);
    }

    private record Outcome(List<Long> reported, byte[] onDevice, long storedBytes)
    {
    }
}
