package org.hicsim.mm.channel;

import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Objects;

import javax.crypto.Cipher;

import org.agrona.concurrent.UnsafeBuffer;

import static org.hicsim.mm.channel.ChannelRecordDescriptor.HEADER_LENGTH;
import static org.hicsim.mm.channel.ChannelRecordDescriptor.ciphertextOffset;
import static org.hicsim.mm.channel.ChannelRecordDescriptor.payloadLengthOffset;
import static org.hicsim.mm.channel.ChannelRecordDescriptor.recordLength;
import static org.hicsim.mm.channel.ChannelRecordDescriptor.sequenceOffset;

/**
 * The sending half of one direction: seals payloads into records ({@link ChannelRecordDescriptor}) numbered
 * from 0 under the direction's AES-256-GCM key, the header as associated data.
 */
public final class RecordSealer
{
    private final RecordCipher cipher;
    private final int payloadLengthMax;
    private final UnsafeBuffer recordView = new UnsafeBuffer(0, 0);
    private long nextSequence;

    /**
     * @param key       32 bytes; a copy is kept.
     * @param direction the label of this direction (see {@link ChannelRole#sendDirection()}).
     */
    public RecordSealer(final byte[] key, final int direction, final int payloadLengthMax)
    {
        ChannelConfig.checkPayloadLengthMax(payloadLengthMax);
        this.cipher = new RecordCipher(key, direction);
        this.payloadLengthMax = payloadLengthMax;
    }

    /**
     * Seals {@code payload[offset, offset + length)} as the next record.
     *
     * @return the record, {@link ChannelRecordDescriptor#recordLength(int)} bytes.
     * @throws IllegalArgumentException  if {@code length} is above the payload bound.
     * @throws IndexOutOfBoundsException if the range is not inside {@code payload}.
     * @throws IllegalStateException     if the sealer was destroyed, or its sequence numbers are spent.
     */
    public byte[] seal(final byte[] payload, final int offset, final int length)
    {
        if (length < 0 || length > payloadLengthMax)
        {
            throw new IllegalArgumentException("length=" + length + " must be in [0, " + payloadLengthMax + "]");
        }
        Objects.checkFromIndexSize(offset, length, payload.length);
        final long sequence = nextSequence;
        if (sequence == Long.MAX_VALUE)
        {
            throw new IllegalStateException("sequence numbers spent, nextSequence=" + sequence);
        }
        final Cipher aead = cipher.begin(Cipher.ENCRYPT_MODE, sequence);
        final byte[] record = new byte[recordLength(length)];
        final UnsafeBuffer view = recordView;
        view.wrap(record);
        view.putLong(sequenceOffset(0), sequence, ByteOrder.BIG_ENDIAN);
        view.putInt(payloadLengthOffset(0), length, ByteOrder.BIG_ENDIAN);
        try
        {
            aead.updateAAD(record, 0, HEADER_LENGTH);
            aead.doFinal(payload, offset, length, record, ciphertextOffset(0));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-GCM failed to seal a record it has room for", ex);
        }
        nextSequence = sequence + 1;
        return record;
    }

    /** The sequence number the next record gets: how many were sealed. */
    public long nextSequence()
    {
        return nextSequence;
    }

    /** Drops the key; {@link #seal} refuses from now on. */
    public void destroy()
    {
        cipher.destroy();
    }

    public boolean isDestroyed()
    {
        return cipher.isDestroyed();
    }
}
