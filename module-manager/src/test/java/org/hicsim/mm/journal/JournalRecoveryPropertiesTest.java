package org.hicsim.mm.journal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.hicsim.mm.KernelFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery keeps exactly the whole records: the journal cut at any byte, or with any byte flipped, reads back as
 * the records that lie wholly before the damage, in order, and nothing after it.
 */
class JournalRecoveryPropertiesTest
{
    @Provide
    Arbitrary<List<JournalRecord>> records()
    {
        final Arbitrary<JournalRecord> record = Combinators.combine(
            Arbitraries.integers(),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
            .as(JournalRecord::new);
        return record.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 100)
    void aJournalCutAtAnyByteReadsBackAsTheRecordsWhollyBeforeTheCut(@ForAll("records") final List<JournalRecord> records)
    {
        final JournalCodec codec = new JournalCodec();
        final Encoded encoded = encode(codec, records);

        for (int cut = 0; cut <= encoded.bytes.length; cut++)
        {
            final JournalScan scan = codec.scan(encoded.bytes, cut);
            final int whole = wholeBefore(encoded.ends, cut);
            assertEquals(records.subList(0, whole), scan.records(), "cut=" + cut);
            assertEquals(whole == 0 ? 0 : encoded.ends.get(whole - 1), scan.validLength());
            assertEquals(scan.validLength() == cut ? JournalTail.CLEAN : JournalTail.TORN, scan.tail(), "cut=" + cut);
        }
    }

    @Property(tries = 100)
    void aFlippedByteLosesItsRecordAndEveryRecordAfterIt(
        @ForAll("records") final List<JournalRecord> records,
        @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) final int where,
        @ForAll @IntRange(min = 1, max = 255) final int mask)
    {
        final JournalCodec codec = new JournalCodec();
        final Encoded encoded = encode(codec, records);
        final int position = where % encoded.bytes.length;
        encoded.bytes[position] ^= (byte)mask;

        final JournalScan scan = codec.scan(encoded.bytes, encoded.bytes.length);

        assertEquals(records.subList(0, wholeBefore(encoded.ends, position)), scan.records(), "position=" + position);
        assertTrue(scan.tail() != JournalTail.CLEAN);
    }

    /**
     * Through the device: a journal written by the Module Manager, then, for every byte offset of its last record,
     * a copy cut there and opened by a restarted Module Manager, and copies with one byte flipped anywhere.
     */
    @Property(tries = 25)
    void theManagerRecoversExactlyTheWholeRecordsOfATornOrFlippedJournal(
        @ForAll("records") final List<JournalRecord> records, @ForAll final int flipSeed)
    {
        final KernelFixture fixture = new KernelFixture();
        final Journal journal = JournalTest.open(fixture).journal;
        for (final JournalRecord record : records)
        {
            journal.append(record, (number, result) -> assertTrue(result >= 0));
        }
        fixture.run();
        final byte[] written = fixture.readFile(JournalTest.FILE);
        final Encoded encoded = encode(new JournalCodec(), records);
        assertEquals(encoded.bytes.length, written.length);
        final int lastStart = records.size() == 1 ? 0 : encoded.ends.get(records.size() - 2);
        fixture.killManager();
        fixture.startManager(100);

        for (int cut = lastStart; cut < written.length; cut++)
        {
            final String file = "torn-" + cut;
            fixture.writeFile(file, written, cut);
            final JournalScan scan = openFile(fixture, file);
            assertEquals(records.subList(0, records.size() - 1), scan.records(), "cut=" + cut);
            assertEquals(lastStart, fixture.store().fileLength(file), "the torn tail is cut off the device");
        }
        for (int i = 0; i < 8; i++)
        {
            final int position = Math.floorMod(flipSeed * 31 + i * 7919, written.length);
            final String file = "flipped-" + i;
            fixture.writeFile(file, written, written.length);
            fixture.store().flip(file, position, (byte)(1 << (i % 8)));
            final JournalScan scan = openFile(fixture, file);
            assertEquals(records.subList(0, wholeBefore(encoded.ends, position)), scan.records(), "position=" + position);
        }
    }

    private static JournalScan openFile(final KernelFixture fixture, final String file)
    {
        final JournalTest.Opened opened = new JournalTest.Opened();
        assertEquals(0, Journal.open(fixture.kernel, fixture.manager, fixture.storeHandle, file, opened));
        fixture.run();
        return opened.scan;
    }

    /** How many records end at or before {@code offset}. */
    private static int wholeBefore(final List<Integer> ends, final int offset)
    {
        int whole = 0;
        while (whole < ends.size() && ends.get(whole) <= offset)
        {
            whole++;
        }
        return whole;
    }

    private static Encoded encode(final JournalCodec codec, final List<JournalRecord> records)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<Integer> ends = new ArrayList<>();
        for (final JournalRecord record : records)
        {
            out.writeBytes(codec.encode(record));
            ends.add(out.size());
        }
        return new Encoded(out.toByteArray(), ends);
    }

    private record Encoded(byte[] bytes, List<Integer> ends)
    {
    }
}
