package org.hicsim.services.web_server.v1_0_0;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.common.LittleEndian;
import org.hicsim.services.common.NetstackClient;
import org.hicsim.services.common.PhaseWord;
import org.hicsim.services.common.PhasedService;
import org.hicsim.services.common.SandboxMemory;
import org.hicsim.services.common.SnapshotCheckpoint;
import org.hicsim.services.common.SnapshotDescriptor;
import org.hicsim.services.web_server.DocumentDescriptor;
import org.hicsim.services.web_server.Http;
import org.hicsim.services.web_server.SessionDescriptor;
import org.hicsim.services.web_server.SessionTable;
import org.hicsim.services.web_server.WebServerProtocol;
import org.hicsim.services.web_server.WebServerSnapshotDescriptor;
import org.hicsim.services.web_server.WebServerStateDescriptor;

/**
 * web_server 1.0.0: HTTP GET of published documents over netstack connections ({@link WebServerProtocol}), with
 * its sessions and documents in sandbox memory ({@link WebServerStateDescriptor}).
 * <p>
 * A session is a connection in the migration protocol's sense: the snapshot carries each session as a
 * {@link SessionDescriptor} record, which the new instance reserves as migrating; {@code migrate_connection}
 * then hands over the session's final record, request bytes held included, and the old instance keeps its place
 * as migrated ({@code MIGRATED} to requests for it) until the update completes, to take the session back if it is
 * handed back before an abort. Sessions hold no buffer pages of their own (their buffer is inside the record), so
 * none are transferred.
 * <p>
 * Frozen for a migration, the server takes no new sessions and no new documents ({@code BUSY}) but goes on
 * answering the sessions it has; at {@link Quiescence#PROTOCOL_FREE} it also refuses to start a request it cannot
 * finish in the same call, and is quiescent once no session holds part of a request. The export ends that hold;
 * new sessions and documents are then the importer's ({@code MIGRATED}).
 */
public final class WebServer extends PhasedService
{
    public static final int STATE_VERSION = 1;

    private static final int STATE_MASK = 0xFF;
    private static final int CLASS_SHIFT = 8;
    private static final int HELD_SHIFT = 16;

    private final byte[] request = new byte[SessionDescriptor.REQUEST_BUFFER_LENGTH + Message.PAYLOAD_LENGTH_MAX];
    private final byte[] response = new byte[Message.PAYLOAD_LENGTH_MAX];
    private final byte[] document = new byte[DocumentDescriptor.LENGTH];
    private final byte[] record = new byte[SessionDescriptor.LENGTH];
    private final byte[] global = new byte[SnapshotDescriptor.HEADER_LENGTH
        + WebServerSnapshotDescriptor.length(WebServerStateDescriptor.DOCUMENT_CAPACITY)];
    private final SnapshotCheckpoint checkpoint = new SnapshotCheckpoint();
    private ServiceContext context;
    private long base;
    private PhaseWord phase;
    private SessionTable sessions;
    private NetstackClient netstack;

    /**
     * @throws IllegalStateException if the sandbox is too small for the tables.
     */
    @Override
    public void init(final ServiceContext context)
    {
        this.base = SandboxMemory.base(context, WebServerStateDescriptor.LENGTH, "the tables need");
        this.context = context;
        this.phase = new PhaseWord(context, base + WebServerStateDescriptor.PHASE_OFFSET);
        this.sessions = new SessionTable(context);
        this.netstack = new NetstackClient(context);
        for (int offset = 0; offset < WebServerStateDescriptor.HEADER_LENGTH; offset += Long.BYTES)
        {
            context.storeLong(base + offset, 0);
        }
        phase.serve();
        context.storeLong(base + WebServerStateDescriptor.NEXT_SESSION_ID_OFFSET, 1);
        sessions.clear();
    }

