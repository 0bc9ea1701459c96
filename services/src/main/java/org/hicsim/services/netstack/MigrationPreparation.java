package org.hicsim.services.netstack;

import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.ServiceContext;

/**
 * {@code prepare_migration}, {@code abort_migration} and {@code complete_migration}. Quiescence is read off the
 * clock, not waited for: each level is reached at a virtual time the header already knows (the end of the last
 * request's work, the last frame off the link, the last handshake or close complete), so asking again later
 * is all a caller does. The hold a level puts on requests lasts until the export ({@link SnapshotExporter}).
 */
final class MigrationPreparation
{
    private final ServiceContext context;
    private final Header header;
    private final ConnectionTable table;
    private final Connections connections;
    private final StateFormat format;

    MigrationPreparation(
        final ServiceContext context,
        final Header header,
        final ConnectionTable table,
        final Connections connections,
        final StateFormat format)
    {
        this.context = context;
        this.header = header;
        this.table = table;
        this.connections = connections;
        this.format = format;
    }

    /** Holds back the work {@code level} forbids, and answers whether the instance is that quiet now. */
    boolean prepare(final Quiescence level)
    {
        header.preparedLevel(level.ordinal() + 1);
        return context.nowNs() >= quietAtNs(level);
    }

    /**
     * The update is cancelled: serve as before and own the global state again; give up connections reserved and
     * never activated, and the places of connections that migrated and were not handed back.
     */
    void abort()
    {
        header.exported(false);
        end();
    }

    /**
     * The update is committed: the migrated connections' places, kept for a hand-back, and any reservation left
     * go. What the instance exported stays the importer's.
     */
    void complete()
    {
        end();
    }

    private void end()
    {
        header.preparedLevel(HeaderDescriptor.NOT_PREPARING);
        header.peerStateVersion(format.stateVersion());
        for (int slot = 0; slot < table.capacity(); slot++)
        {
            final int state = table.state(slot);
            if (state == SlotState.MIGRATED)
            {
                table.release(slot);
            }
            else if (state == SlotState.RESERVED)
            {
                connections.release(slot);
            }
        }
    }

    private long quietAtNs(final Quiescence level)
    {
        long quietAt = header.busyUntilNs();
        if (level.compareTo(Quiescence.REQUEST_FREE) >= 0)
        {
            quietAt = Math.max(quietAt, header.drainedAtNs());
        }
        if (level.compareTo(Quiescence.PROTOCOL_FREE) >= 0)
        {
            quietAt = Math.max(quietAt, header.settledAtNs());
        }
        return quietAt;
    }
}
