package org.hicsim.services;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.AgreedProtocol;
import org.hicsim.host.MigrationHandshake;
import org.hicsim.host.NoCommonProtocol;
import org.hicsim.host.QuiescenceOutcome;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.ConnectionIdDescriptor;
import org.hicsim.services.netstack.ConnectionRecordV1Descriptor;
import org.hicsim.services.netstack.ConnectionSlotDescriptor;
import org.hicsim.services.netstack.MemoryMap;
import org.hicsim.services.netstack.NetstackProtocol;
import org.hicsim.services.netstack.TcpState;
import org.hicsim.services.web_server.WebServerProtocol;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service side of a live update, end to end, as sections 3.2 and 3.3 of the HIC rolling update document
 * describe it, with every service loaded from its signed bundle by the real host: netstack 1.2.0 serving a few
 * hundred connections under web_server is replaced by netstack 1.3.0 in another sandbox (handshake, quiescence
 * within a deadline, state export and import, each connection moved with its buffer pages, registry switch),
 * then rolled back. The test plays the Module Manager's part; everything it drives is the product's.
 */
class LiveUpdateThroughBundlesTest
{
    private static final int CONNECTIONS = 300;
    /** Opened last and left in their TCP handshake, so protocol-free quiescence has something to wait for. */
    private static final int HANDSHAKING = 30;
    /** Every UDP_EVERY-th connection is UDP, the rest TCP. */
    private static final int UDP_EVERY = 5;
    private static final int SEND_BYTES = 200;
    private static final int DELIVER_BYTES = 300;
    private static final ConnectionClass[] CLASSES = ConnectionClass.values();
    /** netstack's layout, as the catalogue's bundles configure it: by default. */
    private static final MemoryMap MAP = MemoryMap.of(Configuration.EMPTY);