    @Override
    protected void serve(final Message request, final Message reply, final int refusal)
    {
        switch (request.operation())
        {
            case WebServerProtocol.ACCEPT:
                reply.status(refusal == Status.OK ? accept(request, reply) : refusal);
                break;
            case WebServerProtocol.REQUEST:
                reply.status(serve(request, reply));
                break;
            case WebServerProtocol.CLOSE:
                reply.status(close(request.connectionId()));
                break;
            case WebServerProtocol.PUBLISH:
                reply.status(refusal == Status.OK ? publish(request, reply) : refusal);
                break;
            case WebServerProtocol.STATS:
                reply.argument(0, loadInt(WebServerStateDescriptor.SESSIONS_OFFSET))
                    .argument(1, context.loadLong(base + WebServerStateDescriptor.REQUESTS_OFFSET))
                    .argument(2, context.loadLong(base + WebServerStateDescriptor.BYTES_SENT_OFFSET))
                    .argument(3, loadInt(WebServerStateDescriptor.DOCUMENTS_OFFSET));
                break;
            default:
                reply.status(Status.UNKNOWN_OPERATION);
        }
    }

    /** Degraded once nine tenths of the session capacity is taken; unhealthy once retired. */
    @Override
    public void probe(final HealthReport report)
    {
        int open = 0;
        for (int slot = 0; slot < WebServerStateDescriptor.SESSION_SLOTS; slot++)
        {
            if (sessions.connectionId(slot) != Message.NO_CONNECTION && state(slot) == SessionDescriptor.STATE_OPEN)
            {
                open++;
            }
        }
        final int inUse = loadInt(WebServerStateDescriptor.SESSIONS_OFFSET);
        final Health health = phase.isRetired() ? Health.UNHEALTHY
            : inUse * 10 >= WebServerStateDescriptor.SESSION_CAPACITY * 9 ? Health.DEGRADED : Health.HEALTHY;
        report.clear().health(health).connections(open).memoryInUseBytes(WebServerStateDescriptor.HEADER_LENGTH
            + (long)loadInt(WebServerStateDescriptor.DOCUMENTS_OFFSET) * DocumentDescriptor.LENGTH
            + (long)inUse * SessionDescriptor.LENGTH);
    }

    @Override
    protected PhaseWord phase()
    {
        return phase;
    }

    /**
     * The documents and counters as the global state, and every session as a connection: open ones, and those
     * reserved on import, as the record the snapshot brought (open), so that an import exports back unchanged.
     */
    @Override
    protected StateSnapshot writeSnapshot(final MigrationContext migration)
    {
        if (migration.snapshotStateVersion() != STATE_VERSION)
        {
            return null;
        }
        final int documents = loadInt(WebServerStateDescriptor.DOCUMENTS_OFFSET);
        final int body = SnapshotDescriptor.BODY_OFFSET;
        LittleEndian.putLong(global, body + WebServerSnapshotDescriptor.NEXT_SESSION_ID_OFFSET,
            context.loadLong(base + WebServerStateDescriptor.NEXT_SESSION_ID_OFFSET));
        LittleEndian.putLong(global, body + WebServerSnapshotDescriptor.REQUESTS_OFFSET,
            context.loadLong(base + WebServerStateDescriptor.REQUESTS_OFFSET));
        LittleEndian.putLong(global, body + WebServerSnapshotDescriptor.BYTES_SENT_OFFSET,
            context.loadLong(base + WebServerStateDescriptor.BYTES_SENT_OFFSET));
        LittleEndian.putInt(global, body + WebServerSnapshotDescriptor.DOCUMENTS_OFFSET, documents);
        LittleEndian.putInt(global, body + WebServerSnapshotDescriptor.RESERVED_OFFSET, 0);
        context.loadBytes(base + WebServerStateDescriptor.DOCUMENT_TABLE_OFFSET, global,
            body + WebServerSnapshotDescriptor.DOCUMENT_TABLE_OFFSET, documents * DocumentDescriptor.LENGTH);
        final List<ConnectionState> connections = new ArrayList<>();
        for (int slot = 0; slot < WebServerStateDescriptor.SESSION_SLOTS; slot++)
        {
            final long connectionId = sessions.connectionId(slot);
            final int state = connectionId == Message.NO_CONNECTION ? SessionDescriptor.STATE_FREE : state(slot);
            if (state == SessionDescriptor.STATE_OPEN || state == SessionDescriptor.STATE_MIGRATING)
            {
                context.loadBytes(sessions.address(slot), record, 0, SessionDescriptor.LENGTH);
                record[SessionDescriptor.STATE_OFFSET] = (byte)SessionDescriptor.STATE_OPEN;
                connections.add(new ConnectionState(
                    connectionId, ConnectionClass.fromCode(sessionClass(slot)), record, SessionDescriptor.LENGTH));
            }
        }
        return checkpoint.seal(STATE_VERSION, global, WebServerSnapshotDescriptor.length(documents), connections);
    }

