package org.hicsim.services.sample.v1_0_0;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.sample.EchoReplies;

/**
 * The smallest service the catalogue build can pack: it echoes each request. A fixture of the build's tests,
 * not part of the catalogue; it reaches {@link EchoReplies} and, through it, one more class.
 */
public final class Echo implements Service
{
    private static final int STATE_VERSION = 1;

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
        EchoReplies.echo(request, reply);
    }

    @Override
    public void probe(final HealthReport report)
    {
        report.health(Health.HEALTHY);
    }

    @Override
    public void shutdown()
    {
    }

    @Override
    public StateSnapshot exportState(final MigrationContext context)
    {
        return StateSnapshot.builder(STATE_VERSION).build();
    }

    @Override
    public int importState(final StateSnapshot snapshot, final MigrationContext context)
    {
        return Status.OK;
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
