package org.hicsim.services.netstack;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.hicsim.core0.SandboxTerminatedException;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.netstack.v1_3_0.ConnectionRecordV2Descriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The check: netstack 1.2.0 with 1,000 connections exported, imported into 1.3.0 (code_change up),
 * exported back down for a rollback and imported into a fresh 1.2.0 (code_change down), each connection moved by
 * migrateConnection with its buffer pages transferred, not copied.
 */
class NetstackStateMigrationTest
{
    private static final int CONNECTIONS = 1000;
    /** Negotiated between 1.2.0 (1.2, 1.3) and 1.3.0 (1.3, 1.4), either way. */
    private static final MigrationContext TO_VERSION_1 = new MigrationContext(1, 3, 1);
    private static final MigrationContext TO_VERSION_2 = new MigrationContext(1, 3, 2);

    private final NetstackHarness harness = new NetstackHarness(11);
    private final NetstackClient old = harness.start("netstack-v1.2.0", NetstackHarness.netstack120());
    private RandomConnections connections;
    private Map<Long, byte[]> originalRecords;
    private Map<Long, int[]> originalFrames;

    @BeforeEach
    void openConnections()
    {
        connections = RandomConnections.open(harness, old, new SplittableRandom(20_260_511), CONNECTIONS);
        originalRecords = connections.records(old);
        originalFrames = new LinkedHashMap<>();
        for (final long connectionId : connections.ids)
        {
            originalFrames.put(connectionId, frames(old, old.poolBufferAddress(connectionId)));
        }
    }