    /**
     * Replaces documents and counters with the snapshot's and reserves its sessions as migrating, after checking
     * the checkpoint and every document and session record.
     */
    @Override
    protected int readSnapshot(final StateSnapshot snapshot, final MigrationContext migration)
    {
        final int bodyLength = checkpoint.open(snapshot, STATE_VERSION, global);
        if (bodyLength < 0)
        {
            return bodyLength;
        }
        final int body = SnapshotDescriptor.BODY_OFFSET;
        final int documents = bodyLength < WebServerSnapshotDescriptor.DOCUMENT_TABLE_OFFSET ? -1
            : LittleEndian.getInt(global, body + WebServerSnapshotDescriptor.DOCUMENTS_OFFSET);
        if (documents < 0 || documents > WebServerStateDescriptor.DOCUMENT_CAPACITY
            || bodyLength != WebServerSnapshotDescriptor.length(documents)
            || !documentsValid(body + WebServerSnapshotDescriptor.DOCUMENT_TABLE_OFFSET, documents)
            || !sessionsValid(snapshot.connections()))
        {
            return Status.STATE_CORRUPT;
        }
        context.storeLong(base + WebServerStateDescriptor.NEXT_SESSION_ID_OFFSET,
            LittleEndian.getLong(global, body + WebServerSnapshotDescriptor.NEXT_SESSION_ID_OFFSET));
        context.storeLong(base + WebServerStateDescriptor.REQUESTS_OFFSET,
            LittleEndian.getLong(global, body + WebServerSnapshotDescriptor.REQUESTS_OFFSET));
        context.storeLong(base + WebServerStateDescriptor.BYTES_SENT_OFFSET,
            LittleEndian.getLong(global, body + WebServerSnapshotDescriptor.BYTES_SENT_OFFSET));
        storeInt(WebServerStateDescriptor.DOCUMENTS_OFFSET, documents);
        context.storeBytes(base + WebServerStateDescriptor.DOCUMENT_TABLE_OFFSET, global,
            body + WebServerSnapshotDescriptor.DOCUMENT_TABLE_OFFSET, documents * DocumentDescriptor.LENGTH);
        sessions.clear();
        for (final ConnectionState connection : snapshot.connections())
        {
            connection.copyRecord(record, 0);
            final int slot = sessions.claim(connection.connectionId());
            context.storeBytes(sessions.address(slot), record, 0, SessionDescriptor.LENGTH);
            storeSessionWord(slot, SessionDescriptor.STATE_MIGRATING, sessionClass(slot), held(slot));
        }
        storeInt(WebServerStateDescriptor.SESSIONS_OFFSET, snapshot.connections().size());
        return Status.OK;
    }

    @Override
    public int migrateConnection(final long connectionId, final ConnectionTarget target)
    {
        final int slot = sessions.find(connectionId);
        final int refusal = refusalFor(slot);
        if (refusal != Status.OK)
        {
            return refusal;
        }
        context.loadBytes(sessions.address(slot), record, 0, SessionDescriptor.LENGTH);
        final int delivered = target.deliver(connectionId, record, SessionDescriptor.LENGTH,
            ServiceContext.NO_CAPABILITY);
        if (delivered == Status.OK)
        {
            storeSessionWord(slot, SessionDescriptor.STATE_MIGRATED, sessionClass(slot), held(slot));
        }
        return delivered;
    }

