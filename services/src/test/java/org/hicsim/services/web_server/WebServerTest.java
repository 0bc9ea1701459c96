package org.hicsim.services.web_server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.InstanceTarget;
import org.hicsim.services.RecordingNetstack;
import org.hicsim.services.ServiceKernel;
import org.hicsim.services.netstack.NetstackProtocol;
import org.hicsim.services.web_server.v1_0_0.WebServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebServerTest
{
    static final long MEMORY = 1024 * 1024;
    private static final long NETSTACK_MEMORY = 64 * 1024;
    private static final MigrationContext MIGRATION = new MigrationContext(1, 0, WebServer.STATE_VERSION);
    private static final String PATH = "/index.html";
    private static final String CONTENT = "hello, world";
    private static final String GET = "GET " + PATH + " HTTP/1.1\r\nHost: example\r\n\r\n";
    private static final long CONNECTION = 7;

    private final ServiceKernel kernel = new ServiceKernel();
    private final RecordingNetstack netstack = new RecordingNetstack();
    private final Message request = new Message();
    private final Message reply = new Message();

    WebServerTest()
    {
        kernel.publish(kernel.start("netstack", "1.3.0", netstack, NETSTACK_MEMORY), "netstack", "1.3.0");
    }

    private ServiceKernel.Instance start(final String version)
    {
        final ServiceKernel.Instance server = kernel.start("web_server", version, new WebServer(), MEMORY);
        kernel.grant(server, "netstack", "1.3.0");
        return server;
    }

    private ServiceKernel.Instance serving()
    {
        final ServiceKernel.Instance server = start("1.0.0");
        publish(server, PATH, CONTENT);
        assertEquals(Status.OK, accept(server, CONNECTION, 0));
        return server;
    }

    private void publish(final ServiceKernel.Instance server, final String path, final String content)
    {
        final byte[] document = (path + content).getBytes(StandardCharsets.US_ASCII);
        request.clear().operation(WebServerProtocol.PUBLISH).argument(0, path.length())
            .payload(document, 0, document.length);
        server.handle(request, reply);
        assertEquals(Status.OK, reply.status());
    }

    private int accept(final ServiceKernel.Instance server, final long connectionId, final long sessionId)
    {
        request.clear().operation(WebServerProtocol.ACCEPT).connectionId(connectionId).argument(0, sessionId)
            .argument(1, ConnectionClass.MEDIUM.code());
        server.handle(request, reply);
        return reply.status();
    }

    private int send(final ServiceKernel.Instance server, final long connectionId, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        request.clear().operation(WebServerProtocol.REQUEST).connectionId(connectionId)
            .payload(bytes, 0, bytes.length);
        assertEquals(Status.OK, server.handle(request, reply));
        return reply.status();
    }

    @Test
    void shouldSendThePublishedDocumentThroughNetstack()
    {
        final ServiceKernel.Instance server = serving();

        assertEquals(Status.OK, send(server, CONNECTION, GET));

        assertEquals(WebServerProtocol.HTTP_OK, reply.argument(0));
        final RecordingNetstack.Sent sent = netstack.lastSent();
        assertEquals(CONNECTION, sent.connectionId());
        assertEquals(sent.payload().length, reply.argument(1));
        assertTrue(sent.text().startsWith("HTTP/1.1 200 OK\r\n"), sent.text());
        assertTrue(sent.text().contains("\r\nContent-Length: " + CONTENT.length() + "\r\n"), sent.text());
        assertTrue(sent.text().endsWith("\r\n\r\n" + CONTENT), sent.text());
    }

    @Test
    void shouldAnswerNotFoundForAPathNotPublished()
    {
        send(serving(), CONNECTION, "GET /missing HTTP/1.1\r\n\r\n");

        assertEquals(WebServerProtocol.HTTP_NOT_FOUND, reply.argument(0));
        assertTrue(netstack.lastSent().text().startsWith("HTTP/1.1 404 Not Found\r\n"));
    }

    @Test
    void shouldAnswerMethodNotAllowedForAPost()
    {
        send(serving(), CONNECTION, "POST " + PATH + " HTTP/1.1\r\n\r\n");

        assertEquals(WebServerProtocol.HTTP_METHOD_NOT_ALLOWED, reply.argument(0));
    }

    @Test
    void shouldAnswerBadRequestForAMalformedRequestLine()
    {
        send(serving(), CONNECTION, "GET " + PATH + "\r\n\r\n");

        assertEquals(WebServerProtocol.HTTP_BAD_REQUEST, reply.argument(0));
    }

    @Test
    void shouldHoldAnIncompleteRequestUntilItsBlankLineArrives()
    {
        final ServiceKernel.Instance server = serving();
        final int split = 10;

        assertEquals(Status.OK, send(server, CONNECTION, GET.substring(0, split)));
        assertEquals(0, reply.argument(0));
        assertEquals(split, reply.argument(2));
        assertTrue(netstack.sent.isEmpty());

        send(server, CONNECTION, GET.substring(split));
        assertEquals(WebServerProtocol.HTTP_OK, reply.argument(0));
        assertEquals(0, reply.argument(2));
    }

    @Test
    void shouldAnswerHeaderTooLargeWhenAnIncompleteRequestOutgrowsItsBuffer()
    {
        send(serving(), CONNECTION, "G".repeat(WebServerProtocol.REQUEST_LENGTH_MAX + 1));

        assertEquals(WebServerProtocol.HTTP_HEADER_TOO_LARGE, reply.argument(0));
    }

    @Test
    void shouldCarryTheSessionIdAsACookie()
    {
        final ServiceKernel.Instance server = start("1.0.0");
        accept(server, CONNECTION, 0x1234);

        send(server, CONNECTION, GET);

        assertTrue(netstack.lastSent().text().contains("\r\nSet-Cookie: session=0000000000001234\r\n"));
    }

    @Test
    void shouldReportNetstacksRefusalOfTheResponse()
    {
        final ServiceKernel.Instance server = serving();
        netstack.refuseSends(NetstackProtocol.NOT_ESTABLISHED);

        assertEquals(WebServerProtocol.SEND_FAILED, send(server, CONNECTION, GET));
        assertEquals(NetstackProtocol.NOT_ESTABLISHED, reply.argument(0));
    }

    @Test
    void shouldReportCallFailedWithoutANetstackCapability()
    {
        final ServiceKernel.Instance server = kernel.start("web_server", "1.0.0", new WebServer(), MEMORY);
        accept(server, CONNECTION, 0);

        assertEquals(WebServerProtocol.SEND_FAILED, send(server, CONNECTION, GET));
        assertEquals(Status.CALL_FAILED, reply.argument(0));
    }

    @Test
    void shouldRefuseARequestOnAConnectionWithoutASession()
    {
        assertEquals(Status.UNKNOWN_CONNECTION, send(serving(), CONNECTION + 1, GET));
    }

    @Test
    void shouldRefuseASecondSessionOnOneConnection()
    {
        assertEquals(WebServerProtocol.SESSION_EXISTS, accept(serving(), CONNECTION, 0));
    }

    @Test
    void shouldRefuseSessionsBeyondCapacity()
    {
        final ServiceKernel.Instance server = start("1.0.0");
        for (int i = 1; i <= WebServerStateDescriptor.SESSION_CAPACITY; i++)
        {
            assertEquals(Status.OK, accept(server, i, 0));
        }

        assertEquals(Status.NO_CAPACITY, accept(server, WebServerStateDescriptor.SESSION_CAPACITY + 1, 0));
    }

    @Property(tries = 50)
    void shouldFindEverySessionLeftAfterOthersClose(
        @ForAll @Size(min = 1, max = WebServerStateDescriptor.SESSION_CAPACITY) @UniqueElements
        final List<@LongRange(min = 1) Long> connections,
        @ForAll @IntRange(min = 1, max = 4) final int closeEvery)
    {
        final ServiceKernel kernel = new ServiceKernel();
        final ServiceKernel.Instance server = kernel.start("web_server", "1.0.0", new WebServer(), MEMORY);
        final Message request = new Message();
        final Message reply = new Message();
        for (final long connectionId : connections)
        {
            request.clear().operation(WebServerProtocol.ACCEPT).connectionId(connectionId);
            server.handle(request, reply);
            assertEquals(Status.OK, reply.status());
        }
        final List<Long> closed = new ArrayList<>();
        for (int i = 0; i < connections.size(); i += closeEvery)
        {
            request.clear().operation(WebServerProtocol.CLOSE).connectionId(connections.get(i));
            server.handle(request, reply);
            assertEquals(Status.OK, reply.status());
            closed.add(connections.get(i));
        }

        for (final long connectionId : connections)
        {
            request.clear().operation(WebServerProtocol.REQUEST).connectionId(connectionId);
            server.handle(request, reply);
            assertEquals(closed.contains(connectionId) ? Status.UNKNOWN_CONNECTION : Status.OK, reply.status(),
                "connectionId=" + connectionId);
        }
    }

    @Test
    void shouldMoveASessionWithItsHalfReceivedRequestToTheNewInstance()
    {
        final ServiceKernel.Instance old = serving();
        send(old, CONNECTION, GET.substring(0, 10));
        old.service.prepareMigration(Quiescence.REQUEST_FREE);
        final StateSnapshot snapshot = old.service.exportState(MIGRATION);
        final ServiceKernel.Instance fresh = start("1.0.0-new");
        assertEquals(Status.OK, fresh.service.importState(snapshot, MIGRATION));
        assertEquals(Status.BUSY, send(fresh, CONNECTION, GET.substring(10)));

        assertEquals(Status.OK, old.service.migrateConnection(CONNECTION, new InstanceTarget(fresh)));

        assertEquals(Status.MIGRATED, send(old, CONNECTION, GET.substring(10)));
        assertEquals(Status.OK, send(fresh, CONNECTION, GET.substring(10)));
        assertEquals(WebServerProtocol.HTTP_OK, reply.argument(0));
        assertTrue(netstack.lastSent().text().endsWith(CONTENT));
    }

    /** Prepares {@code old}, exports it into a new instance and moves the session there. */
    private ServiceKernel.Instance sessionMovedFrom(final ServiceKernel.Instance old)
    {
        old.service.prepareMigration(Quiescence.WORK_FREE);
        final ServiceKernel.Instance fresh = start("1.0.0-new");
        assertEquals(Status.OK, fresh.service.importState(old.service.exportState(MIGRATION), MIGRATION));
        assertEquals(Status.OK, old.service.migrateConnection(CONNECTION, new InstanceTarget(fresh)));
        return fresh;
    }

    @Test
    void shouldDropHandedOverSessionsOnComplete()
    {
        final ServiceKernel.Instance old = serving();
        final ServiceKernel.Instance fresh = sessionMovedFrom(old);

        old.service.completeMigration();
        fresh.service.completeMigration();

        final HealthReport report = new HealthReport();
        old.service.probe(report);
        assertEquals(0, report.connections());
        fresh.service.probe(report);
        assertEquals(1, report.connections());
    }

    @Test
    void shouldTakeBackASessionHandedBackBeforeAnAbortWithWhatTheImporterReceived()
    {
        final ServiceKernel.Instance old = serving();
        final ServiceKernel.Instance fresh = sessionMovedFrom(old);
        assertEquals(Status.OK, send(fresh, CONNECTION, GET.substring(0, 10)));

        assertEquals(Status.OK, fresh.service.migrateConnection(CONNECTION, new InstanceTarget(old)));
        old.service.abortMigration();
        fresh.service.abortMigration();

        assertEquals(Status.OK, send(old, CONNECTION, GET.substring(10)));
        assertEquals(WebServerProtocol.HTTP_OK, reply.argument(0));
        assertEquals(Status.UNKNOWN_CONNECTION, send(fresh, CONNECTION, GET));
    }

    @Test
    void shouldGiveUpASessionNotHandedBackOnAbort()
    {
        final ServiceKernel.Instance old = serving();
        final ServiceKernel.Instance fresh = sessionMovedFrom(old);

        old.service.abortMigration();

        assertEquals(Status.UNKNOWN_CONNECTION, send(old, CONNECTION, GET));
        assertEquals(Status.OK, send(fresh, CONNECTION, GET));
    }

    @Test
    void shouldServeSessionsAgainAfterTheExportAndLeaveNewOnesToTheImporter()
    {
        final ServiceKernel.Instance old = serving();
        old.service.prepareMigration(Quiescence.PROTOCOL_FREE);
        assertEquals(Status.BUSY, accept(old, CONNECTION + 1, 0));

        old.service.exportState(MIGRATION);

        assertEquals(Status.OK, send(old, CONNECTION, GET));
        assertEquals(Status.MIGRATED, accept(old, CONNECTION + 1, 0));
        old.service.abortMigration();
        assertEquals(Status.OK, accept(old, CONNECTION + 1, 0));
    }

    @Test
    void shouldDropReservationsNeverActivatedOnComplete()
    {
        final ServiceKernel.Instance old = serving();
        final ServiceKernel.Instance fresh = start("1.0.0-new");
        fresh.service.importState(old.service.exportState(MIGRATION), MIGRATION);

        fresh.service.completeMigration();

        assertEquals(Status.UNKNOWN_CONNECTION, send(fresh, CONNECTION, GET));
    }

    @Test
    void shouldNotBeProtocolFreeWhileASessionHoldsPartOfARequest()
    {
        final ServiceKernel.Instance server = serving();
        send(server, CONNECTION, GET.substring(0, 10));

        assertTrue(server.service.prepareMigration(Quiescence.REQUEST_FREE));
        assertFalse(server.service.prepareMigration(Quiescence.PROTOCOL_FREE));
        send(server, CONNECTION, GET.substring(10));
        assertTrue(server.service.prepareMigration(Quiescence.PROTOCOL_FREE));
    }

    @Test
    void shouldStartNoExchangeItCannotFinishWhileFrozenProtocolFree()
    {
        final ServiceKernel.Instance server = serving();
        server.service.prepareMigration(Quiescence.PROTOCOL_FREE);

        assertEquals(Status.BUSY, send(server, CONNECTION, GET.substring(0, 10)));
        assertEquals(Status.OK, send(server, CONNECTION, GET));
        assertEquals(WebServerProtocol.HTTP_OK, reply.argument(0));
        assertEquals(Status.BUSY, accept(server, CONNECTION + 1, 0));
    }

    @Test
    void shouldRefuseASnapshotWithAChangedSessionRecord()
    {
        final ServiceKernel.Instance old = serving();
        final StateSnapshot snapshot = old.service.exportState(MIGRATION);
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        final byte[] record = new byte[SessionDescriptor.LENGTH];
        snapshot.connections().get(0).copyRecord(record, 0);
        record[SessionDescriptor.REQUESTS_OFFSET] ^= 1;
        final StateSnapshot changed = StateSnapshot.builder(snapshot.stateVersion())
            .global(global, 0, global.length)
            .connection(new ConnectionState(
                CONNECTION, ConnectionClass.MEDIUM, record, record.length))
            .build();
        final ServiceKernel.Instance fresh = start("1.0.0-new");

        assertEquals(Status.STATE_CORRUPT, fresh.service.importState(changed, MIGRATION));
        assertEquals(Status.UNKNOWN_CONNECTION, send(fresh, CONNECTION, GET));
    }

    @Test
    void shouldReportItsSessionsAndTheMemoryTheyTake()
    {
        final ServiceKernel.Instance server = serving();
        final HealthReport report = new HealthReport();

        server.service.probe(report);

        assertEquals(1, report.connections());
        assertEquals(WebServerStateDescriptor.HEADER_LENGTH + DocumentDescriptor.LENGTH + SessionDescriptor.LENGTH,
            report.memoryInUseBytes());
    }
}
