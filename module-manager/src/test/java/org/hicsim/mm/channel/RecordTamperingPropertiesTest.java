package org.hicsim.mm.channel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream of sealed records, tampered with at random on the way (bits flipped, records replayed, swapped,
 * dropped, cut short), opened beside a model that knows the original records: the opener delivers exactly the
 * records that are byte for byte the next original, with their payloads, and refuses everything else with the
 * kind the model predicts, without moving on.
 */
class RecordTamperingPropertiesTest
{
    private static final int TRIES = 300;
    private static final int PAYLOAD_LENGTH_MAX = 512;
    private static final byte[] KEY = new byte[RecordCipher.KEY_LENGTH];

    enum Kind
    {
        FLIP,
        REPLAY,
        SWAP,
        DROP,
        TRUNCATE
    }

    record Tampering(Kind kind, int a, int b, int c)
    {
        void applyTo(final List<byte[]> messages)
        {
            final int n = messages.size();
            final int i = a % n;
            final boolean changesBytes = kind == Kind.FLIP || kind == Kind.TRUNCATE;
            if (changesBytes && messages.get(i).length == 0)
            {
                return;
            }
            switch (kind)
            {
                case FLIP:
                    final byte[] flipped = messages.get(i).clone();
                    flipped[b % flipped.length] ^= (byte)(1 << (c % 8));
                    messages.set(i, flipped);
                    break;
                case REPLAY:
                    messages.add(b % (n + 1), messages.get(i).clone());
                    break;
                case SWAP:
                    final int j = b % n;
                    final byte[] held = messages.get(i);
                    messages.set(i, messages.get(j));
                    messages.set(j, held);
                    break;
                case DROP:
                    if (n > 1)
                    {
                        messages.remove(i);
                    }
                    break;
                default:
                    messages.set(i, Arrays.copyOf(messages.get(i), b % messages.get(i).length));
                    break;
            }
        }
    }

    @Provide
    Arbitrary<List<byte[]>> payloads()
    {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(PAYLOAD_LENGTH_MAX).list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Tampering>> tamperings()
    {
        final Arbitrary<Integer> index = Arbitraries.integers().between(0, 10_000);
        return Combinators.combine(Arbitraries.of(Kind.class), index, index, index).as(Tampering::new)
            .list().ofMaxSize(4);
    }

    @Property(tries = TRIES)
    void shouldDeliverExactlyTheNextAuthenticRecordAndRefuseTheRestUnmoved(
        @ForAll("payloads") final List<byte[]> payloads, @ForAll("tamperings") final List<Tampering> tamperings)
    {
        final int direction = ChannelRole.RESPONDER.sendDirection();
        final RecordSealer sealer = new RecordSealer(KEY, direction, PAYLOAD_LENGTH_MAX);
        final RecordOpener opener = new RecordOpener(KEY, direction, PAYLOAD_LENGTH_MAX);
        final List<byte[]> originals = new ArrayList<>();
        for (final byte[] payload : payloads)
        {
            originals.add(sealer.seal(payload, 0, payload.length));
        }
        final List<byte[]> wire = new ArrayList<>(originals);
        for (final Tampering tampering : tamperings)
        {
            tampering.applyTo(wire);
        }

        int expected = 0;
        for (final byte[] message : wire)
        {
            final int result = opener.open(message, 0, message.length);
            final int original = indexOf(originals, message);
            if (original == expected)
            {
                assertEquals(payloads.get(expected).length, result);
                final byte[] opened = new byte[result];
                opener.plaintext().getBytes(0, opened);
                assertArrayEquals(payloads.get(expected), opened);
                expected++;
                Statistics.label("outcome").collect("delivered");
            }
            else
            {
                final RecordRefusal refusal = RecordRefusal.fromCode(result);
                Statistics.label("outcome").collect(refusal);
                if (original >= 0)
                {
                    assertEquals(original < expected ? RecordRefusal.REPLAYED : RecordRefusal.OUT_OF_ORDER, refusal);
                }
                else
                {
                    assertTrue(refusal == RecordRefusal.AUTHENTICATION_FAILED || refusal == RecordRefusal.MALFORMED,
                        refusal.toString());
                }
            }
            assertEquals(expected, opener.expectedSequence());
        }
    }

    private static int indexOf(final List<byte[]> originals, final byte[] message)
    {
        for (int i = 0; i < originals.size(); i++)
        {
            if (Arrays.equals(originals.get(i), message))
            {
                return i;
            }
        }
        return -1;
    }
}
