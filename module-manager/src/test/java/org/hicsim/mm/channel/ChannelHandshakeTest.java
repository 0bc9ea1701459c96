package org.hicsim.mm.channel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.hicsim.mm.channel.ChannelHandshake.OK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelHandshakeTest
{
    private static final long CHANNEL_ID = 7;
    private static final int PAYLOAD_LENGTH_MAX = 1024;
    private static final UUID OLD = new UUID(0x1111, 0xAAAA);
    private static final UUID NEW = new UUID(0x2222, 0xBBBB);
    private static final UUID INTRUDER = new UUID(0x3333, 0xCCCC);

    private final byte[] channelKey = bytes(32, 9);
    private final SplittableRandom random = new SplittableRandom(42);

    private static byte[] bytes(final int length, final int value)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte)value);
        return bytes;
    }

    private ChannelHandshake initiator(final byte[] key, final SplittableRandom source)
    {
        return new ChannelHandshake(ChannelRole.INITIATOR, CHANNEL_ID, OLD, NEW, key, source);
    }

    private ChannelHandshake responder(final byte[] key, final SplittableRandom source)
    {
        return new ChannelHandshake(ChannelRole.RESPONDER, CHANNEL_ID, NEW, OLD, key, source);
    }

    private static int hello(final ChannelHandshake to, final byte[] hello)
    {
        return to.onPeerHello(hello, 0, hello.length);
    }

    private static int finished(final ChannelHandshake to, final byte[] finished)
    {
        return to.onPeerFinished(finished, 0, finished.length);
    }

    /** Runs both handshakes to the end over an honest wire. */
    private static void complete(final ChannelHandshake a, final ChannelHandshake b)
    {
        assertEquals(OK, hello(b, a.hello()));
        assertEquals(OK, hello(a, b.hello()));
        assertEquals(OK, finished(a, b.finished()));
        assertEquals(OK, finished(b, a.finished()));
    }

    private static void assertRoundTrip(final ChannelHandshake from, final ChannelHandshake to)
    {
        final byte[] payload = "state of connection 17".getBytes(StandardCharsets.US_ASCII);
        final byte[] record = from.sealer(PAYLOAD_LENGTH_MAX).seal(payload, 0, payload.length);
        final RecordOpener opener = to.opener(PAYLOAD_LENGTH_MAX);
        assertEquals(payload.length, opener.open(record, 0, record.length));
        final byte[] opened = new byte[payload.length];
        opener.plaintext().getBytes(0, opened);
        assertArrayEquals(payload, opened);
    }

    @Test
    void shouldAgreeOnKeysThatOpenEachOthersRecordsInBothDirections()
    {
        final ChannelHandshake a = initiator(channelKey, random.split());
        final ChannelHandshake b = responder(channelKey, random.split());

        complete(a, b);

        assertTrue(a.isConfirmed() && b.isConfirmed());
        assertEquals(a.transcriptFingerprint(), b.transcriptFingerprint());
        assertRoundTrip(a, b);
        assertRoundTrip(b, a);
    }

    @Test
    void shouldRefuseAHelloFromAnotherInstanceThanExpected()
    {
        final ChannelHandshake intruder = new ChannelHandshake(ChannelRole.INITIATOR, CHANNEL_ID, INTRUDER, NEW, channelKey, random.split());
        final ChannelHandshake b = responder(channelKey, random.split());

        assertEquals(HandshakeFailure.WRONG_PEER.code(), hello(b, intruder.hello()));
        assertThrows(IllegalStateException.class, b::finished);
    }

    @Test
    void shouldRefuseAHelloMeantForAnotherInstance()
    {
        final ChannelHandshake misdirected = new ChannelHandshake(ChannelRole.INITIATOR, CHANNEL_ID, OLD, INTRUDER, channelKey, random.split());

        assertEquals(HandshakeFailure.WRONG_PEER.code(), hello(responder(channelKey, random.split()), misdirected.hello()));
    }

    @Test
    void shouldFailKeyConfirmationWhenAPublicKeyIsSubstitutedOnTheWay()
    {
        final ChannelHandshake a = initiator(channelKey, random.split());
        final ChannelHandshake b = responder(channelKey, random.split());
        final ChannelHandshake mallory = initiator(channelKey, random.split());
        final byte[] substituted = a.hello();
        System.arraycopy(mallory.hello(), ChannelHelloDescriptor.PUBLIC_KEY_OFFSET, substituted,
            ChannelHelloDescriptor.PUBLIC_KEY_OFFSET, ChannelHelloDescriptor.PUBLIC_KEY_LENGTH);

        assertEquals(OK, hello(b, substituted));
        assertEquals(OK, hello(a, b.hello()));
        final byte[] fromA = a.finished();
        final byte[] fromB = b.finished();
        assertEquals(HandshakeFailure.KEY_CONFIRMATION_FAILED.code(), finished(a, fromB));
        assertEquals(HandshakeFailure.KEY_CONFIRMATION_FAILED.code(), finished(b, fromA));
    }

    @Test
    void shouldFailKeyConfirmationAgainstAManInTheMiddleWithoutTheChannelKey()
    {
        final ChannelHandshake a = initiator(channelKey, random.split());
        final ChannelHandshake b = responder(channelKey, random.split());
        final byte[] guessedKey = bytes(32, 10);
        final ChannelHandshake malloryToB = initiator(guessedKey, random.split());
        final ChannelHandshake malloryToA = responder(guessedKey, random.split());

        assertEquals(OK, hello(malloryToA, a.hello()));
        assertEquals(OK, hello(b, malloryToB.hello()));
        assertEquals(OK, hello(malloryToB, b.hello()));
        assertEquals(OK, hello(a, malloryToA.hello()));

        assertEquals(HandshakeFailure.KEY_CONFIRMATION_FAILED.code(), finished(a, malloryToA.finished()));
        assertEquals(HandshakeFailure.KEY_CONFIRMATION_FAILED.code(), finished(b, malloryToB.finished()));
    }

    @Test
    void shouldRefuseALowOrderPublicKey()
    {
        final ChannelHandshake b = responder(channelKey, random.split());
        final byte[] hello = initiator(channelKey, random.split()).hello();
        Arrays.fill(hello, ChannelHelloDescriptor.PUBLIC_KEY_OFFSET, ChannelHelloDescriptor.LENGTH, (byte)0);

        assertEquals(HandshakeFailure.INVALID_PUBLIC_KEY.code(), hello(b, hello));
    }

    @Test
    void shouldRefuseAMalformedHelloOrFinished()
    {
        final ChannelHandshake a = initiator(channelKey, random.split());
        final byte[] wrongVersion = a.hello();
        wrongVersion[ChannelHelloDescriptor.VERSION_OFFSET + 3] ^= 0x02;

        assertEquals(HandshakeFailure.MALFORMED.code(), hello(responder(channelKey, random.split()), wrongVersion));
        assertEquals(HandshakeFailure.MALFORMED.code(), hello(responder(channelKey, random.split()), Arrays.copyOf(a.hello(), 40)));

        final ChannelHandshake b = responder(channelKey, random.split());
        assertEquals(OK, hello(b, a.hello()));
        assertEquals(HandshakeFailure.MALFORMED.code(), finished(b, new byte[ChannelHandshake.FINISHED_LENGTH - 1]));
    }

    @Test
    void shouldRefuseAFinishedBeforeTheHelloAndASecondHello()
    {
        final ChannelHandshake a = initiator(channelKey, random.split());
        final ChannelHandshake b = responder(channelKey, random.split());
        assertEquals(HandshakeFailure.UNEXPECTED_MESSAGE.code(), finished(b, new byte[ChannelHandshake.FINISHED_LENGTH]));

        final ChannelHandshake c = responder(channelKey, random.split());
        assertEquals(OK, hello(c, a.hello()));
        assertEquals(HandshakeFailure.UNEXPECTED_MESSAGE.code(), hello(c, a.hello()));
    }

    @Test
    void shouldGiveTwoChannelsBetweenTheSameInstancesDifferentKeys()
    {
        final ChannelHandshake a1 = initiator(channelKey, random.split());
        final ChannelHandshake b1 = responder(channelKey, random.split());
        final ChannelHandshake a2 = initiator(channelKey, random.split());
        final ChannelHandshake b2 = responder(channelKey, random.split());
        complete(a1, b1);
        complete(a2, b2);

        final byte[] record = a1.sealer(PAYLOAD_LENGTH_MAX).seal(new byte[16], 0, 16);

        assertNotEquals(a1.transcriptFingerprint(), a2.transcriptFingerprint());
        assertEquals(RecordRefusal.AUTHENTICATION_FAILED.code(), b2.opener(PAYLOAD_LENGTH_MAX).open(record, 0, record.length));
    }

    @Test
    void shouldDrawTheSameKeysFromTheSameSeedAndOthersFromAnother()
    {
        assertArrayEquals(initiator(channelKey, new SplittableRandom(5)).hello(), initiator(channelKey, new SplittableRandom(5)).hello());
        assertNotEquals(Arrays.toString(initiator(channelKey, new SplittableRandom(5)).hello()),
            Arrays.toString(initiator(channelKey, new SplittableRandom(6)).hello()));
    }

    @Test
    void shouldHoldNoKeysOnceDestroyed()
    {
        final ChannelHandshake a = initiator(channelKey, random.split());
        final ChannelHandshake b = responder(channelKey, random.split());
        complete(a, b);

        a.destroy();

        assertThrows(IllegalStateException.class, () -> a.sealer(PAYLOAD_LENGTH_MAX));
        assertThrows(IllegalStateException.class, a::finished);
    }
}
