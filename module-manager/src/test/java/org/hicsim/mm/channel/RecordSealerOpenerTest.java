package org.hicsim.mm.channel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

import static org.hicsim.mm.channel.ChannelRecordDescriptor.HEADER_LENGTH;
import static org.hicsim.mm.channel.ChannelRecordDescriptor.TAG_LENGTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordSealerOpenerTest
{
    private static final int PAYLOAD_LENGTH_MAX = 4096;
    private static final int DIRECTION = ChannelRole.INITIATOR.sendDirection();

    private final byte[] key = key(1);
    private final RecordSealer sealer = new RecordSealer(key, DIRECTION, PAYLOAD_LENGTH_MAX);
    private final RecordOpener opener = new RecordOpener(key, DIRECTION, PAYLOAD_LENGTH_MAX);

    private static byte[] key(final int seed)
    {
        final byte[] key = new byte[RecordCipher.KEY_LENGTH];
        Arrays.fill(key, (byte)seed);
        return key;
    }

    private static byte[] payload(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] seal(final String text)
    {
        final byte[] payload = payload(text);
        return sealer.seal(payload, 0, payload.length);
    }

    private byte[] openedPayload(final int length)
    {
        final byte[] out = new byte[length];
        opener.plaintext().getBytes(0, out);
        return out;
    }

    private int open(final byte[] record)
    {
        return opener.open(record, 0, record.length);
    }

    @Test
    void shouldOpenWhatWasSealedInSequence()
    {
        final byte[] first = seal("connection 1 state");
        final byte[] second = seal("connection 2 state, longer");

        assertEquals(payload("connection 1 state").length, open(first));
        assertArrayEquals(payload("connection 1 state"), openedPayload(18));
        assertEquals(26, open(second));
        assertArrayEquals(payload("connection 2 state, longer"), openedPayload(26));
        assertEquals(2, opener.expectedSequence());
        assertEquals(2, sealer.nextSequence());
        assertEquals(0, opener.refusedCount());
    }

    @Test
    void shouldSealAsStandardAesGcmWithTheNonceFromDirectionAndSequence()
    {
        seal("skip one so the sequence number is not zero");
        final byte[] record = seal("check me");

        final byte[] nonce = new byte[RecordCipher.NONCE_LENGTH];
        nonce[3] = (byte)DIRECTION;
        nonce[11] = 1;
        final GCMBlockCipher gcm = (GCMBlockCipher)GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, Arrays.copyOf(record, HEADER_LENGTH)));
        final byte[] plain = new byte[gcm.getOutputSize(record.length - HEADER_LENGTH)];
        final int length = gcm.processBytes(record, HEADER_LENGTH, record.length - HEADER_LENGTH, plain, 0);

        assertEquals(8, doFinalOrFail(gcm, plain, length));
        assertArrayEquals(payload("check me"), Arrays.copyOf(plain, 8));
    }

    private static int doFinalOrFail(final GCMBlockCipher gcm, final byte[] out, final int offset)
    {
        try
        {
            return offset + gcm.doFinal(out, offset);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("Bouncy Castle refused our record", ex);
        }
    }

    @Test
    void shouldRefuseAFlippedByteInEveryRegionAndStayWhereItWas()
    {
        final byte[] record = seal("state of one connection");
        final int[] offsets = {
            ChannelRecordDescriptor.SEQUENCE_OFFSET,
            ChannelRecordDescriptor.SEQUENCE_OFFSET + Long.BYTES - 1,
            ChannelRecordDescriptor.PAYLOAD_LENGTH_OFFSET + Integer.BYTES - 1,
            ChannelRecordDescriptor.CIPHERTEXT_OFFSET,
            record.length - TAG_LENGTH - 1,
            record.length - TAG_LENGTH,
            record.length - 1};

        for (final int offset : offsets)
        {
            final byte[] tampered = record.clone();
            tampered[offset] ^= 0x01;
            final int result = open(tampered);
            final RecordRefusal expected = offset >= ChannelRecordDescriptor.PAYLOAD_LENGTH_OFFSET && offset < HEADER_LENGTH ?
                RecordRefusal.MALFORMED : RecordRefusal.AUTHENTICATION_FAILED;
            assertEquals(expected.code(), result, "offset=" + offset);
        }
        assertEquals(0, opener.expectedSequence());
        assertEquals(offsets.length, opener.refusedCount());
        assertEquals(23, open(record));
    }

    @Test
    void shouldRefuseAReplayedRecordAfterItWasOpened()
    {
        final byte[] record = seal("once only");
        assertEquals(9, open(record));

        assertEquals(RecordRefusal.REPLAYED.code(), open(record));
        assertEquals(1, opener.refusedCount(RecordRefusal.REPLAYED));
        assertEquals(1, opener.expectedSequence());
    }

    @Test
    void shouldRefuseARecordAheadOfItsTurnThenTakeTheOneExpected()
    {
        final byte[] first = seal("first");
        final byte[] second = seal("second");

        assertEquals(RecordRefusal.OUT_OF_ORDER.code(), open(second));
        assertEquals(5, open(first));
        assertEquals(6, open(second));
        assertEquals(1, opener.refusedCount(RecordRefusal.OUT_OF_ORDER));
    }

    @Test
    void shouldRefuseARecordSealedForTheOtherDirectionOrUnderAnotherKey()
    {
        final byte[] otherDirection = new RecordSealer(key, ChannelRole.RESPONDER.sendDirection(), PAYLOAD_LENGTH_MAX)
            .seal(payload("x"), 0, 1);
        final byte[] otherKey = new RecordSealer(key(2), DIRECTION, PAYLOAD_LENGTH_MAX).seal(payload("x"), 0, 1);

        assertEquals(RecordRefusal.AUTHENTICATION_FAILED.code(), open(otherDirection));
        assertEquals(RecordRefusal.AUTHENTICATION_FAILED.code(), open(otherKey));
    }

    @Test
    void shouldRefuseATruncatedOrExtendedRecordAsMalformed()
    {
        final byte[] record = seal("some bytes");

        assertEquals(RecordRefusal.MALFORMED.code(), opener.open(record, 0, record.length - 1));
        assertEquals(RecordRefusal.MALFORMED.code(), open(Arrays.copyOf(record, record.length + 1)));
        assertEquals(RecordRefusal.MALFORMED.code(), open(new byte[ChannelRecordDescriptor.OVERHEAD - 1]));
        assertEquals(3, opener.refusedCount(RecordRefusal.MALFORMED));
    }

    @Test
    void shouldRefuseEverythingOnceDestroyed()
    {
        final byte[] record = seal("sealed before close");
        opener.destroy();
        sealer.destroy();

        assertEquals(RecordRefusal.CLOSED.code(), open(record));
        assertThrows(IllegalStateException.class, () -> seal("after close"));
    }

    @Test
    void shouldRefuseToSealMoreThanTheBound()
    {
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(new byte[PAYLOAD_LENGTH_MAX + 1], 0, PAYLOAD_LENGTH_MAX + 1));
        assertEquals(ChannelRecordDescriptor.recordLength(PAYLOAD_LENGTH_MAX),
            sealer.seal(new byte[PAYLOAD_LENGTH_MAX], 0, PAYLOAD_LENGTH_MAX).length);
    }
}
