package org.hicsim.mm.channel;

/**
 * Layout of one sealed record on a migration channel: a clear header, then the AES-256-GCM ciphertext of the
 * payload and its tag. Fields are big-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Sequence Number                        |
 *  |                           (64 bits)                           |
 *  +---------------------------------------------------------------+
 *  |                        Payload Length                         |
 *  +---------------------------------------------------------------+  &lt;- end of the associated data
 *  |               Ciphertext (Payload Length bytes)              ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 *  |                       Tag (128 bits)                          |
 *  |                                                               |
 *  |                                                               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * The sequence number counts the records sealed in one direction from 0; with the direction it makes the nonce,
 * so no nonce repeats under a key. The whole header is the associated data, so a changed sequence number or
 * length fails the tag as a changed ciphertext byte does. The payload length is the plaintext's, which AES-GCM
 * keeps.
 */
public final class ChannelRecordDescriptor
{
    public static final int SEQUENCE_OFFSET = 0;
    public static final int PAYLOAD_LENGTH_OFFSET = SEQUENCE_OFFSET + Long.BYTES;
    public static final int HEADER_LENGTH = PAYLOAD_LENGTH_OFFSET + Integer.BYTES;
    public static final int CIPHERTEXT_OFFSET = HEADER_LENGTH;
    /** AES-GCM's full 128-bit tag: a shorter one would make forgeries likelier for no gain here. */
    public static final int TAG_LENGTH = 16;
    /** What a record adds to its payload. */
    public static final int OVERHEAD = HEADER_LENGTH + TAG_LENGTH;

    private ChannelRecordDescriptor()
    {
    }

    public static int sequenceOffset(final int recordOffset)
    {
        return recordOffset + SEQUENCE_OFFSET;
    }

    public static int payloadLengthOffset(final int recordOffset)
    {
        return recordOffset + PAYLOAD_LENGTH_OFFSET;
    }

    public static int ciphertextOffset(final int recordOffset)
    {
        return recordOffset + CIPHERTEXT_OFFSET;
    }

    /** Bytes a record sealing {@code payloadLength} bytes takes. */
    public static int recordLength(final int payloadLength)
    {
        return OVERHEAD + payloadLength;
    }

    /**
     * @return whether a record of {@code recordLength} bytes whose header claims {@code payloadLength} is well
     * formed for a channel whose payloads are at most {@code payloadLengthMax}: what the opener checks before it
     * spends a decryption on it.
     */
    public static boolean isWellFormed(final int recordLength, final int payloadLength, final int payloadLengthMax)
    {
        return payloadLength >= 0 && payloadLength <= payloadLengthMax && recordLength == recordLength(payloadLength);
    }
}
