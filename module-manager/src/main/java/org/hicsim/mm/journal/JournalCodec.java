package org.hicsim.mm.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static org.hicsim.mm.journal.JournalRecordDescriptor.CRC_OFFSET;
import static org.hicsim.mm.journal.JournalRecordDescriptor.HEADER_LENGTH;
import static org.hicsim.mm.journal.JournalRecordDescriptor.LENGTH_OFFSET;
import static org.hicsim.mm.journal.JournalRecordDescriptor.PAYLOAD_LENGTH_MAX;
import static org.hicsim.mm.journal.JournalRecordDescriptor.PAYLOAD_OFFSET;
import static org.hicsim.mm.journal.JournalRecordDescriptor.TYPE_OFFSET;

/**
 * Writes records in the {@link JournalRecordDescriptor} layout and reads a journal back from its start, stopping
 * at the first record that is cut short or fails its checksum. Not thread-safe: it keeps one checksum object.
 */
public final class JournalCodec
{
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final CRC32C crc = new CRC32C();

    /** The record as the journal stores it. */
    public byte[] encode(final JournalRecord record)
    {
        final byte[] bytes = new byte[JournalRecordDescriptor.recordLength(record.payloadLength())];
        INT_LE.set(bytes, LENGTH_OFFSET, record.payloadLength());
        INT_LE.set(bytes, TYPE_OFFSET, record.type());
        record.copyPayload(bytes, PAYLOAD_OFFSET);
        INT_LE.set(bytes, CRC_OFFSET, checksum(bytes, 0, record.payloadLength()));
        return bytes;
    }

    /**
     * Reads the first {@code length} bytes of {@code bytes} as a journal: every whole record up to the first bad
     * one, and what the tail is.
     */
    public JournalScan scan(final byte[] bytes, final int length)
    {
        final List<JournalRecord> records = new ArrayList<>();
        int position = 0;
        JournalTail tail = JournalTail.CLEAN;
        while (position < length)
        {
            if (length - position < HEADER_LENGTH)
            {
                tail = JournalTail.TORN;
                break;
            }
            final int payloadLength = (int)INT_LE.get(bytes, position + LENGTH_OFFSET);
            if (payloadLength < 0 || payloadLength > PAYLOAD_LENGTH_MAX)
            {
                tail = JournalTail.CORRUPT;
                break;
            }
            final long end = (long)position + HEADER_LENGTH + payloadLength;
            if (end > length)
            {
                tail = JournalTail.TORN;
                break;
            }
            if ((int)INT_LE.get(bytes, position + CRC_OFFSET) != checksum(bytes, position, payloadLength))
            {
                tail = end == length ? JournalTail.TORN : JournalTail.CORRUPT;
                break;
            }
            final int payloadStart = position + PAYLOAD_OFFSET;
            records.add(new JournalRecord((int)INT_LE.get(bytes, position + TYPE_OFFSET),
                Arrays.copyOfRange(bytes, payloadStart, payloadStart + payloadLength)));
            position = (int)end;
        }
        return new JournalScan(records, position, length, tail);
    }

    /** CRC32C over the length field, then the type and payload: every byte of the record but the checksum. */
    private int checksum(final byte[] bytes, final int recordStart, final int payloadLength)
    {
        crc.reset();
        crc.update(bytes, recordStart + LENGTH_OFFSET, Integer.BYTES);
        crc.update(bytes, recordStart + TYPE_OFFSET, Integer.BYTES + payloadLength);
        return (int)crc.getValue();
    }
}