    private static final int SERVER = 0x0A00_0002;
    private static final int CLIENT_BASE = 0xC000_0200;
    private static final int GATEWAY = 0x0A00_0001;
    private static final long GATEWAY_MAC = 0x0200_0000_00FEL;
    private static final int HTTP_PORT = 80;
    private static final int CLIENT_PORT_BASE = 40_000;
    private static final String PATH = "/index";
    private static final byte[] GET = ("GET " + PATH + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private static final Quiescence LEVEL = Quiescence.PROTOCOL_FREE;
    private static final long DEADLINE_NS = Simulation.SECONDS;
    private static final long POLL_INTERVAL_NS = 100 * Simulation.MICROS;
    /** Time for the link to drain one small frame, so eth_driver's TX ring never fills. */
    private static final long LINK_DRAIN_NS = 10 * Simulation.MICROS;

    private final BundleHost kernel = new BundleHost();
    /** Loaded first so that each netstack is granted its dependencies' capabilities. */
    private final ServiceInstance eth = kernel.load("eth_driver-1.2.0");
    private final ServiceInstance ipc = kernel.load("ipc_lib-2.0.0");
    private final ServiceInstance old = kernel.load("netstack-1.2.0");
    private final ServiceInstance web = kernel.load("web_server-1.0.0");
    private final Message request = new Message();
    private final Message reply = new Message();

    private final List<Long> connectionIds = new ArrayList<>();
    private final Map<Long, byte[]> unread = new LinkedHashMap<>();
    private final Map<Long, long[]> countersBefore = new LinkedHashMap<>();
    private final Map<Long, int[]> framesBefore = new LinkedHashMap<>();
    private long webConnectionId;
    private long handshakesDoneAtNs;
    private long quiescentAtNs;

    LiveUpdateThroughBundlesTest()
    {
        call(old, request.clear().operation(NetstackProtocol.ROUTE_ADD).argument(2, GATEWAY).argument(3, 1));
        call(old, request.clear().operation(NetstackProtocol.ARP_ADD).argument(0, GATEWAY).argument(1, GATEWAY_MAC));
        openConnections();
        webConnectionId = connectionIds.get(0);
        publishAndAccept(webConnectionId);
        for (final long connectionId : connectionIds)
        {
            framesBefore.put(connectionId, bufferFrames(old, connectionId));
        }
    }

    @Test
    void shouldQuiesceOnlyOnceTheOpenHandshakesHaveCompleted()
    {
        final long startNs = kernel.kernel.simulation().nowNs();

        assertEquals(QuiescenceOutcome.READY, quiesce(old));

        assertTrue(quiescentAtNs >= handshakesDoneAtNs && quiescentAtNs > startNs,
            "quiescentAtNs=" + quiescentAtNs + " handshakesDoneAtNs=" + handshakesDoneAtNs + " startNs=" + startNs);
    }

    @Test
    void shouldAgreeOnProtocol13AndTheOldStateVersionForTheUpgrade()
    {
        final AgreedProtocol agreed = handshake(old, kernel.load("netstack-1.3.0"));

        assertEquals("1.3", agreed.protocol().toString());
        assertEquals(ConnectionRecordV1Descriptor.STATE_VERSION, agreed.context().snapshotStateVersion());
    }

    @Test
    void shouldMoveEveryConnectionInto130WithItsSequenceNumbersAndCountersIntact()
    {
        final ServiceInstance next = upgradeTo130();

        assertCountersIntact(next);
        assertEquals(CONNECTIONS, globalStats(next).argument(0));
        assertEquals(Status.MIGRATED, connectionStats(old, webConnectionId).status());
    }

    @Test
    void shouldMoveEveryBufferByCapabilityTransferKeepingItsFrames()
    {
        final ServiceInstance next = upgradeTo130();

        assertFramesMovedTo(next);
    }

    @Test
    void shouldHandOverUnreadDataIn130()
    {
        final ServiceInstance next = upgradeTo130();

        assertUnreadDataIn(next);
    }

    @Test
    void shouldSendWebServersNextResponseThrough130OnceTheDefaultIsSwitched()
    {
        final ServiceInstance next = upgradeTo130();

        assertNextResponseGoesThrough(next, old);
    }

    @Test
    void shouldAgreeOnTheOldStateVersionForTheRollbackSo130ConvertsDown()
    {
        final ServiceInstance next = upgradeTo130();

        final AgreedProtocol agreed = handshake(next, old);

        assertEquals(ConnectionRecordV1Descriptor.STATE_VERSION, agreed.context().snapshotStateVersion());
    }

    @Test
    void shouldRollEveryConnectionBackInto120WithNothingLost()
    {
        rollBack(upgradeTo130());

        assertCountersIntact(old);
        assertFramesMovedTo(old);
        assertUnreadDataIn(old);
    }

    @Test
    void shouldSendWebServersNextResponseThrough120AgainAfterTheRollback()
    {
        final ServiceInstance next = upgradeTo130();
        rollBack(next);

        assertNextResponseGoesThrough(old, null);
        assertEquals(ServiceInstance.DEAD, next.handle(request.clear().operation(NetstackProtocol.STATS), reply));
    }

    /**
     * prepare_migration is asked of the instance whose state is taken, so a build that never quiesces blocks an
     * update away from it: here the rollback from it to 1.2.0, which the deadline cancels.
     */
    @Test
    void shouldCancelARollbackFromABuildThatNeverQuiescesAndLeaveItServingEveryConnection()
    {
        final ServiceInstance faulty = upgradeTo("netstack-1.3.0-never-quiesces");
        final long startNs = kernel.kernel.simulation().nowNs();
        handshake(faulty, old);

        assertEquals(QuiescenceOutcome.TIMED_OUT, quiesce(faulty));

        assertEquals(startNs + DEADLINE_NS, quiescentAtNs);
        assertCountersIntact(faulty);
        assertFramesMovedTo(faulty);
        assertEquals(0, globalStats(old).argument(0));
        assertNextResponseGoesThrough(faulty, old);
    }

    @Test
    void shouldRefuseAnUpgradeWithNoCommonProtocolBeforeAnyStateMoves()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-no-common-protocol");

        assertInstanceOf(NoCommonProtocol.class, MigrationHandshake.negotiate(old.manifest(), faulty.manifest()));

        assertEquals(0, globalStats(faulty).argument(0));
        assertCountersIntact(old);
        assertFramesMovedTo(old);
        assertNextResponseGoesThrough(old, faulty);
    }

