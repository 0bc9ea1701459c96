package org.hicsim.mm.journal;

/**
 * Layout of one record in the Module Manager's journal, all fields little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Payload Length                         |
 *  +---------------------------------------------------------------+
 *  |            CRC32C (length, then type and payload)             |
 *  +---------------------------------------------------------------+
 *  |                             Type                              |
 *  +---------------------------------------------------------------+
 *  |                          Payload                             ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 * Records follow one another from the file's start with no gaps. The checksum covers every byte of the record
 * but its own field, so a record cut short, a length bit flipped or a payload byte changed is found, and the
 * reader stops there: nothing after a bad record is trusted, since its start is only known from the bad one.
 */
public final class JournalRecordDescriptor
{
    public static final int LENGTH_OFFSET = 0;
    public static final int CRC_OFFSET = LENGTH_OFFSET + Integer.BYTES;
    public static final int TYPE_OFFSET = CRC_OFFSET + Integer.BYTES;
    public static final int HEADER_LENGTH = TYPE_OFFSET + Integer.BYTES;
    public static final int PAYLOAD_OFFSET = HEADER_LENGTH;

    /** Bound on a payload: records are small typed values; a length above it marks a bad record. */
    public static final int PAYLOAD_LENGTH_MAX = 1 << 20;

    private JournalRecordDescriptor()
    {
    }

    /** Bytes a record with this payload takes in the file. */
    public static int recordLength(final int payloadLength)
    {
        return HEADER_LENGTH + payloadLength;
    }

    /**
     * @throws IllegalArgumentException unless {@code payloadLength} is in [0, {@link #PAYLOAD_LENGTH_MAX}].
     */
    public static void checkPayloadLength(final int payloadLength)
    {
        if (payloadLength < 0 || payloadLength > PAYLOAD_LENGTH_MAX)
        {
            throw new IllegalArgumentException("payloadLength=" + payloadLength + " must be in [0, "
                + PAYLOAD_LENGTH_MAX + "]");
        }
    }
}
