package org.hicsim.host.sample;

import java.util.function.LongUnaryOperator;

import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;

/**
 * A well-behaved service, written with what javac makes of ordinary Java (a lambda, a record, an enum switch,
 * string concatenation) so that loading it shows the allowlist and the module class loader take them. Its state,
 * three counters, is in sandbox memory.
 * <ul>
 *     <li>{@link #ECHO}: reply argument 0 is the request's argument 0 doubled, argument 1 the requests served,
 *     argument 2 a hash of both;</li>
 *     <li>{@link #CONNECTIONS}: reply argument 0 is the connections activated, argument 1 the last one's id.</li>
 * </ul>
 */
public final class EchoService extends NoOpService
{
    public static final int ECHO = 1;
    public static final int CONNECTIONS = 2;
    /** The connection state {@link #migrateConnection} delivers. */
    public static final byte[] CONNECTION_STATE = { 1, 2, 3 };

    private static final int REQUESTS_OFFSET = 0;
    private static final int CONNECTIONS_OFFSET = 8;
    private static final int LAST_CONNECTION_OFFSET = 16;

    private Counter requests;
    private Counter connections;
    private Counter lastConnection;

    private enum Operation
    {
        ECHO, CONNECTIONS, OTHER;

        static Operation of(final int code)
        {
            return code == EchoService.ECHO ? ECHO : code == EchoService.CONNECTIONS ? CONNECTIONS : OTHER;
        }
    }

    private record Answer(long first, long second)
    {
    }

    @Override
    public void init(final ServiceContext context)
    {
        super.init(context);
        requests = new Counter(context, context.memoryBase() + REQUESTS_OFFSET);
        connections = new Counter(context, context.memoryBase() + CONNECTIONS_OFFSET);
        lastConnection = new Counter(context, context.memoryBase() + LAST_CONNECTION_OFFSET);
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        final LongUnaryOperator twice = value -> value * 2;
        final Answer answer;
        switch (Operation.of(request.operation()))
        {
            case ECHO:
                answer = new Answer(twice.applyAsLong(request.argument(0)), requests.increment());
                break;
            case CONNECTIONS:
                answer = new Answer(connections.value(), lastConnection.value());
                break;
            default:
                reply.status(Status.UNKNOWN_OPERATION);
                context.log(ServiceContext.NO_CAPABILITY, "unknown operation " + request.operation());
                return;
        }
        reply.argument(0, answer.first()).argument(1, answer.second()).argument(2, answer.hashCode()).status(Status.OK);
    }

    @Override
    public void probe(final HealthReport report)
    {
        report.memoryInUseBytes(LAST_CONNECTION_OFFSET + Long.BYTES).connections((int)connections.value());
    }

    @Override
    public StateSnapshot exportState(final MigrationContext migrationContext)
    {
        final byte[] global = new byte[Long.BYTES];
        context.loadBytes(context.memoryBase() + REQUESTS_OFFSET, global, 0, global.length);
        return StateSnapshot.builder(migrationContext.snapshotStateVersion()).global(global, 0, global.length).build();
    }

    @Override
    public int importState(final StateSnapshot snapshot, final MigrationContext migrationContext)
    {
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        context.storeBytes(context.memoryBase() + REQUESTS_OFFSET, global, 0, global.length);
        return Status.OK;
    }

    @Override
    public int migrateConnection(final long connectionId, final ConnectionTarget target)
    {
        return target.deliver(connectionId, CONNECTION_STATE, CONNECTION_STATE.length, ServiceContext.NO_CAPABILITY);
    }

    @Override
    public int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        connections.increment();
        lastConnection.set(connectionId);
        return Status.OK;
    }
}
