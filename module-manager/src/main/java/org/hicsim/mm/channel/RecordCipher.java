package org.hicsim.mm.channel;

import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One direction's AES-256-GCM key and its nonces, shared by the sealer and the opener of that direction. The
 * JDK's cipher is used because it runs on AES-NI and carry-less multiply; it is deterministic, as AES-GCM is
 * once key and nonce are given.
 * <p>
 * The 96-bit nonce is made from the direction and the record's sequence number, never drawn:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Direction Label                         |
 *  +---------------------------------------------------------------+
 *  |                        Sequence Number                        |
 *  |                           (64 bits)                           |
 *  +---------------------------------------------------------------+
 * </pre>
 * The sequence number only grows under a key and each direction has its own key and label, so no nonce is
 * used twice with one key: the one rule AES-GCM must not break.
 */
final class RecordCipher
{
    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    private static final int DIRECTION_OFFSET = 0;
    private static final int SEQUENCE_OFFSET = DIRECTION_OFFSET + Integer.BYTES;
    private static final int TAG_BITS = ChannelRecordDescriptor.TAG_LENGTH * Byte.SIZE;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Cipher cipher;
    private final int direction;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private final UnsafeBuffer nonceView = new UnsafeBuffer(nonce);
    private SecretKeySpec key;

    /**
     * @param key a copy is kept; the caller zeroes its own.
     * @throws IllegalArgumentException if the key is not 32 bytes.
     */
    RecordCipher(final byte[] key, final int direction)
    {
        if (key.length != KEY_LENGTH)
        {
            throw new IllegalArgumentException("key.length=" + key.length + " must be " + KEY_LENGTH);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.direction = direction;
        this.cipher = newCipher();
    }

    /**
     * Readies the cipher for one record: the key with the nonce of {@code sequence}.
     *
     * @param mode {@link Cipher#ENCRYPT_MODE} or {@link Cipher#DECRYPT_MODE}.
     * @throws IllegalStateException if the key was dropped.
     */
    Cipher begin(final int mode, final long sequence)
    {
        final SecretKeySpec key = this.key;
        if (null == key)
        {
            throw new IllegalStateException("direction=" + direction + " key dropped");
        }
        nonceView.putInt(DIRECTION_OFFSET, direction, ByteOrder.BIG_ENDIAN);
        nonceView.putLong(SEQUENCE_OFFSET, sequence, ByteOrder.BIG_ENDIAN);
        try
        {
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        }
        catch (final InvalidKeyException | InvalidAlgorithmParameterException ex)
        {
            throw new IllegalStateException("AES-256-GCM refused a 32-byte key and 12-byte nonce", ex);
        }
        return cipher;
    }

    /**
     * Drops the key: the cipher can seal or open nothing more. Java cannot promise to wipe the copies a cipher
     * object keeps, so "gone" means unreachable from the channel, which is what the model relies on.
     */
    void destroy()
    {
        key = null;
        Arrays.fill(nonce, (byte)0);
    }

    boolean isDestroyed()
    {
        return null == key;
    }

    private static Cipher newCipher()
    {
        try
        {
            return Cipher.getInstance(TRANSFORMATION);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("every JDK has " + TRANSFORMATION, ex);
        }
    }
}