    /**
     * Only what moves is frozen: half-way through the migration the old instance serves the connections it still
     * holds and answers MIGRATED for those that moved, which the new one serves.
     */
    @Test
    void shouldServeUnmigratedConnectionsInTheOldInstanceWhileTheOthersAreServedByTheNewOne()
    {
        final ServiceInstance next = migrateHalfTo130();

        for (int i = 0; i < CONNECTIONS; i++)
        {
            final long connectionId = connectionIds.get(i);
            final boolean moved = i < CONNECTIONS / 2;
            assertArrayEquals(countersBefore.get(connectionId), counters(moved ? next : old, connectionId));
            assertEquals(moved ? Status.MIGRATED : Status.BUSY,
                connectionStats(moved ? old : next, connectionId).status(), "id=" + connectionId);
        }
    }

    /**
     * An upgrade cancelled half-way: the new instance hands each connection it took back to the old one, both
     * abort, and the old instance serves every connection with its data and its very frames, as before.
     */
    @Test
    void shouldRestoreEveryConnectionWhenAnUpgradeIsAbortedHalfWay()
    {
        final ServiceInstance next = migrateHalfTo130();

        for (final long connectionId : connectionIds.subList(0, CONNECTIONS / 2))
        {
            assertEquals(Status.OK, next.migrateConnection(connectionId, old.connectionTarget()), "id=" + connectionId);
        }
        assertEquals(Status.OK, old.abortMigration());
        assertEquals(Status.OK, next.abortMigration());
        assertEquals(Status.OK, next.shutdown());

        assertCountersIntact(old);
        assertFramesMovedTo(old);
        assertUnreadDataIn(old);
        assertNextResponseGoesThrough(old, null);
        call(old, request.clear().operation(NetstackProtocol.ROUTE_ADD).argument(2, GATEWAY).argument(3, 2));
        assertEquals(Status.OK, reply.status(), Status.name(reply.status()));
    }

    private ServiceInstance migrateHalfTo130()
    {
        final ServiceInstance next = kernel.load("netstack-1.3.0");
        final MigrationContext context = handshake(old, next).context();
        assertEquals(QuiescenceOutcome.READY, quiesce(old));
        assertEquals(Status.OK, next.importState(old.exportState(context), context));
        for (final long connectionId : connectionIds.subList(0, CONNECTIONS / 2))
        {
            assertEquals(Status.OK, old.migrateConnection(connectionId, next.connectionTarget()), "id=" + connectionId);
        }
        return next;
    }

    /** Steps 2.1 to 3.3 for netstack 1.3.0: load, handshake, quiesce, export/import, migrate, switch, commit. */
    private ServiceInstance upgradeTo130()
    {
        return upgradeTo("netstack-1.3.0");
    }

    private ServiceInstance upgradeTo(final String stem)
    {
        final ServiceInstance next = kernel.load(stem);
        final AgreedProtocol agreed = handshake(old, next);
        assertEquals(QuiescenceOutcome.READY, quiesce(old));
        moveConnections(old, next, agreed.context());
        switchDefault(next, old);
        assertEquals(Status.OK, next.completeMigration());
        return next;
    }

    /**
     * Section 4.3 with the old instance still running: the new one is quiesced and exports in the old state
     * version, the old one takes every connection back, serves again, and the new one is shut down.
     */
    private void rollBack(final ServiceInstance next)
    {
        final AgreedProtocol agreed = handshake(next, old);
        assertEquals(QuiescenceOutcome.READY, quiesce(next));
        moveConnections(next, old, agreed.context());
        switchDefault(old, next);
        assertEquals(Status.OK, old.abortMigration());
        assertEquals(Status.OK, next.shutdown());
    }

    private static AgreedProtocol handshake(final ServiceInstance exporter, final ServiceInstance importer)
    {
        return assertInstanceOf(AgreedProtocol.class,
            MigrationHandshake.negotiate(exporter.manifest(), importer.manifest()));
    }

    /** The host's deadline poll, run in virtual time until it reports; records when it did. */
    private QuiescenceOutcome quiesce(final ServiceInstance instance)
    {
        final List<QuiescenceOutcome> outcomes = new ArrayList<>();
        instance.prepareMigration(LEVEL, kernel.kernel.simulation().nowNs() + DEADLINE_NS, POLL_INTERVAL_NS,
            (polled, outcome) ->
            {
                quiescentAtNs = kernel.kernel.simulation().nowNs();
                outcomes.add(outcome);
            });
        kernel.advance(DEADLINE_NS);
        assertEquals(1, outcomes.size(), outcomes.toString());
        return outcomes.get(0);
    }

