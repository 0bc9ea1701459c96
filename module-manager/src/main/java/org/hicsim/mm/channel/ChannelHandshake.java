package org.hicsim.mm.channel;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc7748.X25519;

import static org.hicsim.mm.channel.ChannelHelloDescriptor.publicKeyOffset;
import static org.hicsim.mm.channel.ChannelHelloDescriptor.receiverUuidOffset;
import static org.hicsim.mm.channel.ChannelHelloDescriptor.senderUuidOffset;
import static org.hicsim.mm.channel.ChannelHelloDescriptor.versionOffset;

/**
 * One end's side of a migration channel's handshake, with no simulation around it: an ephemeral X25519
 * exchange authenticated by a key Core-0 shares with the two instances it joins (TLS 1.3's {@code psk_dhe_ke}
 * mode), bound to both instance UUIDs.
 * <ol>
 *   <li>Each end draws a fresh X25519 private key from the seeded source it is given and sends a hello
 *       ({@link ChannelHelloDescriptor}): its own UUID, the UUID of the instance it expects, its public key.</li>
 *   <li>On the peer's hello it checks both UUIDs against what Core-0 told it, computes the shared secret, drops
 *       its private key, and derives with HKDF-SHA-256 (salt: the channel key; input: the shared secret; info:
 *       the SHA-256 of the transcript, which is a label, the channel id and both hellos) two AES-256-GCM keys,
 *       one per direction, and two finished keys, one per role.</li>
 *   <li>It sends its finished MAC (HMAC-SHA-256 of the transcript hash under its finished key) and checks the
 *       peer's. A match proves the peer holds the channel key and saw the same transcript, so the UUIDs in it
 *       are authenticated; it fails for a man in the middle, who lacks the channel key, and for a changed public
 *       key or UUID, which changes the transcript.</li>
 * </ol>
 * Forward secrecy: the private keys are ephemeral, drawn per channel and dropped after the agreement, so a
 * channel key learnt later does not open recorded traffic. Each method returns 0 or a negative
 * {@link HandshakeFailure} code; after a failure the handshake refuses everything.
 */
public final class ChannelHandshake
{
    public static final int OK = 0;
    /** An HMAC-SHA-256. */
    public static final int FINISHED_LENGTH = 32;
    /** The channel key Core-0 shares with both ends. */
    public static final int CHANNEL_KEY_LENGTH = 32;
    /** Hex digits of the transcript hash a trace line shows. */
    private static final int FINGERPRINT_HEX_LENGTH = 16;
    private static final byte[] TRANSCRIPT_LABEL = ascii("HIC-Sim migration channel v1");
    private static final byte[] KEYS_LABEL = ascii("HIC-Sim migration channel keys");
    private static final int DERIVED_LENGTH = 4 * RecordCipher.KEY_LENGTH;

    private enum Step
    {
        AWAITING_PEER_HELLO,
        AWAITING_PEER_FINISHED,
        CONFIRMED,
        FAILED
    }

    private final ChannelRole role;
    private final long channelId;
    private final UUID peerExpected;
    private final UUID self;
    private final byte[] channelKey;
    private final byte[] privateKey = new byte[X25519.SCALAR_SIZE];
    private final byte[] hello = new byte[ChannelHelloDescriptor.LENGTH];
    private final byte[] sendKey = new byte[RecordCipher.KEY_LENGTH];
    private final byte[] receiveKey = new byte[RecordCipher.KEY_LENGTH];
    private final byte[] ownFinishedKey = new byte[RecordCipher.KEY_LENGTH];
    private final byte[] peerFinishedKey = new byte[RecordCipher.KEY_LENGTH];
    private byte[] transcriptHash;
    private Step step = Step.AWAITING_PEER_HELLO;

    /**
     * Draws the ephemeral private key and writes the hello.
     *
     * @param channelKey   Core-0's key for this channel, {@link #CHANNEL_KEY_LENGTH} bytes; a copy is kept.
     * @param random       the seeded source the private key is drawn from: the same stream gives the same key.
     */
    public ChannelHandshake(
        final ChannelRole role,
        final long channelId,
        final UUID self,
        final UUID peerExpected,
        final byte[] channelKey,
        final SplittableRandom random)
    {
        this.role = Objects.requireNonNull(role, "role");
        this.self = Objects.requireNonNull(self, "self");
        this.peerExpected = Objects.requireNonNull(peerExpected, "peerExpected");
        if (channelKey.length != CHANNEL_KEY_LENGTH)
        {
            throw new IllegalArgumentException("channelKey.length=" + channelKey.length + " must be " + CHANNEL_KEY_LENGTH);
        }
        this.channelId = channelId;
        this.channelKey = channelKey.clone();
        SeededBytes.fill(privateKey, random);

        final UnsafeBuffer view = new UnsafeBuffer(hello);
        view.putInt(versionOffset(0), ChannelHelloDescriptor.VERSION, ByteOrder.BIG_ENDIAN);
        putUuid(view, senderUuidOffset(0), self);
        putUuid(view, receiverUuidOffset(0), peerExpected);
        X25519.generatePublicKey(privateKey, 0, hello, publicKeyOffset(0));
    }

