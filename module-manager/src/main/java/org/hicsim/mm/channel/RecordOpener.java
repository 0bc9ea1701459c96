package org.hicsim.mm.channel;

import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static org.hicsim.mm.channel.ChannelRecordDescriptor.HEADER_LENGTH;
import static org.hicsim.mm.channel.ChannelRecordDescriptor.OVERHEAD;
import static org.hicsim.mm.channel.ChannelRecordDescriptor.TAG_LENGTH;
import static org.hicsim.mm.channel.ChannelRecordDescriptor.ciphertextOffset;
import static org.hicsim.mm.channel.ChannelRecordDescriptor.payloadLengthOffset;
import static org.hicsim.mm.channel.ChannelRecordDescriptor.sequenceOffset;

/**
 * The receiving half of one direction: opens records in sequence, refusing and counting every one that is not
 * the next authentic record. A refused record changes nothing but its refusal count.
 * <p>
 * The tag is verified before the sequence number is looked at, so a record is refused as
 * {@link RecordRefusal#AUTHENTICATION_FAILED} whatever field was changed, and only an authentic record can be
 * called {@link RecordRefusal#REPLAYED} or {@link RecordRefusal#OUT_OF_ORDER}. The opener does not retransmit
 * or reorder: after a refusal the stream has a hole, and the records after it are refused as out of order until
 * the one expected arrives.
 */
public final class RecordOpener
{
    private final RecordCipher cipher;
    private final int payloadLengthMax;
    private final byte[] plaintext;
    private final UnsafeBuffer plaintextView;
    private final UnsafeBuffer recordView = new UnsafeBuffer(0, 0);
    private final RefusalCounts refusedCounts = new RefusalCounts();
    private long expectedSequence;

    /**
     * @param key       32 bytes; a copy is kept.
     * @param direction the label of the direction opened (see {@link ChannelRole#receiveDirection()}).
     */
    public RecordOpener(final byte[] key, final int direction, final int payloadLengthMax)
    {
        ChannelConfig.checkPayloadLengthMax(payloadLengthMax);
        this.cipher = new RecordCipher(key, direction);
        this.payloadLengthMax = payloadLengthMax;
        this.plaintext = new byte[payloadLengthMax];
        this.plaintextView = new UnsafeBuffer(plaintext);
    }

    /**
     * Opens {@code record[offset, offset + length)} if it is the next authentic record.
     *
     * @return the payload's length, the payload in {@link #plaintext()}; or a negative {@link RecordRefusal}
     * code.
     * @throws IndexOutOfBoundsException if the range is not inside {@code record}.
     */
    public int open(final byte[] record, final int offset, final int length)
    {
        Objects.checkFromIndexSize(offset, length, record.length);
        if (cipher.isDestroyed())
        {
            return refuse(RecordRefusal.CLOSED);
        }
        if (length < OVERHEAD)
        {
            return refuse(RecordRefusal.MALFORMED);
        }
        final UnsafeBuffer view = recordView;
        view.wrap(record, offset, length);
        final long sequence = view.getLong(sequenceOffset(0), ByteOrder.BIG_ENDIAN);
        final int payloadLength = view.getInt(payloadLengthOffset(0), ByteOrder.BIG_ENDIAN);
        if (!ChannelRecordDescriptor.isWellFormed(length, payloadLength, payloadLengthMax))
        {
            return refuse(RecordRefusal.MALFORMED);
        }
        final Cipher aead = cipher.begin(Cipher.DECRYPT_MODE, sequence);
        try
        {
            aead.updateAAD(record, offset, HEADER_LENGTH);
            aead.doFinal(record, ciphertextOffset(offset), payloadLength + TAG_LENGTH, plaintext, 0);
        }
        catch (final AEADBadTagException ex)
        {
            return refuse(RecordRefusal.AUTHENTICATION_FAILED);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-GCM failed to open a record it has room for", ex);
        }
        if (sequence < expectedSequence)
        {
            return refuse(RecordRefusal.REPLAYED);
        }
        if (sequence > expectedSequence)
        {
            return refuse(RecordRefusal.OUT_OF_ORDER);
        }
        expectedSequence = sequence + 1;
        return payloadLength;
    }

    /**
     * The payload of the record last opened, from index 0 for the length {@link #open} returned: a flyweight,
     * valid until the next call to {@link #open}.
     */
    public DirectBuffer plaintext()
    {
        return plaintextView;
    }

    /** The sequence number of the next record this opener takes: how many it opened. */
    public long expectedSequence()
    {
        return expectedSequence;
    }

    public long refusedCount(final RecordRefusal refusal)
    {
        return refusedCounts.count(refusal);
    }

    /** Refusals of every kind. */
    public long refusedCount()
    {
        return refusedCounts.total();
    }

    /** Drops the key; every record is refused as {@link RecordRefusal#CLOSED} from now on. */
    public void destroy()
    {
        cipher.destroy();
        Arrays.fill(plaintext, (byte)0);
    }

    private int refuse(final RecordRefusal refusal)
    {
        refusedCounts.add(refusal);
        return refusal.code();
    }
}