    private void moveConnections(final ServiceInstance from, final ServiceInstance to, final MigrationContext context)
    {
        assertEquals(Status.OK, to.importState(from.exportState(context), context));
        for (final long connectionId : connectionIds)
        {
            assertEquals(Status.OK, from.migrateConnection(connectionId, to.connectionTarget()), "id=" + connectionId);
        }
    }

    private void switchDefault(final ServiceInstance to, final ServiceInstance from)
    {
        assertEquals(from.endpointId(),
            kernel.kernel.registry().switchDefault(to.name(), ServiceHost.INTERFACE, to.version()));
    }

    private void assertCountersIntact(final ServiceInstance instance)
    {
        for (final long connectionId : connectionIds)
        {
            assertArrayEquals(countersBefore.get(connectionId), counters(instance, connectionId),
                "id=" + connectionId);
        }
    }

    /** The same physical frames, now owned by {@code instance}'s sandbox: moved, not copied. */
    private void assertFramesMovedTo(final ServiceInstance instance)
    {
        for (final long connectionId : connectionIds)
        {
            final int[] frames = bufferFrames(instance, connectionId);
            assertArrayEquals(framesBefore.get(connectionId), frames, "id=" + connectionId);
            for (final int frame : frames)
            {
                assertEquals(instance.sandboxId(), kernel.kernel.memory().ownerOf(frame), "frame=" + frame);
            }
        }
    }

    private void assertUnreadDataIn(final ServiceInstance instance)
    {
        for (final Map.Entry<Long, byte[]> entry : unread.entrySet())
        {
            call(instance, request.clear().operation(NetstackProtocol.RECEIVE).connectionId(entry.getKey())
                .argument(0, Message.PAYLOAD_LENGTH_MAX));
            assertEquals(Status.OK, reply.status(), Status.name(reply.status()));
            final byte[] data = new byte[reply.payloadLength()];
            reply.copyPayload(data, 0);
            assertArrayEquals(entry.getValue(), data, "id=" + entry.getKey());
        }
    }

    /**
     * web_server's next REQUEST goes through its netstack capability to the registry's default: {@code serving}
     * sends the response frame and counts its bytes; {@code idle}, if any, sends nothing.
     */
    private void assertNextResponseGoesThrough(final ServiceInstance serving, final ServiceInstance idle)
    {
        final long framesBefore = globalStats(serving).argument(1);
        final long bytesBefore = connectionStats(serving, webConnectionId).argument(2);
        final long idleFramesBefore = idle == null ? 0 : globalStats(idle).argument(1);

        call(web, request.clear().operation(WebServerProtocol.REQUEST).connectionId(webConnectionId)
            .payload(GET, 0, GET.length));

        assertEquals(Status.OK, reply.status(), Status.name(reply.status()) + " arg0=" + reply.argument(0));
        assertEquals(WebServerProtocol.HTTP_OK, reply.argument(0));
        final long responseBytes = reply.argument(1);
        assertEquals(framesBefore + 1, globalStats(serving).argument(1));
        assertEquals(bytesBefore + responseBytes, connectionStats(serving, webConnectionId).argument(2));
        if (idle != null)
        {
            assertEquals(idleFramesBefore, globalStats(idle).argument(1));
        }
    }

    /**
     * CONNECTIONS of every class, a fifth UDP: most established, with data sent and not yet acknowledged and
     * data received and not yet read; the last HANDSHAKING still in their TCP handshake.
     */
    private void openConnections()
    {
        for (int i = 0; i < CONNECTIONS - HANDSHAKING; i++)
        {
            open(i);
        }
        kernel.advance(TcpState.ROUND_TRIP_DEFAULT_NS);
        for (final long connectionId : connectionIds)
        {
            exchange(connectionId);
        }
        for (int i = CONNECTIONS - HANDSHAKING; i < CONNECTIONS; i++)
        {
            open(i);
        }
        handshakesDoneAtNs = kernel.kernel.simulation().nowNs() + TcpState.ROUND_TRIP_DEFAULT_NS;
        for (final long connectionId : connectionIds)
        {
            countersBefore.put(connectionId, counters(old, connectionId));
        }
    }

