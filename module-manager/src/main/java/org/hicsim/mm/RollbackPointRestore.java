package org.hicsim.mm;

import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.dispatch.NewConnectionRule;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.hicmod.pki.VerifiedBundle;
import org.hicsim.host.AgreedProtocol;
import org.hicsim.host.Grants;
import org.hicsim.host.MigrationHandshake;
import org.hicsim.host.ModuleRefusedException;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.mm.snapshot.SnapshotCollector;
import org.hicsim.mm.snapshot.SnapshotException;
import org.hicsim.mm.snapshot.SnapshotIndex;
import org.hicsim.mm.snapshot.SnapshotListener;

/**
 * HIC 4.3 steps 5.2.1 and 5.2.3 when the old instance is gone (the update committed and reclaimed it): "if old
 * instance was shut down, restart it", "quickly restart old instance", "clients reconnect". The emergency rollback
 * of a completed update, within its rollback window:
 * <ol>
 *     <li>the new version's instance is killed at once: it processes nothing more, and nothing it holds is
 *     exported or imported anywhere;</li>
 *     <li>the service's global work is held; every connection the killed instance owned is dropped from Core-0's
 *     dispatch table and counted ("abandoning N connections": the trace, the audit chain,
 *     {@link UpdateReport#abandoned()}): their clients find out at their next request and reconnect;</li>
 *     <li>a fresh instance of the old version is loaded from its bundle (verified again), and its state read back
 *     from the rollback point in the persistent store (every shard's CRC32 checked, at the store's bandwidth) and
 *     imported under the fresh instance's CPU quota, its connection reservations dropped (those clients reconnect
 *     too): the routes and caches the service had come back, so the reconnections are served;</li>
 *     <li>new connections go to the fresh instance, the registry's default is switched to it, and the held work
 *     is let go to it; the completed update's report says it was rolled back.</li>
 * </ol>
 * A rollback point that cannot be read, or that the fresh instance refuses, leaves it serving from its
 * {@code init} state (traced): the old version runs again either way.
 * <p>
 * An update in progress whose old instance crashed takes the same steps from its own rollback point (the newest
 * sound export of its new instance, or the old instance's snapshot at the consistency point) when it is rolled
 * back ({@link #restart}): the connections the dead old instance still owned are dropped and counted with the
 * new instance's, so none is handed to a dead instance.
 */
final class RollbackPointRestore
{
    private final ModuleManager manager;
    private final Kernel kernel;
    private final CostTable costs;
    private final ServiceRecord record;
    private final ServiceRecord.RollbackPoint point;
    /** The new version's instance, killed at once. */
    private final ServiceInstance killed;
    /** The instances whose connections leave Core-0's table: the killed one and, mid-update, the dead old one. */
    private final List<ServiceInstance> gone;
    private final Runnable onRestarted;
    private final Runnable onDone;
    private ServiceInstance fresh;

    /**
     * @param gone        the instances whose connections are dropped, {@code killed} among them.
     * @param onRestarted run once the fresh instance serves, before that is traced: what the rollback point's
     *                    owner does then.
     * @param onDone      run at the end, restarted or not.
     */
    RollbackPointRestore(final ModuleManager manager, final ServiceRecord record, final ServiceInstance killed,
        final List<ServiceInstance> gone, final ServiceRecord.RollbackPoint point, final Runnable onRestarted,
        final Runnable onDone)
    {
        this.manager = manager;
        this.kernel = manager.kernel();
        this.costs = kernel.costs();
        this.record = record;
        this.killed = killed;
        this.gone = List.copyOf(gone);
        this.point = point;
        this.onRestarted = onRestarted;
        this.onDone = onDone;
    }

    /** The emergency rollback of a completed update: taken (reported, journaled, traced, audited), then {@link #restart}. */
    void start(final String reason)
    {
        point.update().rollback(new UpdateReport.Rollback(RollbackKind.EMERGENCY, reason, manager.now()));
        manager.journal(JournalEntry.of(JournalEntry.Kind.ROLLBACK_BEGUN, "service", record.name(), "kind",
            RollbackKind.EMERGENCY.key(), "reason", reason));
        trace("mm.rollback.begin", "kind=" + RollbackKind.EMERGENCY.key() + " reason=" + reason.replace(' ', '_')
            + " from=rollback_point to=" + point.stem());
        kernel.audit().record("mm.rollback.begin", manager.sandboxId(), "service=" + record.name() + " kind="
            + RollbackKind.EMERGENCY.key() + " reason=" + reason.replace(' ', '_') + " from=rollback_point");
        restart(reason);
    }

