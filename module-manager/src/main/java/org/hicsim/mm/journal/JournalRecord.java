package org.hicsim.mm.journal;

import java.util.Arrays;

/**
 * One entry of the journal: a type the Module Manager defines (update started, phase reached, point of no
 * return, committed, …) and its payload. Immutable: the payload is copied in and out.
 */
public final class JournalRecord
{
    private final int type;
    private final byte[] payload;

    /**
     * @throws IllegalArgumentException if the payload is longer than
     *                                  {@link JournalRecordDescriptor#PAYLOAD_LENGTH_MAX}.
     */
    public JournalRecord(final int type, final byte[] payload)
    {
        JournalRecordDescriptor.checkPayloadLength(payload.length);
        this.type = type;
        this.payload = payload.clone();
    }

    public int type()
    {
        return type;
    }

    public int payloadLength()
    {
        return payload.length;
    }

    /** A copy of the payload. */
    public byte[] payload()
    {
        return payload.clone();
    }

    /** Copies the payload into {@code dst} at {@code dstOffset}; returns its length. */
    public int copyPayload(final byte[] dst, final int dstOffset)
    {
        System.arraycopy(payload, 0, dst, dstOffset, payload.length);
        return payload.length;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof JournalRecord
            && ((JournalRecord)other).type == type
            && Arrays.equals(((JournalRecord)other).payload, payload);
    }

    @Override
    public int hashCode()
    {
        return type * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString()
    {
        return "JournalRecord{type=" + type + " payloadLength=" + payload.length + "}";
    }
}