    private NetstackClient upTo130()
    {
        final NetstackClient next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());
        assertEquals(Status.OK, next.service.importState(old.service.exportState(TO_VERSION_1), TO_VERSION_1));
        migrateAll(old, next);
        return next;
    }

    private NetstackClient downTo120(final NetstackClient from)
    {
        final NetstackClient fresh = harness.start("netstack-v1.2.0-rollback", NetstackHarness.netstack120());
        assertEquals(Status.OK, fresh.service.importState(from.service.exportState(TO_VERSION_1), TO_VERSION_1));
        migrateAll(from, fresh);
        return fresh;
    }

    private void migrateAll(final NetstackClient from, final NetstackClient to)
    {
        for (final long connectionId : connections.ids)
        {
            assertEquals(Status.OK, from.service.migrateConnection(connectionId, to.asTarget()), "id=" + connectionId);
        }
    }

    private int[] frames(final NetstackClient instance, final long bufferAddress)
    {
        final PageTable pageTable = harness.kernel.sandboxes().get(instance.sandboxId).pageTable();
        final int[] frames = new int[NetstackHarness.DEFAULT_MAP.bufferPages()];
        for (int page = 0; page < frames.length; page++)
        {
            frames[page] = PageTableEntryDescriptor.frameNumber(
                pageTable.entry((bufferAddress >>> PageTable.PAGE_SHIFT) + page));
        }
        return frames;
    }

    private static StateSnapshot withRecordByteFlipped(final StateSnapshot snapshot, final int connection, final int at)
    {
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        final StateSnapshot.Builder builder =
            StateSnapshot.builder(snapshot.stateVersion()).global(global, 0, global.length);
        for (int i = 0; i < snapshot.connections().size(); i++)
        {
            final ConnectionState state = snapshot.connections().get(i);
            final byte[] record = new byte[state.length()];
            state.copyRecord(record, 0);
            if (i == connection)
            {
                record[at] ^= 1;
            }
            builder.connection(
                new ConnectionState(state.connectionId(), state.connectionClass(), record, record.length));
        }
        return builder.build();
    }

    private static StateSnapshot withGlobalByteFlipped(final StateSnapshot snapshot, final int at)
    {
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        global[at] ^= 1;
        final StateSnapshot.Builder builder =
            StateSnapshot.builder(snapshot.stateVersion()).global(global, 0, global.length);
        snapshot.connections().forEach(builder::connection);
        return builder.build();
    }

    @Test
    void shouldExportEveryConnectionWithItsClass()
    {
        final StateSnapshot snapshot = old.service.exportState(TO_VERSION_1);

        assertEquals(CONNECTIONS, snapshot.connections().size());
        for (final ConnectionState state : snapshot.connections())
        {
            final byte[] record = originalRecords.get(state.connectionId());
            assertEquals(record[ConnectionRecordV1Descriptor.CLASS_OFFSET], state.connectionClass().code());
        }
    }

    /** The round trip a Module Manager checks before it commits: 1.3.0 gives back, in version 1, what it took. */
    @Test
    void shouldExportTheImportedStateBackInTheOldLayoutByteForByte()
    {
        final StateSnapshot original = old.service.exportState(TO_VERSION_1);
        final NetstackClient next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());
        assertEquals(Status.OK, next.service.importState(original, TO_VERSION_1));

        final StateSnapshot roundTrip = next.service.exportState(TO_VERSION_1);

        assertEquals(CONNECTIONS, roundTrip.connections().size());
        assertArrayEquals(global(original), global(roundTrip));
        assertEquals(original.connections(), roundTrip.connections());
        assertEquals(original, roundTrip);
    }

    @Test
    void shouldExportTheSameBytesBackOnceEveryConnectionHasBeenActivated()
    {
        final StateSnapshot original = old.service.exportState(TO_VERSION_1);
        final NetstackClient next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());
        assertEquals(Status.OK, next.service.importState(original, TO_VERSION_1));
        migrateAll(old, next);

        assertEquals(original, next.service.exportState(TO_VERSION_1));
    }

    private static byte[] global(final StateSnapshot snapshot)
    {
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        return global;
    }

    @Test
    void shouldKeepEveryFieldWhenConvertingUpTo130()
    {
        final NetstackClient next = upTo130();

        for (final long connectionId : connections.ids)
        {
            final byte[] converted = next.record(connectionId);
            final byte[] expected = originalRecords.get(connectionId).clone();
            expected[ConnectionRecordV1Descriptor.STATE_VERSION_OFFSET] = ConnectionRecordV2Descriptor.STATE_VERSION;
            assertArrayEquals(expected,
                Arrays.copyOf(converted, ConnectionRecordV1Descriptor.LENGTH), "id=" + connectionId);
            assertEquals(ConnectionRecordV2Descriptor.LENGTH, converted.length);
        }
    }

    @Test
    void shouldStartEveryConvertedConnectionAtTheRoundTrip120Assumed()
    {
        final NetstackClient next = upTo130();
        final long srttAddress = next.context.memoryBase() + NetstackHarness.DEFAULT_MAP.slotOffset(
            ConnectionIdDescriptor.slot(connections.ids.get(0))) + ConnectionSlotDescriptor.RECORD_OFFSET
            + ConnectionRecordV2Descriptor.SRTT_OFFSET;

        assertEquals(TcpState.ROUND_TRIP_DEFAULT_NS, next.context.loadLong(srttAddress));
    }

    @Test
    void shouldGiveBackEveryRecordByteForByteWhenConvertingDownTo120()
    {
        final NetstackClient fresh = downTo120(upTo130());

        for (final long connectionId : connections.ids)
        {
            assertArrayEquals(originalRecords.get(connectionId), fresh.record(connectionId), "id=" + connectionId);
        }
    }

    @Test
    void shouldMoveBufferPagesWithTheSameFramesBothWays()
    {
        final NetstackClient next = upTo130();
        final NetstackClient fresh = downTo120(next);

        for (final long connectionId : connections.ids)
        {
            assertArrayEquals(originalFrames.get(connectionId),
                frames(fresh, fresh.windowBufferAddress(connectionId)), "id=" + connectionId);
        }
    }

    @Test
    void shouldHandOverUnreadDataInTheMovedPages()
    {
        final NetstackClient fresh = downTo120(upTo130());

        for (final long connectionId : connections.ids)
        {
            final byte[] unread = connections.unread(connectionId);
            final byte[] data = new byte[unread.length];
            int length = 0;
            for (Message reply = fresh.receive(connectionId, Message.PAYLOAD_LENGTH_MAX); reply.payloadLength() > 0;
                reply = fresh.receive(connectionId, Message.PAYLOAD_LENGTH_MAX))
            {
                length += reply.copyPayload(data, length);
            }
            assertArrayEquals(unread, Arrays.copyOf(data, length), "id=" + connectionId);
        }
    }

    @Test
    void shouldTakeEveryConnectionBackIntoTheOldInstanceOnRollback()
    {
        final NetstackClient next = upTo130();

        assertEquals(Status.OK, old.service.importState(next.service.exportState(TO_VERSION_1), TO_VERSION_1));
        migrateAll(next, old);

        for (final long connectionId : connections.ids)
        {
            assertArrayEquals(originalRecords.get(connectionId), old.record(connectionId), "id=" + connectionId);
            assertArrayEquals(originalFrames.get(connectionId), frames(old, old.windowBufferAddress(connectionId)));
        }
    }

    @Test
    void shouldFaultTheOldInstanceWhenItTouchesAMigratedBuffer()
    {
        upTo130();
        final long connectionId = connections.ids.get(0);

        assertThrows(SandboxTerminatedException.class, () -> old.context.loadByte(old.poolBufferAddress(connectionId)));
        assertFalse(harness.kernel.sandboxes().get(old.sandboxId).isAlive());
    }

    @Test
    void shouldHoldImportedConnectionsAsMigratingUntilActivated()
    {
        final NetstackClient next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());
        next.service.importState(old.service.exportState(TO_VERSION_1), TO_VERSION_1);
        final long connectionId = connections.ids.get(0);

        assertEquals(Status.BUSY, next.stats(connectionId).status());
        old.service.migrateConnection(connectionId, next.asTarget());
        assertEquals(Status.OK, next.stats(connectionId).status());
        assertEquals(Status.MIGRATED, old.stats(connectionId).status());
    }

    @Test
    void shouldRefuseASnapshotWithACorruptedRecordAndKeepNothing()
    {
        final StateSnapshot corrupted = withRecordByteFlipped(
            old.service.exportState(TO_VERSION_1), CONNECTIONS / 2, ConnectionRecordV1Descriptor.SND_NXT_OFFSET);
        final NetstackClient next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());

        assertEquals(Status.STATE_CORRUPT, next.service.importState(corrupted, TO_VERSION_1));
        assertEquals(Status.UNKNOWN_CONNECTION, next.stats(connections.ids.get(0)).status());
        assertEquals(Status.OK, next.service.importState(old.service.exportState(TO_VERSION_1), TO_VERSION_1));
    }

    @Test
    void shouldRefuseASnapshotWithACorruptedArpCache()
    {
        final StateSnapshot corrupted = withGlobalByteFlipped(
            old.service.exportState(TO_VERSION_1), SnapshotGlobalDescriptor.ARP_OFFSET + 3);
        final NetstackClient next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());

        assertEquals(Status.STATE_CORRUPT, next.service.importState(corrupted, TO_VERSION_1));
    }

    @Test
    void shouldWarmTheRouteTableAndArpCacheFromTheSnapshot()
    {
        final NetstackClient bare = harness.startBare(
            harness.sandbox("netstack-v1.3.0"), NetstackHarness.netstack130());

        bare.service.importState(old.service.exportState(TO_VERSION_1), TO_VERSION_1);

        assertEquals(Status.OK, bare.openUdp(40000).status());
        assertEquals(Status.OK, bare.send(bare.openUdp(40001).connectionId(), new byte[10]).status());
    }

    @Test
    void shouldNotWriteStateVersion2From120()
    {
        assertNull(old.service.exportState(TO_VERSION_2));
    }

    @Test
    void shouldRefuseStateVersion2In120()
    {
        final NetstackClient next = upTo130();
        final NetstackClient fresh = harness.start("netstack-v1.2.0-rollback", NetstackHarness.netstack120());

        assertEquals(Status.STATE_VERSION_UNSUPPORTED,
            fresh.service.importState(next.service.exportState(TO_VERSION_2), TO_VERSION_2));
    }

    @Test
    void shouldLeaveTheConnectionUntouchedWhenTheTransferIsRefused()
    {
        final long connectionId = connections.ids.get(0);
        final NetstackClient next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());
        final int deadSandbox = harness.sandbox("gone");
        harness.kernel.sandboxes().destroy(deadSandbox);
        final var unreachable = new org.hicsim.core0.spi.ConnectionTarget()
        {
            @Override
            public int sandboxId()
            {
                return deadSandbox;
            }

            @Override
            public int deliver(final long id, final byte[] state, final int length, final long handle)
            {
                return next.service.activateConnection(id, state, length, handle);
            }
        };

        assertEquals(NetstackProtocol.TRANSFER_REFUSED, old.service.migrateConnection(connectionId, unreachable));
        assertArrayEquals(originalRecords.get(connectionId), old.record(connectionId));
        assertArrayEquals(originalFrames.get(connectionId), frames(old, old.poolBufferAddress(connectionId)));
    }

    @Test
    void shouldServeAgainOnceARefusedDeliveryHandsTheBufferBack()
    {
        final long connectionId = connections.ids.get(0);
        final NetstackClient next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());
        final long[] handleInNext = new long[1];
        final org.hicsim.core0.spi.ConnectionTarget refusing = new org.hicsim.core0.spi.ConnectionTarget()
        {
            @Override
            public int sandboxId()
            {
                return next.sandboxId;
            }

            @Override
            public int deliver(final long id, final byte[] state, final int length, final long handle)
            {
                handleInNext[0] = handle;
                return Status.NO_CAPACITY;
            }
        };

        assertEquals(Status.NO_CAPACITY, old.service.migrateConnection(connectionId, refusing));
        assertEquals(Status.BUSY, old.stats(connectionId).status());
        final long handedBack = next.context.transfer(handleInNext[0], old.sandboxId);
        final byte[] record = originalRecords.get(connectionId);
        assertEquals(Status.OK, old.service.activateConnection(connectionId, record, record.length, handedBack));
        assertArrayEquals(record, old.record(connectionId));
        assertArrayEquals(originalFrames.get(connectionId), frames(old, old.windowBufferAddress(connectionId)));
    }

    @Test
    void shouldDropUnactivatedReservationsOnAbort()
    {
        final NetstackClient next = harness.start("netstack-v1.3.0", NetstackHarness.netstack130());
        next.service.importState(old.service.exportState(TO_VERSION_1), TO_VERSION_1);

        next.service.abortMigration();

        assertEquals(Status.UNKNOWN_CONNECTION, next.stats(connections.ids.get(0)).status());
        assertEquals(Status.OK, next.service.importState(old.service.exportState(TO_VERSION_1), TO_VERSION_1));
    }

    @Test
    void shouldDropMigratedRecordsOnComplete()
    {
        upTo130();

        old.service.completeMigration();

        final Message stats = old.stats(Message.NO_CONNECTION);
        assertEquals(0, stats.argument(0));
        assertEquals(Status.UNKNOWN_CONNECTION, old.stats(connections.ids.get(0)).status());
    }
}