    /** Kills the new version's instance, drops the connections of every instance gone, and restarts the old version. */
    void restart(final String reason)
    {
        final UpdateReport report = point.update();
        final long memoryBytes = killed.metrics().memoryBytes();
        if (killed.isAlive())
        {
            kernel.sandboxes().kill(killed.sandboxId(), "emergency rollback: " + reason);
        }
        report.memoryReleased(memoryBytes);
        holdGlobal(true);
        final int[] migrations = {0};
        final int abandoned = dropConnections(migrations);
        report.abandoned(abandoned);
        final String abandoning = "abandoning " + abandoned + " connections";
        trace("mm.rollback.abandon", "migrations=" + migrations[0] + " connections=" + abandoned + " detail="
            + abandoning.replace(' ', '_') + ",_clients_reconnect");
        kernel.audit().record("mm.rollback.emergency", manager.sandboxId(), "service=" + record.name()
            + " detail=Executed_emergency_rollback,_" + abandoning.replace(' ', '_'));
        manager.after(costs.sandboxCreateNs(), this::load);
    }

    /**
     * Every connection an instance gone owned leaves Core-0's table (one frozen for its move is thawed first and
     * counted in {@code migrations}): its client reconnects.
     */
    private int dropConnections(final int[] migrations)
    {
        final List<Long> owned = ConnectionDrop.ownedBy(kernel, killed.serviceId(), this::ownedByGone);
        migrations[0] += ConnectionDrop.close(kernel, record, manager.sandboxId(), killed.serviceId(), owned);
        return owned.size();
    }

    private boolean ownedByGone(final int endpointId)
    {
        return gone.stream().anyMatch(instance -> instance.endpointId() == endpointId);
    }

    private void load()
    {
        try
        {
            final VerifiedBundle bundle = manager.fetchAndVerify(point.stem());
            fresh = manager.load(bundle, record.name(), record.options(), record.nextGeneration(), Grants.none(),
                Configuration.EMPTY);
        }
        catch (final InstallException | ModuleRefusedException refused)
        {
            trace("mm.rollback-point.refused", "reason=" + refused.getMessage().replace(' ', '_'));
            holdGlobal(false);
            onDone.run();
            return;
        }
        trace("mm.instance", "sandbox=" + fresh.sandboxId() + " uuid=" + fresh.uuid() + " from=rollback_point");
        final MigrationHandshake agreed = MigrationHandshake.negotiate(killed.manifest(), fresh.manifest());
        if (point.snapshot() == null || !(agreed instanceof AgreedProtocol protocol))
        {
            serve("no_rollback_state");
            return;
        }
        final SnapshotCollector collector = new SnapshotCollector();
        final MigrationContext context = protocol.context();
        final long read = manager.snapshots().read(manager.sandboxId(), manager.storeHandle(), point.snapshot(),
            collector, new SnapshotListener()
            {
                @Override
                public void onDone(final SnapshotIndex index)
                {
                    restore(collector.snapshot(), context);
                }

                @Override
                public void onFailed(final SnapshotException failure)
                {
                    serve("unreadable:" + failure.getMessage().replace(' ', '_'));
                }
            });
        if (read < 0)
        {
            serve("unreadable:code=" + read);
        }
    }

    /** The fresh instance imports the rollback point; it keeps the global state, not the reservations. */
    private void restore(final StateSnapshot snapshot, final MigrationContext context)
    {
        final int imported = fresh.importState(snapshot, context);
        if (imported != Status.OK)
        {
            serve("import_refused:" + Status.name(imported));
            return;
        }
        fresh.completeMigration();
        final long bytes = SnapshotBytes.length(snapshot);
        final long doneNs = kernel.cpu().quota(fresh.sandboxId()).run(manager.now(),
            costs.copyNs(bytes) + costs.hashNs(bytes));
        trace("mm.rollback-point.imported", "name=" + point.snapshot() + " bytes=" + bytes + " connections="
            + snapshot.connections().size());
        manager.at(doneNs, () -> serve("restored"));
    }

    /** The fresh instance takes new connections and the registry's default, and the held work goes to it. */
    private void serve(final String state)
    {
        kernel.dispatcher().rule(manager.sandboxId(), record.dispatchHandle(), killed.serviceId(),
            NewConnectionRule.all(fresh.endpointId()));
        final int switched = kernel.registry().switchDefault(record.name(), ServiceHost.INTERFACE, fresh.version());
        manager.replaced(record, fresh, point.stem());
        holdGlobal(false);
        onRestarted.run();
        trace("mm.rollback-point.restarted", "version=" + fresh.version() + " sandbox=" + fresh.sandboxId()
            + " state=" + state + " switch=" + switched);
        kernel.audit().record("mm.rollback-point.restarted", manager.sandboxId(), "service=" + record.name()
            + " version=" + fresh.version() + " state=" + state);
        onDone.run();
    }

    private void holdGlobal(final boolean hold)
    {
        kernel.dispatcher().holdGlobal(manager.sandboxId(), record.dispatchHandle(), killed.serviceId(), hold);
    }

    private void trace(final String kind, final String detail)
    {
        kernel.simulation().trace().record(kind, "service=" + record.name() + " " + detail);
    }
}
