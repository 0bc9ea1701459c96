package org.hicsim.mm.channel;

import java.util.List;
import java.util.SplittableRandom;

import org.hicsim.core0.cost.CostTable;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ChannelDeterminismTest
{
    /** A run with a handshake, traffic both ways, one tampered record, and a close: its trace. */
    private static List<String> run(final long seed, final long channelSeed)
    {
        final ChannelFixture fixture = new ChannelFixture(seed, channelSeed, CostTable.defaults(), ChannelFixture.QUOTA_PERCENT);
        final MigrationChannel channel = fixture.established();
        final SplittableRandom workload = new SplittableRandom(seed);
        channel.tap((receiver, kind, message, sink) ->
        {
            if (receiver == channel.initiator() && receiver.deliveredCount() == 2)
            {
                message[message.length - 1] ^= 1;
            }
            sink.deliver(kind, message);
        });
        for (int i = 0; i < 6; i++)
        {
            final byte[] payload = new byte[workload.nextInt(ChannelFixture.CONFIG.payloadLengthMax())];
            workload.nextBytes(payload);
            final ChannelEnd sender = i % 2 == 0 ? channel.initiator() : channel.responder();
            sender.send(payload, 0, payload.length);
        }
        fixture.runUntilIdle();
        channel.close();
        return fixture.trace;
    }

    private static String line(final List<String> trace, final String kind)
    {
        return trace.stream().filter(text -> text.contains(" " + kind + " ")).findFirst().orElseThrow();
    }

    @Test
    void sameSeedGivesTheSameTraceByteForByte()
    {
        final List<String> first = run(21, 21);

        assertEquals(first, run(21, 21));
        assertEquals(1, first.stream().filter(text -> text.contains(" channel.refused ")).count());
    }

    @Test
    void anotherChannelSeedGivesOtherEphemeralKeys()
    {
        final List<String> first = run(21, 21);
        final List<String> second = run(21, 22);

        assertEquals(line(first, "channel.create"), line(second, "channel.create"));
        assertNotEquals(line(first, "channel.established"), line(second, "channel.established"));
    }

    @Test
    void anotherRunSeedGivesAnotherTrace()
    {
        assertNotEquals(run(21, 21), run(22, 21));
    }
}
