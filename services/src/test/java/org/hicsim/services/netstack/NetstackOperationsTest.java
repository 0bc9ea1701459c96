package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.netstack.v1_2_0.Netstack;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class NetstackOperationsTest
{
    private static final long UNSIGNED_INT = 0xFFFF_FFFFL;

    private final NetstackHarness harness = new NetstackHarness(7);
    private final NetstackClient netstack = harness.start("netstack", new Netstack());

    private long establishedTcp(final int sourcePort)
    {
        final long connectionId = netstack.openTcp(sourcePort).connectionId();
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);
        return connectionId;
    }

    private static byte[] bytes(final int length, final int seed)
    {
        final byte[] data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)(i * 13 + seed);
        }
        return data;
    }

    @Test
    void shouldGiveEachOpenItsOwnConnectionId()
    {
        final long first = netstack.openTcp(40000).connectionId();
        final long second = netstack.openTcp(40001).connectionId();

        assertNotEquals(Message.NO_CONNECTION, first);
        assertNotEquals(first, second);
    }

    @Test
    void shouldRefuseASecondOpenOfTheSameFiveTuple()
    {
        netstack.openTcp(40000);

        assertEquals(NetstackProtocol.CONNECTION_EXISTS, netstack.openTcp(40000).status());
    }

    @Test
    void shouldRefuseAnOpenWithNoRouteToTheDestination()
    {
        final NetstackClient bare = harness.startBare(harness.sandbox("bare"), new Netstack());

        assertEquals(NetstackProtocol.NO_ROUTE, bare.openTcp(40000).status());
    }

    @Test
    void shouldRefuseAnOpenOfAnUnknownProtocol()
    {
        final Message reply = netstack.open(NetstackHarness.ip(10, 0, 0, 2), NetstackHarness.ip(192, 0, 2, 7),
            40000, 443, 1, ConnectionClass.HIGH, 0, 0);

        assertEquals(Status.INVALID_ARGUMENT, reply.status());
    }

    @Test
    void shouldNotSendOnATcpConnectionBeforeItsHandshakeCompletes()
    {
        final long connectionId = netstack.openTcp(40000).connectionId();

        assertEquals(NetstackProtocol.NOT_ESTABLISHED, netstack.send(connectionId, bytes(10, 1)).status());
    }

    @Test
    void shouldEstablishATcpConnectionOneRoundTripAfterOpen()
    {
        final long connectionId = netstack.openTcp(40000).connectionId();
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);

        assertEquals(Status.OK, netstack.send(connectionId, bytes(10, 1)).status());
    }

    @Test
    void shouldAdvanceTheSequenceNumberAndCountTheBytesOfASend()
    {
        final Message opened = netstack.openTcp(40000);
        final long connectionId = opened.connectionId();
        final long initialSequence = opened.argument(0);
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);

        final Message sent = netstack.send(connectionId, bytes(100, 1));

        assertEquals((initialSequence + 1 + 100) & UNSIGNED_INT, sent.argument(0));
        assertEquals(100, sent.argument(1));
        assertEquals(100, netstack.stats(connectionId).argument(2));
    }

    @Test
    void shouldPutEverySegmentOnTheLinkAsOneFrame()
    {
        final long connectionId = establishedTcp(40000);

        netstack.send(connectionId, bytes(100, 1));

        final Message stats = netstack.stats(Message.NO_CONNECTION);
        assertEquals(2, stats.argument(1));
        assertEquals(FrameDescriptor.TCP_FRAME_HEADER_LENGTH * 2 + 100, stats.argument(2));
    }

    @Test
    void shouldRefuseASendBeyondThePeersWindow()
    {
        final long connectionId = establishedTcp(40000);
        final long receiveNext = netstack.stats(connectionId).argument(1);
        netstack.deliver(connectionId, receiveNext, 0, 100, 0, new byte[0]);

        assertEquals(NetstackProtocol.WINDOW_FULL, netstack.send(connectionId, bytes(101, 1)).status());
    }

    @Test
    void shouldFreeSendBufferSpaceWhenDataIsAcknowledged()
    {
        final long connectionId = establishedTcp(40000);
        final long receiveNext = netstack.stats(connectionId).argument(1);
        final long sendNext = netstack.send(connectionId, bytes(NetstackProtocol.TCP_SEGMENT_MAX, 1)).argument(0);
        netstack.send(connectionId, bytes(NetstackProtocol.TCP_SEGMENT_MAX, 2));

        final Message acknowledged = netstack.deliver(
            connectionId, receiveNext, sendNext, Connections.PEER_WINDOW_INITIAL, 0, new byte[0]);
        final Message third = netstack.send(connectionId, bytes(NetstackProtocol.TCP_SEGMENT_MAX, 3));

        assertEquals(Status.OK, acknowledged.status());
        assertEquals(Status.OK, third.status());
        assertEquals(2L * NetstackProtocol.TCP_SEGMENT_MAX, third.argument(1));
    }

    @Test
    void shouldRefuseASendLargerThanOneSegment()
    {
        final long connectionId = establishedTcp(40000);

        final Message reply = netstack.send(connectionId, bytes(NetstackProtocol.TCP_SEGMENT_MAX + 1, 1));

        assertEquals(Status.INVALID_ARGUMENT, reply.status());
    }

    @Test
    void shouldRefuseASendWhenTheNextHopHasNoArpEntry()
    {
        final NetstackClient bare = harness.startBare(harness.sandbox("bare"), new Netstack());
        bare.routeAdd(0, 0, NetstackHarness.GATEWAY, 1);
        final long connectionId = bare.openUdp(40000).connectionId();

        assertEquals(NetstackProtocol.HOST_UNREACHABLE, bare.send(connectionId, bytes(10, 1)).status());
    }

    @Test
    void shouldReturnDeliveredDataInOrderOnReceive()
    {
        final long connectionId = establishedTcp(40000);
        final long receiveNext = netstack.stats(connectionId).argument(1);
        final byte[] first = bytes(700, 1);
        final byte[] second = bytes(500, 2);
        netstack.deliver(connectionId, receiveNext, 0, Connections.PEER_WINDOW_INITIAL, 0, first);
        netstack.deliver(connectionId, receiveNext + 700, 0, Connections.PEER_WINDOW_INITIAL, 0, second);

        final Message received = netstack.receive(connectionId, 1200);
        final byte[] data = new byte[received.payloadLength()];
        received.copyPayload(data, 0);

        final byte[] expected = new byte[1200];
        System.arraycopy(first, 0, expected, 0, 700);
        System.arraycopy(second, 0, expected, 700, 500);
        assertArrayEquals(expected, data);
        assertEquals(0, received.argument(0));
    }

    @Test
    void shouldDropASegmentThatIsNotTheNextExpected()
    {
        final long connectionId = establishedTcp(40000);
        final long receiveNext = netstack.stats(connectionId).argument(1);

        final Message reply = netstack.deliver(
            connectionId, receiveNext + 1, 0, Connections.PEER_WINDOW_INITIAL, 0, bytes(10, 1));

        assertEquals(NetstackProtocol.OUT_OF_ORDER, reply.status());
        assertEquals(receiveNext, reply.argument(0));
        assertEquals(0, netstack.stats(connectionId).argument(3));
    }

    @Test
    void shouldRefuseDataBeyondTheReceiveBuffer()
    {
        final long connectionId = netstack.openUdp(40000).connectionId();
        for (int i = 0; i < NetstackHarness.DEFAULT_MAP.ringLength() / 1024; i++)
        {
            netstack.deliver(connectionId, 0, 0, 0, 0, bytes(1024, i));
        }

        assertEquals(NetstackProtocol.WINDOW_FULL, netstack.deliver(connectionId, 0, 0, 0, 0, bytes(1, 1)).status());
    }

    @Test
    void shouldEndATcpConnectionOneRoundTripAfterClose()
    {
        final long connectionId = establishedTcp(40000);
        netstack.close(connectionId);
        assertEquals(Status.OK, netstack.stats(connectionId).status());

        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);

        assertEquals(Status.UNKNOWN_CONNECTION, netstack.stats(connectionId).status());
        assertEquals(Status.OK, netstack.openTcp(40000).status());
    }

    @Test
    void shouldEndAUdpConnectionAtOnceOnClose()
    {
        final long connectionId = netstack.openUdp(40000).connectionId();

        netstack.close(connectionId);

        assertEquals(Status.UNKNOWN_CONNECTION, netstack.stats(connectionId).status());
    }

    @Test
    void shouldRouteByLongestPrefixThenLowestMetric()
    {
        final RouteTable routes = new RouteTable(netstack.context, new Header(netstack.context));
        final int wide = NetstackHarness.ip(10, 9, 9, 1);
        final int narrow = NetstackHarness.ip(10, 9, 9, 2);
        final int cheaper = NetstackHarness.ip(10, 9, 9, 3);
        netstack.routeAdd(NetstackHarness.ip(198, 51, 0, 0), 16, wide, 1);
        netstack.routeAdd(NetstackHarness.ip(198, 51, 100, 0), 24, narrow, 5);
        netstack.routeAdd(NetstackHarness.ip(198, 51, 100, 0), 24, cheaper, 2);

        assertEquals(cheaper, (int)routes.nextHop(NetstackHarness.ip(198, 51, 100, 9)));
        assertEquals(wide, (int)routes.nextHop(NetstackHarness.ip(198, 51, 7, 9)));
        assertEquals(NetstackHarness.GATEWAY, (int)routes.nextHop(NetstackHarness.ip(203, 0, 113, 1)));
    }

    @Test
    void shouldReplaceTheRouteWithTheSamePrefix()
    {
        final int routes = (int)netstack.routeAdd(NetstackHarness.ip(198, 51, 100, 0), 24, 0, 1).argument(0);

        assertEquals(routes, netstack.routeAdd(NetstackHarness.ip(198, 51, 100, 77), 24, 0, 9).argument(0));
    }

    @Test
    void shouldUpdateAnArpEntryInPlace()
    {
        final int entries = (int)netstack.arpAdd(NetstackHarness.ip(10, 0, 0, 9), 0x02_00_00_00_00_09L).argument(0);

        assertEquals(entries, netstack.arpAdd(NetstackHarness.ip(10, 0, 0, 9), 0x02_00_00_00_00_0AL).argument(0));
    }

    @Test
    void shouldAnswerAnUnknownOperationSo()
    {
        assertEquals(Status.UNKNOWN_OPERATION, netstack.call(new Message().operation(99)).status());
    }

    @Test
    void shouldAnswerUnknownConnectionForAnIdItNeverGave()
    {
        assertEquals(Status.UNKNOWN_CONNECTION, netstack.send(12345, bytes(1, 1)).status());
    }
}
