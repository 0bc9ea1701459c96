package org.hicsim.services.netstack;

import java.util.SplittableRandom;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.workload.RequestShaper;

/**
 * netstack's workload, through its own protocol: a default route and the gateway's ARP entry first, then
 * connections from clients {@code 192.0.2.0 + key} to this host's HTTP port (every fifth one UDP, the rest TCP),
 * and on each an HTTP-like cycle: the application SENDs a request, the peer's response arrives (DELIVER, carrying
 * the acknowledgement of what was sent and the echoed send time, so the window reopens and round trips are
 * sampled), and the application reads it (RECEIVE). Sizes follow the connection's class.
 * <p>
 * The peer's sequence numbers are tracked per connection from the replies: a DELIVER answered
 * {@link NetstackProtocol#OUT_OF_ORDER} tells the sequence number expected, and the next one uses it; a DELIVER
 * the stack failed otherwise (an error it answered, its segment not taken) is sent again, as a TCP peer retransmits
 * an unacknowledged segment, so one failed request is one error and not also the next DELIVER's.
 */
public final class NetstackWorkload implements RequestShaper
{
    public static final int SERVER = 0x0A00_0002;
    public static final int CLIENT_BASE = 0xC000_0200;
    public static final int GATEWAY = 0x0A00_0001;
    public static final long GATEWAY_MAC = 0x0200_0000_00FEL;
    public static final int HTTP_PORT = 80;
    public static final int CLIENT_PORT_BASE = 1024;
    /** Every UDP_EVERY-th connection is UDP. */
    public static final int UDP_EVERY = 5;
    /** The peer's receive window it advertises. */
    public static final int PEER_WINDOW = 64 * 1024;
    /** Bytes the application sends, per class (idle sends nothing). */
    private static final int[] SEND_BYTES = {1, 512, 200, 1200, 100};
    /** Bytes of the peer's response, per class. */
    private static final int[] RESPONSE_BYTES = {1, 1400, 800, 1400, 100};
    private static final int STEPS = 3;
    private static final int PAYLOAD_POOL_BYTES = 64 * 1024;

    /** Payload bytes drawn once from the seed; each request's payload is a seeded window of them. */
    private final byte[] pool = new byte[PAYLOAD_POOL_BYTES];
    private boolean poolFilled;
    private final int[] step;
    private final int[] peerSequence;
    private final int[] acknowledged;
    private final long[] echoedSendTimeNs;
    /** The length of each connection's last DELIVER, taken back from its sequence number if the stack failed it. */
    private final int[] deliveredBytes;

    /**
     * @param connectionsMax the most connections the workload keeps (its keys run from 0 to this less one).
     */
    public NetstackWorkload(final int connectionsMax)
    {
        step = new int[connectionsMax];
        peerSequence = new int[connectionsMax];
        acknowledged = new int[connectionsMax];
        echoedSendTimeNs = new long[connectionsMax];
        deliveredBytes = new int[connectionsMax];
    }

    @Override
    public int setupCount()
    {
        return 2;
    }

    @Override
    public void setup(final int index, final Message request)
    {
        if (index == 0)
        {
            request.operation(NetstackProtocol.ROUTE_ADD).argument(2, GATEWAY).argument(3, 1);
        }
        else
        {
            request.operation(NetstackProtocol.ARP_ADD).argument(0, GATEWAY).argument(1, GATEWAY_MAC);
        }
    }

    @Override
    public boolean opensConnections()
    {
        return true;
    }

    @Override
    public void open(final Message request, final ConnectionClass connectionClass, final long key)
    {
        final int protocol = key % UDP_EVERY == UDP_EVERY - 1 ? NetstackProtocol.PROTOCOL_UDP
            : NetstackProtocol.PROTOCOL_TCP;
        request.operation(NetstackProtocol.OPEN)
            .argument(0, NetstackProtocol.addresses(SERVER, CLIENT_BASE + (int)key))
            .argument(1, NetstackProtocol.ports(HTTP_PORT, CLIENT_PORT_BASE + (int)(key % 60_000), protocol,
                connectionClass.code()))
            .argument(2, key + 1)
            .argument(3, 0);
    }

    @Override
    public long settleNs()
    {
        return TcpState.ROUND_TRIP_DEFAULT_NS;
    }

    @Override
    public void opened(final long key, final Message reply)
    {
        final int i = (int)key;
        step[i] = 0;
        acknowledged[i] = (int)reply.argument(0);
        peerSequence[i] = (int)reply.argument(1);
        echoedSendTimeNs[i] = 0;
    }

    @Override
    public void request(
        final Message request, final ConnectionClass connectionClass, final long key, final SplittableRandom random)
    {
        final int i = (int)key;
        final int current = step[i];
        step[i] = (current + 1) % STEPS;
        switch (current)
        {
            case 0 ->
            {
                final int length = SEND_BYTES[connectionClass.code()];
                request.operation(NetstackProtocol.SEND).payload(pool(random), offset(random, length), length);
            }
            case 1 ->
            {
                final int length = RESPONSE_BYTES[connectionClass.code()];
                request.operation(NetstackProtocol.DELIVER)
                    .argument(0, NetstackProtocol.unsigned(peerSequence[i]))
                    .argument(1, NetstackProtocol.unsigned(acknowledged[i]))
                    .argument(2, PEER_WINDOW)
                    .argument(3, echoedSendTimeNs[i])
                    .payload(pool(random), offset(random, length), length);
                peerSequence[i] += length;
                deliveredBytes[i] = length;
            }
            default -> request.operation(NetstackProtocol.RECEIVE).argument(0, NetstackProtocol.TCP_SEGMENT_MAX);
        }
    }

    @Override
    public void replied(final long key, final int operation, final Message reply)
    {
        final int i = (int)key;
        if (operation == NetstackProtocol.SEND && reply.status() == Status.OK)
        {
            acknowledged[i] = (int)reply.argument(0);
            echoedSendTimeNs[i] = reply.argument(2);
        }
        else if (operation == NetstackProtocol.DELIVER && reply.status() == NetstackProtocol.OUT_OF_ORDER)
        {
            peerSequence[i] = (int)reply.argument(0);
        }
        else if (operation == NetstackProtocol.DELIVER && reply.status() != Status.OK)
        {
            peerSequence[i] -= deliveredBytes[i];
        }
    }

    @Override
    public void close(final Message request)
    {
        request.operation(NetstackProtocol.CLOSE);
    }

    /** The payload pool, filled from the workload's random source the first time it is needed. */
    private byte[] pool(final SplittableRandom random)
    {
        if (!poolFilled)
        {
            for (int b = 0; b < pool.length; b += Long.BYTES)
            {
                final long bits = random.nextLong();
                for (int k = 0; k < Long.BYTES; k++)
                {
                    pool[b + k] = (byte)(bits >>> (8 * k));
                }
            }
            poolFilled = true;
        }
        return pool;
    }

    private int offset(final SplittableRandom random, final int length)
    {
        return random.nextInt(pool.length - length + 1);
    }
}
