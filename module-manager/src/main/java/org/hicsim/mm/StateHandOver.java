package org.hicsim.mm;

import java.util.function.UnaryOperator;

import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.ServiceInstance;
import org.hicsim.mm.snapshot.SnapshotException;
import org.hicsim.mm.snapshot.SnapshotIndex;
import org.hicsim.mm.snapshot.SnapshotListener;

/**
 * Phase 3's state at the consistency point, from the old instance into the new one, before anything is committed
 * (HIC 3.3 step 3.1): the old instance exports it; the snapshot is sharded, checksummed, compressed and stored for
 * rollback; it crosses the migration channel, sealed by the old instance and opened by the new one (sent again
 * over a new channel after a refused record, up to the policy's retries); the new instance imports it; and the
 * imported state, exported again in the old layout, must equal it byte for byte (the state round trip).
 */
final class StateHandOver
{
    /** How the hand-over ended, once. */
    interface Outcome
    {
        /** The new instance holds the state: {@code original} is the snapshot taken at the consistency point. */
        void handedOver(StateSnapshot original);

        void refused(Refusal refusal, String detail);
    }

    private final ModuleManager manager;
    private final CostTable costs;
    private final String service;
    private final UpdatePolicy policy;
    private final MigrationContext context;
    private final ServiceInstance oldInstance;
    private final ServiceInstance newInstance;
    private final UpdateChannel channel;
    private final UnaryOperator<Runnable> guard;
    private Outcome outcome;
    private String snapshotName;

    /**
     * @param guard wraps each continuation so that nothing runs once the update has changed course.
     */
    StateHandOver(final ModuleManager manager, final String service, final UpdatePolicy policy,
        final MigrationContext context, final ServiceInstance oldInstance, final ServiceInstance newInstance,
        final UpdateChannel channel, final UnaryOperator<Runnable> guard)
    {
        this.manager = manager;
        this.costs = manager.kernel().costs();
        this.service = service;
        this.policy = policy;
        this.context = context;
        this.oldInstance = oldInstance;
        this.newInstance = newInstance;
        this.channel = channel;
        this.guard = guard;
    }

    /** The name the snapshot was stored under, or null before it was taken. */
    String snapshotName()
    {
        return snapshotName;
    }

    /** The old instance is at its consistency point: export, store, carry, import, check. */
    void start(final Outcome then)
    {
        outcome = then;
        final StateSnapshot snapshot = oldInstance.exportState(context);
        if (snapshot == null)
        {
            outcome.refused(Refusal.EXPORT_FAILED, "the old instance exported no state in version "
                + context.snapshotStateVersion());
            return;
        }
        final long bytes = SnapshotBytes.length(snapshot);
        final String part = snapshot.seal().mismatch(snapshot);
        if (part != null)
        {
            // Nothing that no longer matches its seal is stored, carried or imported.
            trace("mm.corruption.detected", "part=" + part + " bytes=" + bytes + " source=export");
            outcome.refused(Refusal.EXPORT_FAILED, "CRC32 mismatch in the exported state (" + part + ")");
            return;
        }
        snapshotName = manager.nextSnapshotName(service);
        trace("mm.snapshot", "connections=" + snapshot.connections().size() + " bytes=" + bytes + " name="
            + snapshotName);
        final long written = manager.snapshots().write(manager.sandboxId(), manager.storeHandle(), snapshotName,
            snapshot, new SnapshotListener()
            {
                @Override
                public void onDone(final SnapshotIndex index)
                {
                    guard.apply(() ->
                    {
                        trace("mm.snapshot.stored", "shards=" + index.shards().size() + " storedBytes="
                            + index.storedLength());
                        carry(snapshot, bytes, 0);
                    }).run();
                }

                @Override
                public void onFailed(final SnapshotException failure)
                {
                    guard.apply(() -> outcome.refused(Refusal.EXPORT_FAILED, "the snapshot could not be stored: "
                        + failure.getMessage())).run();
                }
            });
        if (written < 0)
        {
            outcome.refused(Refusal.EXPORT_FAILED, "the store refused the snapshot: code=" + written);
        }
    }

    private void carry(final StateSnapshot snapshot, final long bytes, final int attempt)
    {
        channel.carry(oldInstance, StateInTransit.encode(snapshot), new UpdateChannel.Carried()
        {
            @Override
            public void onOpened(final byte[] payload)
            {
                guard.apply(() -> importSnapshot(StateInTransit.decodeSnapshot(payload), bytes)).run();
            }

            @Override
            public void onRefused(final String why)
            {
                guard.apply(() ->
                {
                    if (attempt < policy.connectionRetries())
                    {
                        trace("mm.snapshot.retry", "reason=" + why + " attempt=" + (attempt + 1));
                        carry(snapshot, bytes, attempt + 1);
                    }
                    else
                    {
                        outcome.refused(Refusal.MIGRATION_CHANNEL_FAILED,
                            "the snapshot did not cross the migration channel: " + why);
                    }
                }).run();
            }
        });
    }

    private void importSnapshot(final StateSnapshot snapshot, final long bytes)
    {
        final int imported = newInstance.importState(snapshot, context);
        if (imported != Status.OK)
        {
            outcome.refused(Refusal.IMPORT_REFUSED, "status=" + imported);
            return;
        }
        // The import (a copy and a checksum) and the round trip's export (another checksum) are the new
        // instance's work, under its own CPU quota.
        final long doneNs = manager.kernel().cpu().quota(newInstance.sandboxId()).run(manager.now(),
            costs.copyNs(bytes) + 2 * costs.hashNs(bytes));
        manager.at(doneNs, guard.apply(() -> roundTrip(snapshot)));
    }

    private void roundTrip(final StateSnapshot original)
    {
        final StateSnapshot back = newInstance.exportState(context);
        if (back == null || !back.equals(original))
        {
            outcome.refused(Refusal.ROUND_TRIP_MISMATCH, "the imported state exported again in version "
                + context.snapshotStateVersion() + " differs from what was imported");
            return;
        }
        trace("mm.round-trip", "bytes=" + SnapshotBytes.length(back) + " equal=true");
        outcome.handedOver(original);
    }

    private void trace(final String kind, final String detail)
    {
        manager.kernel().simulation().trace().record(kind, "service=" + service + " " + detail);
    }
}