    private void open(final int i)
    {
        final int protocol =
            i % UDP_EVERY == UDP_EVERY - 1 ? NetstackProtocol.PROTOCOL_UDP : NetstackProtocol.PROTOCOL_TCP;
        final ConnectionClass connectionClass = i == 0 ? ConnectionClass.MEDIUM : CLASSES[i % CLASSES.length];
        call(old, request.clear().operation(NetstackProtocol.OPEN)
            .argument(0, NetstackProtocol.addresses(SERVER, CLIENT_BASE + i))
            .argument(1, NetstackProtocol.ports(HTTP_PORT, CLIENT_PORT_BASE + i, protocol, connectionClass.code()))
            .argument(2, i + 1));
        assertEquals(Status.OK, reply.status(), Status.name(reply.status()));
        connectionIds.add(reply.connectionId());
    }

    /** Sends data the peer has not acknowledged, then delivers data the application has not read. */
    private void exchange(final long connectionId)
    {
        final byte[] sent = pattern(connectionId, SEND_BYTES);
        call(old, request.clear().operation(NetstackProtocol.SEND).connectionId(connectionId)
            .payload(sent, 0, sent.length));
        assertEquals(Status.OK, reply.status(), Status.name(reply.status()));
        kernel.advance(LINK_DRAIN_NS);

        final long receiveNext = connectionStats(old, connectionId).argument(1);
        final byte[] delivered = pattern(~connectionId, DELIVER_BYTES);
        call(old, request.clear().operation(NetstackProtocol.DELIVER).connectionId(connectionId)
            .argument(0, receiveNext).argument(2, MAP.ringLength())
            .payload(delivered, 0, delivered.length));
        assertEquals(Status.OK, reply.status(), Status.name(reply.status()));
        unread.put(connectionId, delivered);
    }

    private void publishAndAccept(final long connectionId)
    {
        final byte[] document = (PATH + "hello, world").getBytes(StandardCharsets.US_ASCII);
        call(web, request.clear().operation(WebServerProtocol.PUBLISH).argument(0, PATH.length())
            .payload(document, 0, document.length));
        call(web, request.clear().operation(WebServerProtocol.ACCEPT).connectionId(connectionId)
            .argument(1, ConnectionClass.MEDIUM.code()));
        assertEquals(Status.OK, reply.status(), Status.name(reply.status()));
    }

    /** STATS of one connection: next send and receive sequence numbers, bytes sent and received. */
    private long[] counters(final ServiceInstance instance, final long connectionId)
    {
        final Message stats = connectionStats(instance, connectionId);
        assertEquals(Status.OK, stats.status(), Status.name(stats.status()) + " id=" + connectionId);
        final long[] counters = new long[Message.ARGUMENT_COUNT];
        for (int i = 0; i < counters.length; i++)
        {
            counters[i] = stats.argument(i);
        }
        return counters;
    }

    private Message connectionStats(final ServiceInstance instance, final long connectionId)
    {
        return call(instance, request.clear().operation(NetstackProtocol.STATS).connectionId(connectionId));
    }

    /** arg0 connections, arg1 frames sent. */
    private Message globalStats(final ServiceInstance instance)
    {
        return call(instance, request.clear().operation(NetstackProtocol.STATS));
    }

    /** The physical frames under a connection's buffer, read off the sandbox's page table like Core-0 does. */
    private int[] bufferFrames(final ServiceInstance instance, final long connectionId)
    {
        final PageTable pages = kernel.kernel.sandboxes().get(instance.sandboxId()).pageTable();
        final long slotAddress = Sandbox.MEMORY_BASE
            + MAP.slotOffset(ConnectionIdDescriptor.slot(connectionId));
        final long bufferAddress = kernel.kernel.memoryAccess()
            .loadLong(pages, slotAddress + ConnectionSlotDescriptor.BUFFER_ADDRESS_OFFSET);
        final int[] frames = new int[MAP.bufferPages()];
        for (int page = 0; page < frames.length; page++)
        {
            frames[page] = PageTableEntryDescriptor.frameNumber(
                pages.entry((bufferAddress >>> PageTable.PAGE_SHIFT) + page));
        }
        return frames;
    }

    private Message call(final ServiceInstance instance, final Message message)
    {
        assertEquals(Status.OK, instance.handle(message, reply), instance.toString());
        return reply;
    }

    private static byte[] pattern(final long seed, final int length)
    {
        final byte[] data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)(seed * 31 + i);
        }
        return data;
    }
}
