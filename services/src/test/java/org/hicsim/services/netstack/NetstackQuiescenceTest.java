package org.hicsim.services.netstack;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.netstack.v1_2_0.Netstack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * prepareMigration's levels, reached as virtual time passes with nothing but the clock moving.
 */
class NetstackQuiescenceTest
{
    private static final int DATA_LENGTH = 1000;
    private static final long UDP_DRAIN_NS =
        (FrameDescriptor.UDP_FRAME_HEADER_LENGTH + DATA_LENGTH) * Transmitter.NS_PER_BYTE;

    private final NetstackHarness harness = new NetstackHarness(3);
    private final NetstackClient netstack = harness.start("netstack", new Netstack());

    /** Lets the work of setting the instance up end first. */
    @BeforeEach
    void letSetUpWorkEnd()
    {
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);
    }

    @Test
    void shouldBeWorkFreeOnlyOnceTheLastRequestsWorkIsDone()
    {
        netstack.stats(Message.NO_CONNECTION);

        assertFalse(netstack.service.prepareMigration(Quiescence.WORK_FREE));
        harness.advance(Operations.STATS_WORK_NS);
        assertTrue(netstack.service.prepareMigration(Quiescence.WORK_FREE));
    }

    @Test
    void shouldBeRequestFreeOnlyOnceQueuedDataHasLeftTheLink()
    {
        final long connectionId = netstack.openUdp(40000).connectionId();
        netstack.send(connectionId, new byte[DATA_LENGTH]);
        harness.advance(Operations.OPEN_WORK_NS + Operations.DATA_WORK_NS + Operations.WORK_NS_PER_BYTE * DATA_LENGTH);

        assertTrue(netstack.service.prepareMigration(Quiescence.WORK_FREE));
        assertFalse(netstack.service.prepareMigration(Quiescence.REQUEST_FREE));
        harness.advance(UDP_DRAIN_NS);
        assertTrue(netstack.service.prepareMigration(Quiescence.REQUEST_FREE));
    }

    @Test
    void shouldBeProtocolFreeOnlyOnceEveryHandshakeHasCompleted()
    {
        netstack.openTcp(40000);
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS / 2);

        assertTrue(netstack.service.prepareMigration(Quiescence.REQUEST_FREE));
        assertFalse(netstack.service.prepareMigration(Quiescence.PROTOCOL_FREE));
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS / 2);
        assertTrue(netstack.service.prepareMigration(Quiescence.PROTOCOL_FREE));
    }

    @Test
    void shouldBeProtocolFreeOnlyOnceEveryCloseHasCompleted()
    {
        final long connectionId = netstack.openTcp(40000).connectionId();
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);
        netstack.close(connectionId);
        harness.advance(Operations.CLOSE_WORK_NS);

        assertFalse(netstack.service.prepareMigration(Quiescence.PROTOCOL_FREE));
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);
        assertTrue(netstack.service.prepareMigration(Quiescence.PROTOCOL_FREE));
    }

    @Test
    void shouldRefuseOpensWhilePreparing()
    {
        netstack.service.prepareMigration(Quiescence.WORK_FREE);

        assertEquals(Status.BUSY, netstack.openTcp(40000).status());
    }

    @Test
    void shouldKeepSendingWhenOnlyWorkFreeIsAsked()
    {
        final long connectionId = netstack.openUdp(40000).connectionId();
        netstack.service.prepareMigration(Quiescence.WORK_FREE);

        assertEquals(Status.OK, netstack.send(connectionId, new byte[1]).status());
    }

    @Test
    void shouldRefuseSendsFromRequestFree()
    {
        final long connectionId = netstack.openUdp(40000).connectionId();
        netstack.service.prepareMigration(Quiescence.REQUEST_FREE);

        assertEquals(Status.BUSY, netstack.send(connectionId, new byte[1]).status());
    }

    @Test
    void shouldRefuseClosesAtProtocolFree()
    {
        final long connectionId = netstack.openTcp(40000).connectionId();
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);
        netstack.service.prepareMigration(Quiescence.PROTOCOL_FREE);

        assertEquals(Status.BUSY, netstack.close(connectionId).status());
    }

    @Test
    void shouldServeAsBeforeAfterAbort()
    {
        netstack.service.prepareMigration(Quiescence.PROTOCOL_FREE);

        netstack.service.abortMigration();

        assertEquals(Status.OK, netstack.openTcp(40000).status());
    }

    @Test
    void shouldWaitFor130sMeasuredRoundTripBeforeProtocolFree()
    {
        final long measuredRoundTripNs = 9 * TcpState.ROUND_TRIP_DEFAULT_NS;
        final long smoothedNs = TcpState.ROUND_TRIP_DEFAULT_NS
            + ((measuredRoundTripNs - TcpState.ROUND_TRIP_DEFAULT_NS) >> 3);
        final NetstackClient next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());
        final Message opened = next.openTcp(40000);
        final long connectionId = opened.connectionId();
        final long receiveNext = opened.argument(1);
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);
        final Message sent = next.send(connectionId, new byte[10]);
        final long sendNext = sent.argument(0);
        final long sentAtNs = sent.argument(2);
        harness.advance(measuredRoundTripNs);
        next.deliver(connectionId, receiveNext, sendNext, Connections.PEER_WINDOW_INITIAL, sentAtNs, new byte[0]);
        next.close(connectionId);

        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);
        assertFalse(next.service.prepareMigration(Quiescence.PROTOCOL_FREE));
        harness.advance(smoothedNs - TcpState.ROUND_TRIP_DEFAULT_NS);
        assertTrue(next.service.prepareMigration(Quiescence.PROTOCOL_FREE));
    }
}
