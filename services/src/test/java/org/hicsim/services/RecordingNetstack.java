package org.hicsim.services;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.netstack.NetstackProtocol;

/**
 * A stand-in for netstack in the unit tests of the services above it: it answers OPEN with a new connection id
 * and records what SEND is given, or refuses SEND with a code the test sets: only the two operations of
 * {@link NetstackProtocol} those services use, so that their tests see exactly what they send.
 */
public final class RecordingNetstack implements Service
{
    /** What OPEN was asked: its two packed arguments, per call. */
    public final List<long[]> opened = new ArrayList<>();
    /** What SEND carried, per call: connection id and payload. */
    public final List<Sent> sent = new ArrayList<>();
    private long nextConnectionId = 1;
    private int sendStatus = Status.OK;

    /** A SEND as the stand-in saw it. */
    public record Sent(long connectionId, byte[] payload)
    {
        public String text()
        {
            return new String(payload, StandardCharsets.US_ASCII);
        }
    }

    /** Makes every later SEND answer {@code status}. */
    public void refuseSends(final int status)
    {
        sendStatus = status;
    }

    @Override
    public void init(final ServiceContext context)
    {
    }

    @Override
    public int configure(final Configuration configuration)
    {
        return Status.OK;
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.operation(request.operation()).connectionId(request.connectionId());
        switch (request.operation())
        {
            case NetstackProtocol.OPEN:
                opened.add(new long[] {request.argument(0), request.argument(1)});
                reply.connectionId(nextConnectionId++);
                break;
            case NetstackProtocol.SEND:
                final byte[] payload = new byte[request.payloadLength()];
                request.copyPayload(payload, 0);
                if (sendStatus == Status.OK)
                {
                    sent.add(new Sent(request.connectionId(), payload));
                }
                reply.status(sendStatus);
                break;
            default:
                reply.status(Status.UNKNOWN_OPERATION);
        }
    }

    public Sent lastSent()
    {
        return sent.get(sent.size() - 1);
    }

    @Override
    public void probe(final HealthReport report)
    {
        report.clear();
    }

    @Override
    public void shutdown()
    {
    }

    @Override
    public StateSnapshot exportState(final MigrationContext context)
    {
        return null;
    }

    @Override
    public int importState(final StateSnapshot snapshot, final MigrationContext context)
    {
        return Status.STATE_VERSION_UNSUPPORTED;
    }

    @Override
    public int migrateConnection(final long connectionId, final ConnectionTarget target)
    {
        return Status.UNKNOWN_CONNECTION;
    }

    @Override
    public int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        return Status.UNKNOWN_CONNECTION;
    }

    @Override
    public boolean prepareMigration(final Quiescence level)
    {
        return true;
    }

    @Override
    public void completeMigration()
    {
    }

    @Override
    public void abortMigration()
    {
    }
}