    public ChannelRole role()
    {
        return role;
    }

    /** The hello to send: a copy. */
    public byte[] hello()
    {
        return hello.clone();
    }

    /**
     * Takes the peer's hello: checks it, agrees on the shared secret and derives the keys.
     *
     * @return {@link #OK}, after which {@link #finished()} is the MAC to send; or a {@link HandshakeFailure} code.
     */
    public int onPeerHello(final byte[] message, final int offset, final int length)
    {
        Objects.checkFromIndexSize(offset, length, message.length);
        if (step != Step.AWAITING_PEER_HELLO)
        {
            return fail(HandshakeFailure.UNEXPECTED_MESSAGE);
        }
        if (!ChannelHelloDescriptor.isHelloLength(length))
        {
            return fail(HandshakeFailure.MALFORMED);
        }
        final UnsafeBuffer view = new UnsafeBuffer(message, offset, length);
        if (view.getInt(versionOffset(0), ByteOrder.BIG_ENDIAN) != ChannelHelloDescriptor.VERSION)
        {
            return fail(HandshakeFailure.MALFORMED);
        }
        if (!peerExpected.equals(getUuid(view, senderUuidOffset(0))) || !self.equals(getUuid(view, receiverUuidOffset(0))))
        {
            return fail(HandshakeFailure.WRONG_PEER);
        }
        final byte[] shared = new byte[X25519.POINT_SIZE];
        final boolean agreed = X25519.calculateAgreement(privateKey, 0, message, offset + publicKeyOffset(0), shared, 0);
        Arrays.fill(privateKey, (byte)0);
        if (!agreed)
        {
            return fail(HandshakeFailure.INVALID_PUBLIC_KEY);
        }
        final byte[] peerHello = Arrays.copyOfRange(message, offset, offset + length);
        transcriptHash = role == ChannelRole.INITIATOR ? transcriptHash(hello, peerHello) : transcriptHash(peerHello, hello);
        deriveKeys(shared);
        Arrays.fill(shared, (byte)0);
        step = Step.AWAITING_PEER_FINISHED;
        return OK;
    }

    /**
     * @return this end's finished MAC, to send once {@link #onPeerHello} succeeded.
     * @throws IllegalStateException before that, or after a failure.
     */
    public byte[] finished()
    {
        if (step != Step.AWAITING_PEER_FINISHED && step != Step.CONFIRMED)
        {
            throw new IllegalStateException("step=" + step + " has no finished MAC");
        }
        return mac(ownFinishedKey, transcriptHash);
    }

