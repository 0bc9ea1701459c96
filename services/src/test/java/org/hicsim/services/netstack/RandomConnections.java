package org.hicsim.services.netstack;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/**
 * A seeded workload: connections of every class and both protocols to random 5-tuples, most past their handshake
 * and carrying random traffic (sends, acknowledged or not, inbound data partly read), the rest still in
 * SYN_SENT; and what a test must find afterwards: each connection's record and unread data.
 */
final class RandomConnections
{
    private static final ConnectionClass[] CLASSES = ConnectionClass.values();
    private static final int SEND_MAX = 1000;
    private static final int DELIVER_MAX = 1200;

    final List<Long> ids = new ArrayList<>();
    private final Map<Long, ByteArrayOutputStream> delivered = new LinkedHashMap<>();
    private final Map<Long, Integer> read = new LinkedHashMap<>();

    private RandomConnections()
    {
    }

    /** Opens {@code count} connections on {@code netstack}; a tenth are opened last and left in handshake. */
    static RandomConnections open(
        final NetstackHarness harness, final NetstackClient netstack, final SplittableRandom random, final int count)
    {
        final RandomConnections connections = new RandomConnections();
        final int established = count - count / 10;
        final Map<Long, Long> receiveNext = new LinkedHashMap<>();
        while (connections.ids.size() < established)
        {
            connections.openOne(netstack, random, receiveNext);
        }
        harness.advance(2 * TcpState.ROUND_TRIP_DEFAULT_NS);
        for (final long connectionId : connections.ids)
        {
            connections.exchange(netstack, random, connectionId, receiveNext);
        }
        while (connections.ids.size() < count)
        {
            connections.openOne(netstack, random, receiveNext);
        }
        return connections;
    }

    /** The data delivered to the connection and not yet read. */
    byte[] unread(final long connectionId)
    {
        final byte[] all = delivered.get(connectionId).toByteArray();
        return Arrays.copyOfRange(all, read.get(connectionId), all.length);
    }

    /** Each connection's record as STATS returns it, in id order of opening. */
    Map<Long, byte[]> records(final NetstackClient netstack)
    {
        final Map<Long, byte[]> records = new LinkedHashMap<>();
        for (final long connectionId : ids)
        {
            records.put(connectionId, netstack.record(connectionId));
        }
        return records;
    }

    private void openOne(
        final NetstackClient netstack, final SplittableRandom random, final Map<Long, Long> receiveNext)
    {
        final int protocol = random.nextInt(5) == 0 ? NetstackProtocol.PROTOCOL_UDP : NetstackProtocol.PROTOCOL_TCP;
        final Message reply = netstack.open(
            NetstackHarness.ip(10, random.nextInt(256), random.nextInt(256), 1 + random.nextInt(254)),
            1 + random.nextInt(Integer.MAX_VALUE),
            1 + random.nextInt(65535),
            1 + random.nextInt(65535),
            protocol,
            CLASSES[random.nextInt(CLASSES.length)],
            random.nextLong(),
            random.nextLong());
        if (reply.status() == Status.OK)
        {
            ids.add(reply.connectionId());
            receiveNext.put(reply.connectionId(), reply.argument(1));
            delivered.put(reply.connectionId(), new ByteArrayOutputStream());
            read.put(reply.connectionId(), 0);
        }
    }

    private void exchange(
        final NetstackClient netstack,
        final SplittableRandom random,
        final long connectionId,
        final Map<Long, Long> receiveNext)
    {
        long sendNext = 0;
        for (int sends = random.nextInt(3); sends > 0; sends--)
        {
            sendNext = netstack.send(connectionId, randomBytes(random, 1 + random.nextInt(SEND_MAX))).argument(0);
        }
        for (int delivers = random.nextInt(3); delivers > 0; delivers--)
        {
            final byte[] data = randomBytes(random, random.nextInt(DELIVER_MAX));
            final long ack = random.nextBoolean() ? sendNext : 0;
            final Message reply = netstack.deliver(connectionId, receiveNext.get(connectionId), ack,
                NetstackHarness.DEFAULT_MAP.ringLength() + random.nextInt(60_000), 0, data);
            receiveNext.put(connectionId, reply.argument(0));
            delivered.get(connectionId).write(data, 0, data.length);
        }
        if (random.nextBoolean())
        {
            final Message reply = netstack.receive(connectionId, random.nextInt(DELIVER_MAX));
            read.put(connectionId, read.get(connectionId) + reply.payloadLength());
        }
    }

    private static byte[] randomBytes(final SplittableRandom random, final int length)
    {
        final byte[] data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)random.nextInt();
        }
        return data;
    }
}