    /**
     * Takes over a session from its final record: fills the reservation the snapshot made, the place of a session
     * of its own coming back, or a new slot for a session opened after the snapshot. A session carries no buffer
     * pages, so a buffer handle is refused.
     */
    @Override
    public int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        if (bufferRegionHandle != ServiceContext.NO_CAPABILITY || stateLength != SessionDescriptor.LENGTH
            || !sessionValid(connectionId, state))
        {
            return Status.INVALID_ARGUMENT;
        }
        int slot = sessions.find(connectionId);
        if (slot != SessionTable.NOT_FOUND && state(slot) != SessionDescriptor.STATE_MIGRATING
            && state(slot) != SessionDescriptor.STATE_MIGRATED)
        {
            return WebServerProtocol.SESSION_EXISTS;
        }
        if (slot == SessionTable.NOT_FOUND)
        {
            final int inUse = loadInt(WebServerStateDescriptor.SESSIONS_OFFSET);
            if (inUse >= WebServerStateDescriptor.SESSION_CAPACITY)
            {
                return Status.NO_CAPACITY;
            }
            slot = sessions.claim(connectionId);
            storeInt(WebServerStateDescriptor.SESSIONS_OFFSET, inUse + 1);
        }
        context.storeBytes(sessions.address(slot), state, 0, SessionDescriptor.LENGTH);
        return Status.OK;
    }

    @Override
    public boolean prepareMigration(final Quiescence level)
    {
        phase.freeze();
        storeInt(WebServerStateDescriptor.QUIESCENCE_OFFSET, level.ordinal() + 1);
        if (level != Quiescence.PROTOCOL_FREE)
        {
            return true;
        }
        for (int slot = 0; slot < WebServerStateDescriptor.SESSION_SLOTS; slot++)
        {
            if (sessions.connectionId(slot) != Message.NO_CONNECTION
                && state(slot) == SessionDescriptor.STATE_OPEN && held(slot) > 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Drops what the update kept: reservations never activated (new instance) and sessions handed over (old).
     */
    @Override
    public void completeMigration()
    {
        endMigration();
        phase.complete();
    }

    /**
     * Drops reservations (new instance) and the places of sessions handed over and not handed back (old
     * instance): they are the other instance's now.
     */
    @Override
    public void abortMigration()
    {
        endMigration();
        phase.abort();
    }

    private int accept(final Message request, final Message reply)
    {
        final long connectionId = request.connectionId();
        final long classCode = request.argument(1);
        if (connectionId == Message.NO_CONNECTION || classCode < 0 || classCode > ConnectionClass.PERSISTENT.code())
        {
            return Status.INVALID_ARGUMENT;
        }
        if (sessions.find(connectionId) != SessionTable.NOT_FOUND)
        {
            return WebServerProtocol.SESSION_EXISTS;
        }
        final int inUse = loadInt(WebServerStateDescriptor.SESSIONS_OFFSET);
        if (inUse >= WebServerStateDescriptor.SESSION_CAPACITY)
        {
            return Status.NO_CAPACITY;
        }
        long sessionId = request.argument(0);
        if (sessionId == 0)
        {
            sessionId = context.loadLong(base + WebServerStateDescriptor.NEXT_SESSION_ID_OFFSET);
            context.storeLong(base + WebServerStateDescriptor.NEXT_SESSION_ID_OFFSET, sessionId + 1);
        }
        final int slot = sessions.claim(connectionId);
        final long address = sessions.address(slot);
        context.storeLong(address + SessionDescriptor.HTTP_SESSION_ID_OFFSET, sessionId);
        context.storeLong(address + SessionDescriptor.LAST_ACTIVITY_OFFSET, context.nowNs());
        storeSessionWord(slot, SessionDescriptor.STATE_OPEN, (int)classCode, 0);
        storeInt(WebServerStateDescriptor.SESSIONS_OFFSET, inUse + 1);
        reply.argument(0, sessionId);
        return Status.OK;
    }

    private int serve(final Message message, final Message reply)
    {
        final int slot = sessions.find(message.connectionId());
        final int refusal = refusalFor(slot);
        if (refusal != Status.OK)
        {
            return refusal;
        }
        final long address = sessions.address(slot);
        final int held = held(slot);
        context.loadBytes(address + SessionDescriptor.REQUEST_BUFFER_OFFSET, request, 0, held);
        final int total = held + message.copyPayload(request, held);
        final int head = Http.headLength(request, total);
        if (head == Http.INCOMPLETE && held == 0 && startsNoNewExchange())
        {
            return Status.BUSY;
        }
        context.storeLong(address + SessionDescriptor.LAST_ACTIVITY_OFFSET, context.nowNs());
        if (head == Http.INCOMPLETE && total <= SessionDescriptor.REQUEST_BUFFER_LENGTH)
        {
            context.storeBytes(address + SessionDescriptor.REQUEST_BUFFER_OFFSET + held, request, held, total - held);
            storeSessionWord(slot, SessionDescriptor.STATE_OPEN, sessionClass(slot), total);
            reply.argument(0, 0).argument(2, total);
            return Status.OK;
        }
        int rest = 0;
        if (head != Http.INCOMPLETE && total - head <= SessionDescriptor.REQUEST_BUFFER_LENGTH)
        {
            rest = total - head;
            context.storeBytes(address + SessionDescriptor.REQUEST_BUFFER_OFFSET, request, head, rest);
        }
        storeSessionWord(slot, SessionDescriptor.STATE_OPEN, sessionClass(slot), rest);
        reply.argument(2, rest);
        return respond(slot, head, reply);
    }

    /**
     * Answers the request head of {@code head} bytes at the start of {@link #request} ({@link Http#INCOMPLETE}:
     * one too long to hold) on the session's connection.
     */
    private int respond(final int slot, final int head, final Message reply)
    {
        int httpStatus = head == Http.INCOMPLETE ? WebServerProtocol.HTTP_HEADER_TOO_LARGE
            : Http.checkRequestLine(request, head);
        int documentIndex = -1;
        if (httpStatus == 0)
        {
            documentIndex = findDocument(Http.targetOffset(request, head), Http.targetLength(request, head));
            httpStatus = documentIndex >= 0 ? WebServerProtocol.HTTP_OK : WebServerProtocol.HTTP_NOT_FOUND;
        }
        final long address = sessions.address(slot);
        final int length = writeResponse(httpStatus,
            context.loadLong(address + SessionDescriptor.HTTP_SESSION_ID_OFFSET), documentIndex);
        final int sent = netstack.send(sessions.connectionId(slot), response, 0, length);
        final long bytesSent = sent == Status.OK ? length : 0;
        context.storeInt(address + SessionDescriptor.REQUESTS_OFFSET,
            context.loadInt(address + SessionDescriptor.REQUESTS_OFFSET) + 1);
        add(address + SessionDescriptor.BYTES_SENT_OFFSET, bytesSent);
        add(base + WebServerStateDescriptor.REQUESTS_OFFSET, 1);
        add(base + WebServerStateDescriptor.BYTES_SENT_OFFSET, bytesSent);
        if (sent != Status.OK)
        {
            reply.argument(0, sent);
            return WebServerProtocol.SEND_FAILED;
        }
        reply.argument(0, httpStatus).argument(1, length);
        return Status.OK;
    }

    private int writeResponse(final int httpStatus, final long sessionId, final int documentIndex)
    {
        final int contentLength = documentIndex >= 0 ? documentContentLength(documentIndex)
            : Http.reasonPhrase(httpStatus).length() + 1;
        int at = Http.putAscii(response, 0, "HTTP/1.1 ");
        at = Http.putDecimal(response, at, httpStatus);
        response[at++] = ' ';
        at = Http.putAscii(response, at, Http.reasonPhrase(httpStatus));
        at = Http.putAscii(response, at, "\r\nContent-Length: ");
        at = Http.putDecimal(response, at, contentLength);
        at = Http.putAscii(response, at, "\r\nSet-Cookie: session=");
        at = Http.putHex(response, at, sessionId);
        at = Http.putAscii(response, at, "\r\n\r\n");
        if (documentIndex >= 0)
        {
            context.loadBytes(base + WebServerStateDescriptor.documentOffset(documentIndex)
                + DocumentDescriptor.CONTENT_OFFSET, response, at, contentLength);
            return at + contentLength;
        }
        at = Http.putAscii(response, at, Http.reasonPhrase(httpStatus));
        response[at++] = '\n';
        return at;
    }

    private int close(final long connectionId)
    {
        final int slot = sessions.find(connectionId);
        final int refusal = refusalFor(slot);
        if (refusal != Status.OK)
        {
            return refusal;
        }
        sessions.remove(slot);
        storeInt(WebServerStateDescriptor.SESSIONS_OFFSET, loadInt(WebServerStateDescriptor.SESSIONS_OFFSET) - 1);
        return Status.OK;
    }

    private int publish(final Message message, final Message reply)
    {
        final long requestedPathLength = message.argument(0);
        final int length = message.payloadLength();
        if (requestedPathLength < 1 || requestedPathLength > WebServerProtocol.PATH_LENGTH_MAX
            || requestedPathLength > length || length - requestedPathLength > WebServerProtocol.CONTENT_LENGTH_MAX)
        {
            return Status.INVALID_ARGUMENT;
        }
        final int pathLength = (int)requestedPathLength;
        final int contentLength = length - pathLength;
        message.copyPayload(request, 0);
        if (!isPath(request, 0, pathLength))
        {
            return Status.INVALID_ARGUMENT;
        }
        final int documents = loadInt(WebServerStateDescriptor.DOCUMENTS_OFFSET);
        int index = findDocument(0, pathLength);
        if (index < 0)
        {
            if (documents == WebServerStateDescriptor.DOCUMENT_CAPACITY)
            {
                return Status.NO_CAPACITY;
            }
            index = documents;
            storeInt(WebServerStateDescriptor.DOCUMENTS_OFFSET, documents + 1);
        }
        Arrays.fill(document, (byte)0);
        LittleEndian.putShort(document, DocumentDescriptor.PATH_LENGTH_OFFSET, pathLength);
        LittleEndian.putShort(document, DocumentDescriptor.CONTENT_LENGTH_OFFSET, contentLength);
        System.arraycopy(request, 0, document, DocumentDescriptor.PATH_OFFSET, pathLength);
        System.arraycopy(request, pathLength, document, DocumentDescriptor.CONTENT_OFFSET, contentLength);
        context.storeBytes(base + WebServerStateDescriptor.documentOffset(index), document, 0,
            DocumentDescriptor.LENGTH);
        reply.argument(0, loadInt(WebServerStateDescriptor.DOCUMENTS_OFFSET));
        return Status.OK;
    }

    /**
     * @return the index of the document whose path is {@code request[offset, offset + length)}, or -1.
     */
    private int findDocument(final int offset, final int length)
    {
        final int documents = loadInt(WebServerStateDescriptor.DOCUMENTS_OFFSET);
        for (int index = 0; index < documents; index++)
        {
            final long address = base + WebServerStateDescriptor.documentOffset(index);
            if ((context.loadInt(address + DocumentDescriptor.PATH_LENGTH_OFFSET) & 0xFFFF) == length)
            {
                context.loadBytes(address + DocumentDescriptor.PATH_OFFSET, document, 0, length);
                if (Arrays.equals(document, 0, length, request, offset, offset + length))
                {
                    return index;
                }
            }
        }
        return -1;
    }

    private int documentContentLength(final int index)
    {
        return context.loadInt(base + WebServerStateDescriptor.documentOffset(index)
            + DocumentDescriptor.PATH_LENGTH_OFFSET) >>> 16;
    }

    /**
     * Whether the server, frozen at {@link Quiescence#PROTOCOL_FREE}, must refuse a request that would leave a
     * half-received request behind in a session that held none.
     */
    private boolean startsNoNewExchange()
    {
        return phase.isFrozen()
            && loadInt(WebServerStateDescriptor.QUIESCENCE_OFFSET) == Quiescence.PROTOCOL_FREE.ordinal() + 1;
    }

    /**
     * Ends the update's bookkeeping: drops the sessions still reserved as migrating and the places kept for
     * sessions handed over, and forgets the quiescence level. A slot refilled by a removal's backward shift is
     * looked at again.
     */
    private void endMigration()
    {
        int slot = 0;
        while (slot < WebServerStateDescriptor.SESSION_SLOTS)
        {
            final int state = sessions.connectionId(slot) == Message.NO_CONNECTION ? SessionDescriptor.STATE_FREE
                : state(slot);
            if (state == SessionDescriptor.STATE_MIGRATING || state == SessionDescriptor.STATE_MIGRATED)
            {
                sessions.remove(slot);
                storeInt(WebServerStateDescriptor.SESSIONS_OFFSET,
                    loadInt(WebServerStateDescriptor.SESSIONS_OFFSET) - 1);
                continue;
            }
            slot++;
        }
        storeInt(WebServerStateDescriptor.QUIESCENCE_OFFSET, 0);
    }

    /**
     * What a request naming the session in {@code slot} is told when it cannot be served: an unknown session is
     * unknown here, a handed over one another instance's, a reserved one busy.
     */
    private int refusalFor(final int slot)
    {
        if (slot == SessionTable.NOT_FOUND)
        {
            return Status.UNKNOWN_CONNECTION;
        }
        return switch (state(slot))
        {
            case SessionDescriptor.STATE_MIGRATED -> Status.MIGRATED;
            case SessionDescriptor.STATE_MIGRATING -> Status.BUSY;
            default -> Status.OK;
        };
    }

    private boolean documentsValid(final int offset, final int documents)
    {
        for (int index = 0; index < documents; index++)
        {
            final int at = offset + index * DocumentDescriptor.LENGTH;
            final int pathLength = LittleEndian.getUnsignedShort(global, at + DocumentDescriptor.PATH_LENGTH_OFFSET);
            if (pathLength < 1 || pathLength > WebServerProtocol.PATH_LENGTH_MAX
                || LittleEndian.getUnsignedShort(global, at + DocumentDescriptor.CONTENT_LENGTH_OFFSET)
                > WebServerProtocol.CONTENT_LENGTH_MAX
                || !isPath(global, at + DocumentDescriptor.PATH_OFFSET, pathLength))
            {
                return false;
            }
        }
        return true;
    }

    private boolean sessionsValid(final List<ConnectionState> connections)
    {
        if (connections.size() > WebServerStateDescriptor.SESSION_CAPACITY)
        {
            return false;
        }
        for (int i = 0; i < connections.size(); i++)
        {
            final ConnectionState connection = connections.get(i);
            if (connection.length() != SessionDescriptor.LENGTH)
            {
                return false;
            }
            connection.copyRecord(record, 0);
            if (!sessionValid(connection.connectionId(), record)
                || (record[SessionDescriptor.CLASS_OFFSET] & 0xFF) != connection.connectionClass().code())
            {
                return false;
            }
            for (int j = 0; j < i; j++)
            {
                if (connections.get(j).connectionId() == connection.connectionId())
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sessionValid(final long connectionId, final byte[] session)
    {
        return connectionId != Message.NO_CONNECTION
            && LittleEndian.getLong(session, SessionDescriptor.CONNECTION_ID_OFFSET) == connectionId
            && (session[SessionDescriptor.STATE_OFFSET] & 0xFF) == SessionDescriptor.STATE_OPEN
            && (session[SessionDescriptor.CLASS_OFFSET] & 0xFF) <= ConnectionClass.PERSISTENT.code()
            && LittleEndian.getUnsignedShort(session, SessionDescriptor.HELD_OFFSET)
            <= SessionDescriptor.REQUEST_BUFFER_LENGTH;
    }

    /** A path: {@code /} then printable ASCII other than space. */
    private static boolean isPath(final byte[] src, final int offset, final int length)
    {
        if (length < 1 || src[offset] != '/')
        {
            return false;
        }
        for (int i = offset; i < offset + length; i++)
        {
            if (src[i] <= ' ' || src[i] > '~')
            {
                return false;
            }
        }
        return true;
    }

    private int state(final int slot)
    {
        return sessionWord(slot) & STATE_MASK;
    }

    private int sessionClass(final int slot)
    {
        return (sessionWord(slot) >>> CLASS_SHIFT) & STATE_MASK;
    }

    private int held(final int slot)
    {
        return sessionWord(slot) >>> HELD_SHIFT;
    }

    private int sessionWord(final int slot)
    {
        return context.loadInt(sessions.address(slot) + SessionDescriptor.STATE_OFFSET);
    }

    private void storeSessionWord(final int slot, final int state, final int classCode, final int held)
    {
        context.storeInt(sessions.address(slot) + SessionDescriptor.STATE_OFFSET,
            state | classCode << CLASS_SHIFT | held << HELD_SHIFT);
    }

    private int loadInt(final int offset)
    {
        return context.loadInt(base + offset);
    }

    private void storeInt(final int offset, final int value)
    {
        context.storeInt(base + offset, value);
    }

    private void add(final long address, final long delta)
    {
        context.storeLong(address, context.loadLong(address) + delta);
    }
}