    /**
     * Checks the peer's finished MAC, in constant time.
     *
     * @return {@link #OK} when the peer proved it holds the same keys, or a {@link HandshakeFailure} code.
     */
    public int onPeerFinished(final byte[] message, final int offset, final int length)
    {
        Objects.checkFromIndexSize(offset, length, message.length);
        if (step != Step.AWAITING_PEER_FINISHED)
        {
            return fail(HandshakeFailure.UNEXPECTED_MESSAGE);
        }
        if (length != FINISHED_LENGTH)
        {
            return fail(HandshakeFailure.MALFORMED);
        }
        final byte[] expected = mac(peerFinishedKey, transcriptHash);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(message, offset, offset + length)))
        {
            return fail(HandshakeFailure.KEY_CONFIRMATION_FAILED);
        }
        step = Step.CONFIRMED;
        return OK;
    }

    public boolean isConfirmed()
    {
        return step == Step.CONFIRMED;
    }

    /**
     * @return a sealer for this end's direction.
     * @throws IllegalStateException unless the handshake is confirmed and not yet destroyed.
     */
    public RecordSealer sealer(final int payloadLengthMax)
    {
        checkConfirmed();
        return new RecordSealer(sendKey, role.sendDirection(), payloadLengthMax);
    }

    /**
     * @return an opener for the peer's direction.
     * @throws IllegalStateException unless the handshake is confirmed and not yet destroyed.
     */
    public RecordOpener opener(final int payloadLengthMax)
    {
        checkConfirmed();
        return new RecordOpener(receiveKey, role.receiveDirection(), payloadLengthMax);
    }

    /**
     * The first hex digits of the transcript's SHA-256: public (the transcript is what both ends sent in the
     * clear) and the same at both ends exactly when they saw the same handshake, so a trace can show it.
     *
     * @throws IllegalStateException before the peer's hello was taken.
     */
    public String transcriptFingerprint()
    {
        if (null == transcriptHash)
        {
            throw new IllegalStateException("step=" + step + " has no transcript yet");
        }
        final StringBuilder hex = new StringBuilder(FINGERPRINT_HEX_LENGTH);
        for (int i = 0; hex.length() < FINGERPRINT_HEX_LENGTH; i++)
        {
            hex.append(Character.forDigit((transcriptHash[i] >>> 4) & 0xF, 16)).append(Character.forDigit(transcriptHash[i] & 0xF, 16));
        }
        return hex.toString();
    }

    /**
     * Zeroes every secret this end holds (private key, channel key, derived keys): after it, the handshake
     * refuses everything. Sealers and openers already made keep their own copies until destroyed themselves.
     */
    public void destroy()
    {
        Arrays.fill(privateKey, (byte)0);
        Arrays.fill(channelKey, (byte)0);
        Arrays.fill(sendKey, (byte)0);
        Arrays.fill(receiveKey, (byte)0);
        Arrays.fill(ownFinishedKey, (byte)0);
        Arrays.fill(peerFinishedKey, (byte)0);
        step = Step.FAILED;
    }

    private void deriveKeys(final byte[] shared)
    {
        final byte[] info = new byte[KEYS_LABEL.length + transcriptHash.length];
        System.arraycopy(KEYS_LABEL, 0, info, 0, KEYS_LABEL.length);
        System.arraycopy(transcriptHash, 0, info, KEYS_LABEL.length, transcriptHash.length);
        final HKDFBytesGenerator hkdf = new HKDFBytesGenerator(SHA256Digest.newInstance());
        hkdf.init(new HKDFParameters(shared, channelKey, info));
        final byte[] derived = new byte[DERIVED_LENGTH];
        hkdf.generateBytes(derived, 0, DERIVED_LENGTH);

        // Keys in a fixed order, initiator's first, so both ends cut the same bytes into the same keys.
        final int keyLength = RecordCipher.KEY_LENGTH;
        final boolean initiator = role == ChannelRole.INITIATOR;
        System.arraycopy(derived, initiator ? 0 : keyLength, sendKey, 0, keyLength);
        System.arraycopy(derived, initiator ? keyLength : 0, receiveKey, 0, keyLength);
        System.arraycopy(derived, initiator ? 2 * keyLength : 3 * keyLength, ownFinishedKey, 0, keyLength);
        System.arraycopy(derived, initiator ? 3 * keyLength : 2 * keyLength, peerFinishedKey, 0, keyLength);
        Arrays.fill(derived, (byte)0);
    }

    private byte[] transcriptHash(final byte[] initiatorHello, final byte[] responderHello)
    {
        final Digest digest = SHA256Digest.newInstance();
        final byte[] id = new byte[Long.BYTES];
        new UnsafeBuffer(id).putLong(0, channelId, ByteOrder.BIG_ENDIAN);
        digest.update(TRANSCRIPT_LABEL, 0, TRANSCRIPT_LABEL.length);
        digest.update(id, 0, id.length);
        digest.update(initiatorHello, 0, initiatorHello.length);
        digest.update(responderHello, 0, responderHello.length);
        final byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }

    private static byte[] mac(final byte[] key, final byte[] data)
    {
        final HMac hmac = new HMac(SHA256Digest.newInstance());
        hmac.init(new KeyParameter(key));
        hmac.update(data, 0, data.length);
        final byte[] out = new byte[FINISHED_LENGTH];
        hmac.doFinal(out, 0);
        return out;
    }

    private void checkConfirmed()
    {
        if (step != Step.CONFIRMED)
        {
            throw new IllegalStateException("step=" + step + " is not confirmed");
        }
    }

    private int fail(final HandshakeFailure failure)
    {
        destroy();
        return failure.code();
    }

    private static void putUuid(final UnsafeBuffer view, final int offset, final UUID uuid)
    {
        view.putLong(offset, uuid.getMostSignificantBits(), ByteOrder.BIG_ENDIAN);
        view.putLong(offset + Long.BYTES, uuid.getLeastSignificantBits(), ByteOrder.BIG_ENDIAN);
    }

    private static UUID getUuid(final UnsafeBuffer view, final int offset)
    {
        return new UUID(view.getLong(offset, ByteOrder.BIG_ENDIAN), view.getLong(offset + Long.BYTES, ByteOrder.BIG_ENDIAN));
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
