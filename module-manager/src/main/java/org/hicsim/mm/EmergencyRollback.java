package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.dispatch.DispatchState;
import org.hicsim.core0.dispatch.NewConnectionRule;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.host.ServiceInstance;

/**
 * HIC 4.3 step 5.2.3, the fast rollback mode for a risk of data corruption: data safety before connections.
 * <ol>
 *     <li>the new instance is killed at once: it processes nothing more, and nothing it holds is exported or
 *     imported anywhere;</li>
 *     <li>the service's global work is held and new connections go to the old instance;</li>
 *     <li>every migration in flight (a connection frozen for its move) is dropped: the connection is thawed and
 *     stays with the old instance, which never let go of it; their number is reported ("abandoning N connection
 *     migrations" in the trace, the audit chain and {@link UpdateReport#abandoned()});</li>
 *     <li>every connection that had moved is closed in Core-0's table (counted rebuilt): the old instance has
 *     only its state from when it moved, which is stale, and the new instance's is not to be trusted; its client
 *     is answered "unknown connection" at its next request and reconnects, to the old instance;</li>
 *     <li>the registry's default goes back to the old instance, which is told the migration is cancelled and owns
 *     its global state as it was at the consistency point; the held work is let go.</li>
 * </ol>
 * Each step is Core-0 work on the dispatch table and the registry only: no analysis, no state carried.
 */
final class EmergencyRollback
{
    /** What the emergency rollback borrows from the update it ends. */
    interface Steps
    {
        /** Holds, or lets go, the service's global work. */
        void holdGlobal(boolean hold);

        /** The registry's default back to the old instance (if it was switched), then {@code then}. */
        void switchBack(Runnable then);

        /** The update ends rolled back, with the memory the killed instance held. */
        void finish(long memoryReleasedBytes);

        void trace(String kind, String detail);
    }

    private final ModuleManager manager;
    private final Kernel kernel;
    private final ServiceRecord record;
    private final ServiceInstance oldInstance;
    private final ServiceInstance newInstance;
    private final UpdateReport report;
    private final Steps steps;

    EmergencyRollback(final ModuleManager manager, final ServiceRecord record, final ServiceInstance oldInstance,
        final ServiceInstance newInstance, final UpdateReport report, final Steps steps)
    {
        this.manager = manager;
        this.kernel = manager.kernel();
        this.record = record;
        this.oldInstance = oldInstance;
        this.newInstance = newInstance;
        this.report = report;
        this.steps = steps;
    }

    void start(final String reason)
    {
        final long memoryBytes = newInstance == null ? 0 : newInstance.metrics().memoryBytes();
        if (newInstance != null && newInstance.isAlive())
        {
            kernel.sandboxes().kill(newInstance.sandboxId(), "emergency rollback: " + reason);
        }
        steps.holdGlobal(true);
        final int serviceId = oldInstance.serviceId();
        kernel.dispatcher().rule(manager.sandboxId(), record.dispatchHandle(), serviceId,
            NewConnectionRule.all(oldInstance.endpointId()));
        final ServiceConnections table = kernel.dispatcher().connections(serviceId);
        final List<Long> moved = new ArrayList<>();
        final int[] abandoned = {0};
        if (table != null)
        {
            // The dispatch table, not the update's plan: a restarted Module Manager finishing an emergency has
            // only the table to know which connections moved.
            table.forEach(clientId ->
            {
                final byte state = table.state(clientId);
                if (table.owner(clientId) != oldInstance.endpointId())
                {
                    moved.add(clientId);
                }
                else if (state == DispatchState.FREEZING || state == DispatchState.FROZEN)
                {
                    abandoned[0]++;
                    kernel.dispatcher().thaw(manager.sandboxId(), record.dispatchHandle(), serviceId, clientId);
                }
            });
        }
        report.abandoned(abandoned[0]);
        final String abandoning = "abandoning " + abandoned[0] + " connection migrations";
        steps.trace("mm.rollback.abandon", "migrations=" + abandoned[0] + " moved=" + moved.size() + " detail="
            + abandoning.replace(' ', '_'));
        kernel.audit().record("mm.rollback.emergency", manager.sandboxId(), "service=" + record.name()
            + " detail=Executed_emergency_rollback,_" + abandoning.replace(' ', '_'));
        steps.switchBack(() -> dropMoved(moved, memoryBytes));
    }

    /**
     * Each connection that had moved leaves Core-0's table (one frozen for a move back is thawed first): the old
     * instance holds only its state from when it moved, which is stale, and gives up its place for it when told the
     * migration is cancelled, so nothing may serve it. Its client learns it at its next request (unknown
     * connection) and opens it again, on the old instance.
     */
    private void dropMoved(final List<Long> moved, final long memoryBytes)
    {
        ConnectionDrop.close(kernel, record, manager.sandboxId(), oldInstance.serviceId(), moved);
        for (int i = 0; i < moved.size() && report.migrated() > 0; i++)
        {
            report.migratedBack();
        }
        report.rebuilt(moved.size());
        done(memoryBytes);
    }

    private void done(final long memoryBytes)
    {
        oldInstance.abortMigration();
        steps.holdGlobal(false);
        steps.finish(memoryBytes);
    }
}
