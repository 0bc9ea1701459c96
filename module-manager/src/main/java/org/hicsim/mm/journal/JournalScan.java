package org.hicsim.mm.journal;

import java.util.List;

/**
 * The whole records of a journal, in the order written, and what was found after them.
 *
 * @param records       every record before the first bad one.
 * @param validLength   bytes the whole records take from the start: where the next record goes.
 * @param scannedLength bytes read.
 * @param tail          what follows the whole records.
 */
public record JournalScan(List<JournalRecord> records, long validLength, long scannedLength, JournalTail tail)
{
    public JournalScan
    {
        records = List.copyOf(records);
        final boolean clean = validLength == scannedLength;
        if (validLength < 0 || validLength > scannedLength || clean != (tail == JournalTail.CLEAN))
        {
            throw new IllegalArgumentException("validLength=" + validLength + " scannedLength=" + scannedLength
                + " tail=" + tail + " disagree");
        }
    }

    /** Bytes after the whole records, dropped by recovery. */
    public long droppedBytes()
    {
        return scannedLength - validLength;
    }
}
