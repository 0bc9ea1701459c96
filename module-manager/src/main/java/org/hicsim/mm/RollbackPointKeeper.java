package org.hicsim.mm;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.StateSeal;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.host.AgreedProtocol;
import org.hicsim.host.MigrationHandshake;
import org.hicsim.host.ServiceInstance;
import org.hicsim.mm.snapshot.SnapshotException;
import org.hicsim.mm.snapshot.SnapshotIndex;
import org.hicsim.mm.snapshot.SnapshotListener;

/**
 * HIC 4.3 step 5.1 rule 4 ("if risk of data corruption: forced rollback") watched by the Module Manager itself,
 * after the point of no return, on what the new instance exports:
 * <ul>
 *     <li><b>the rollback point kept current</b>: from the end of the migration until the update commits, every
 *     {@code rollbackPointIntervalNs} of the policy (0: never), the new instance exports its state in the old
 *     version's layout (step 5.2.1's rollback snapshot: the new instance converts down), a copy and a checksum of
 *     its bytes under its own CPU quota; the Module Manager recomputes the exporter's seal (CRC32, a pass over the
 *     bytes under its own quota) and, if it matches, stores the snapshot (sharded, CRC32 per shard, LZ4, at the
 *     store's bandwidth) as the update's rollback point, the one before deleted;</li>
 *     <li><b>the export at the start of a rollback's move-back</b> ({@link #check}), the same export and seal
 *     check, before any connection goes back.</li>
 * </ul>
 * A seal that no longer matches is a corruption risk: the update's emergency rollback is taken at once, with no
 * confirmation, and the export is neither stored nor imported anywhere.
 */
final class RollbackPointKeeper
{
    /** What the keeper borrows from the update it watches. */
    interface Steps
    {
        /** Whether the update still runs towards its commit: no rollback under way, not committing, not over. */
        boolean watching();

        /** The seal did not match: the update's emergency rollback, at once. */
        void corrupted(String reason);

        void trace(String kind, String detail);
    }

    private final ModuleManager manager;
    private final Kernel kernel;
    private final CostTable costs;
    private final String service;
    private final UpdatePolicy policy;
    private final ServiceInstance oldInstance;
    private final ServiceInstance newInstance;
    private final UnaryOperator<Runnable> guard;
    private final Steps steps;
    /** The stored rollback point's name, or null before the first was kept. */
    private String kept;
    private int checks;

    RollbackPointKeeper(final ModuleManager manager, final String service, final UpdatePolicy policy,
        final ServiceInstance oldInstance, final ServiceInstance newInstance, final UnaryOperator<Runnable> guard,
        final Steps steps)
    {
        this.manager = manager;
        this.kernel = manager.kernel();
        this.costs = kernel.costs();
        this.service = service;
        this.policy = policy;
        this.oldInstance = oldInstance;
        this.newInstance = newInstance;
        this.guard = guard;
        this.steps = steps;
    }

    /** The name of the rollback point kept last (a sound export in the old layout), or null. */
    String kept()
    {
        return kept;
    }

    /** Checks are made from now on at the policy's interval, while the update is watched. */
    void start()
    {
        if (policy.rollbackPointIntervalNs() > 0)
        {
            scheduleNext();
        }
    }

    private void scheduleNext()
    {
        manager.at(manager.now() + policy.rollbackPointIntervalNs(), guard.apply(() ->
        {
            if (steps.watching())
            {
                check(this::keep);
            }
        }));
    }

    /**
     * The new instance exports its state in the old layout and the seal is checked: {@code sound} hears the
     * snapshot if it matches; if not, the update's emergency rollback is taken and {@code sound} is not called. A
     * new instance that exports nothing (dead, or no conversion down) has nothing to check: {@code sound} hears
     * null.
     */
    void check(final Consumer<StateSnapshot> sound)
    {
        final MigrationContext context = rollbackContext();
        final StateSnapshot exported = context == null ? null : newInstance.exportState(context);
        if (exported == null)
        {
            steps.trace("mm.rollback-point.none", "reason=" + (newInstance.isAlive() ? "no_export" : "dead"));
            sound.accept(null);
            return;
        }
        final long bytes = SnapshotBytes.length(exported);
        // The export (a copy and the seal's checksum) is the new instance's work, under its own quota; the
        // recomputation of the seal is the Module Manager's.
        final long exportedAtNs = kernel.cpu().quota(newInstance.sandboxId()).run(manager.now(),
            costs.copyNs(bytes) + costs.hashNs(bytes));
        manager.at(exportedAtNs, guard.apply(() -> manager.after(costs.hashNs(bytes), guard.apply(
            () -> verify(exported, bytes, sound)))));
    }

    private void verify(final StateSnapshot exported, final long bytes, final Consumer<StateSnapshot> sound)
    {
        checks++;
        final String part = exported.seal().mismatch(exported);
        if (part == null)
        {
            steps.trace("mm.rollback-point.checked", "check=" + checks + " bytes=" + bytes + " crc32=match");
            sound.accept(exported);
            return;
        }
        final String detail = "check=" + checks + " part=" + part + " bytes=" + bytes + " sealed_crc32="
            + Integer.toHexString(part.equals(StateSeal.GLOBAL) ? exported.seal().globalCrc32()
            : exported.seal().connectionsCrc32());
        steps.trace("mm.corruption.detected", detail);
        kernel.audit().record("mm.corruption.detected", manager.sandboxId(), "service=" + service + " " + detail
            + " source=new_instance_export");
        steps.corrupted("CRC32 mismatch in the new instance's exported state (" + part + ")");
    }

    /** A sound export becomes the rollback point; the one before is deleted once it is stored. */
    private void keep(final StateSnapshot sound)
    {
        if (sound == null)
        {
            scheduleNext();
            return;
        }
        final String name = manager.nextSnapshotName(service);
        final long written = manager.snapshots().write(manager.sandboxId(), manager.storeHandle(), name, sound,
            new SnapshotListener()
            {
                @Override
                public void onDone(final SnapshotIndex index)
                {
                    guard.apply(() ->
                    {
                        final String before = kept;
                        kept = name;
                        steps.trace("mm.rollback-point.kept", "name=" + name + " shards=" + index.shards().size()
                            + " storedBytes=" + index.storedLength());
                        manager.deleteSnapshot(before);
                        scheduleNext();
                    }).run();
                }

                @Override
                public void onFailed(final SnapshotException failure)
                {
                    guard.apply(() ->
                    {
                        steps.trace("mm.rollback-point.unstored", "reason=" + failure.getMessage().replace(' ', '_'));
                        scheduleNext();
                    }).run();
                }
            });
        if (written < 0)
        {
            steps.trace("mm.rollback-point.unstored", "code=" + written);
            scheduleNext();
        }
    }

    /**
     * The update committed: the rollback point kept outlives it, in the service's rollback point.
     *
     * @return its name, or {@code fallback} when none was kept.
     */
    String persist(final String fallback)
    {
        final String persisted = kept != null ? kept : fallback;
        kept = null;
        return persisted;
    }

    /** Deletes the rollback point kept, if any: the update that kept it is over. */
    void release()
    {
        manager.deleteSnapshot(kept);
        kept = null;
    }


    /** The rollback direction of the handshake: the new instance writes the old version's state layout. */
    private MigrationContext rollbackContext()
    {
        final MigrationHandshake agreed = MigrationHandshake.negotiate(newInstance.manifest(),
            oldInstance.manifest());
        return agreed instanceof AgreedProtocol protocol ? protocol.context() : null;
    }
}
