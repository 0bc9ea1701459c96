package org.hicsim.services.netstack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only what moves is frozen, and only while it moves: netstack 1.2.0 holds back work until its consistency point,
 * serves again once it has exported, and answers for each connection according to where it is; an abort after
 * some connections moved takes them back, handed back by the importer, with what they received meanwhile.
 */
class NetstackPerConnectionFreezeTest
{
    private static final int CONNECTIONS = 200;
    private static final MigrationContext TO_VERSION_1 = new MigrationContext(1, 3, 1);

    private final NetstackHarness harness = new NetstackHarness(23);
    private final NetstackClient old = harness.start("netstack-v1.2.0", NetstackHarness.netstack120());
    private NetstackClient next;
    private RandomConnections connections;
    private List<Long> moved;
    private List<Long> staying;

    @BeforeEach
    void openAndReachTheConsistencyPoint()
    {
        connections = RandomConnections.open(harness, old, new SplittableRandom(7), CONNECTIONS);
        harness.advance(2 * TcpState.ROUND_TRIP_DEFAULT_NS);
        moved = connections.ids.subList(0, CONNECTIONS / 2);
        staying = connections.ids.subList(CONNECTIONS / 2, CONNECTIONS);
    }

    /**
     * Prepares and waits for the consistency point (the work of the requests before ends within a millisecond),
     * exports, imports into 1.3.0, and moves the first half of the connections.
     */
    private void migrateHalf()
    {
        old.service.prepareMigration(Quiescence.PROTOCOL_FREE);
        harness.advance(Simulation.MILLIS);
        assertTrue(old.service.prepareMigration(Quiescence.PROTOCOL_FREE));
        next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());
        assertEquals(Status.OK, next.service.importState(old.service.exportState(TO_VERSION_1), TO_VERSION_1));
        for (final long connectionId : moved)
        {
            assertEquals(Status.OK, old.service.migrateConnection(connectionId, next.asTarget()));
        }
    }

    private static int send(final NetstackClient instance, final long connectionId)
    {
        return instance.send(connectionId, new byte[] { 1, 2, 3 }).status();
    }

    @Test
    void shouldHoldBackSendsOnlyUntilTheConsistencyPoint()
    {
        final long connectionId = old.openUdp(45_000).connectionId();
        old.service.prepareMigration(Quiescence.PROTOCOL_FREE);
        assertEquals(Status.BUSY, send(old, connectionId));

        old.service.exportState(TO_VERSION_1);

        assertEquals(Status.OK, send(old, connectionId));
    }

    @Test
    void shouldServeUnmigratedConnectionsWhileOthersMigrate()
    {
        migrateHalf();

        for (final long connectionId : staying)
        {
            assertEquals(Status.OK, old.stats(connectionId).status(), "id=" + connectionId);
            assertEquals(Status.BUSY, next.stats(connectionId).status(), "id=" + connectionId);
        }
        for (final long connectionId : moved)
        {
            assertEquals(Status.MIGRATED, old.stats(connectionId).status(), "id=" + connectionId);
            assertEquals(Status.OK, next.stats(connectionId).status(), "id=" + connectionId);
        }
    }

    @Test
    void shouldLeaveNewConnectionsAndTablesToTheImporterOnceExported()
    {
        migrateHalf();

        assertEquals(Status.MIGRATED, old.openUdp(50_000).status());
        assertEquals(Status.MIGRATED, old.routeAdd(0x0A00_0000, 8, NetstackHarness.GATEWAY, 1).status());
        assertEquals(Status.MIGRATED, old.arpAdd(NetstackHarness.ip(10, 0, 0, 9), 0x0200_0000_0009L).status());
        assertEquals(Status.OK, old.stats(Message.NO_CONNECTION).status());
        assertEquals(Status.OK, next.openUdp(50_000).status());
    }

    @Test
    void shouldChangeNothingWhenExportingWithoutPreparing()
    {
        old.service.exportState(TO_VERSION_1);

        assertEquals(Status.OK, old.openUdp(50_000).status());
        assertEquals(Status.OK, old.routeAdd(0x0A00_0000, 8, NetstackHarness.GATEWAY, 1).status());
    }

    @Test
    void shouldTakeBackMovedConnectionsHandedBackBeforeAnAbortWithWhatTheyReceivedMeanwhile()
    {
        final Map<Long, byte[]> recordsBefore = connections.records(old);
        migrateHalf();
        final long connectionId = moved.get(0);
        final byte[] unreadBefore = connections.unread(connectionId);
        final byte[] meanwhile = { 9, 8, 7, 6 };
        final long receiveNext = next.stats(connectionId).argument(1);
        assertEquals(Status.OK, next.deliver(connectionId, receiveNext, 0, 1, 0, meanwhile).status());

        for (final long id : moved)
        {
            assertEquals(Status.OK, next.service.migrateConnection(id, old.asTarget()), "id=" + id);
        }
        old.service.abortMigration();
        next.service.abortMigration();

        for (final long id : connections.ids)
        {
            assertEquals(Status.OK, old.stats(id).status(), "id=" + id);
            assertEquals(Status.UNKNOWN_CONNECTION, next.stats(id).status(), "id=" + id);
        }
        for (final long id : moved.subList(1, moved.size()))
        {
            assertArrayEquals(recordsBefore.get(id), old.record(id), "id=" + id);
        }
        assertArrayEquals(concat(unreadBefore, meanwhile), readAll(old, connectionId));
        assertEquals(Status.OK, old.openUdp(50_000).status());
    }

    @Test
    void shouldGiveUpConnectionsNotHandedBackOnAbortAndOwnItsTablesAgain()
    {
        migrateHalf();

        old.service.abortMigration();

        assertEquals(Status.UNKNOWN_CONNECTION, old.stats(moved.get(0)).status());
        assertEquals(Status.OK, old.stats(staying.get(0)).status());
        assertEquals(Status.OK, old.openUdp(50_000).status());
        assertEquals(Status.OK, old.routeAdd(0x0A00_0000, 8, NetstackHarness.GATEWAY, 1).status());
    }

    @Test
    void shouldClearWhatTheMigrationKeptOnComplete()
    {
        migrateHalf();
        for (final long connectionId : staying)
        {
            assertEquals(Status.OK, old.service.migrateConnection(connectionId, next.asTarget()));
        }

        old.service.completeMigration();
        next.service.completeMigration();

        assertEquals(0, old.stats(Message.NO_CONNECTION).argument(0));
        assertEquals(Status.UNKNOWN_CONNECTION, old.stats(moved.get(0)).status());
        assertEquals(Status.MIGRATED, old.openUdp(50_000).status());
        assertEquals(CONNECTIONS, next.stats(Message.NO_CONNECTION).argument(0));
        assertEquals(Status.OK, next.openUdp(50_000).status());
    }

    @Test
    void shouldHandBackAConnectionTheImporterOpenedIntoASlotWhosePoolBufferIsIdle()
    {
        final long closed = staying.get(staying.size() - 1);
        old.close(closed);
        harness.advance(2 * TcpState.ROUND_TRIP_DEFAULT_NS);
        migrateHalf();
        final long opened = next.openUdp(50_000).connectionId();
        assertEquals(ConnectionIdDescriptor.slot(closed), ConnectionIdDescriptor.slot(opened));
        assertEquals(Status.OK, next.send(opened, new byte[] { 5 }).status());

        assertEquals(Status.OK, next.service.migrateConnection(opened, old.asTarget()));
        old.service.abortMigration();

        assertEquals(Status.OK, old.stats(opened).status());
        assertEquals(1, old.stats(opened).argument(2));
        assertEquals(Status.OK, old.openUdp(50_001).status());
    }

    private static byte[] readAll(final NetstackClient instance, final long connectionId)
    {
        byte[] data = new byte[0];
        for (Message reply = instance.receive(connectionId, Message.PAYLOAD_LENGTH_MAX); reply.payloadLength() > 0;
            reply = instance.receive(connectionId, Message.PAYLOAD_LENGTH_MAX))
        {
            final int length = data.length;
            data = Arrays.copyOf(data, length + reply.payloadLength());
            reply.copyPayload(data, length);
        }
        return data;
    }

    private static byte[] concat(final byte[] first, final byte[] second)
    {
        final byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
