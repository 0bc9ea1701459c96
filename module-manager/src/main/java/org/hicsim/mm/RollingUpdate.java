package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.HdrHistogram.Histogram;
import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.cpu.CpuQuota;
import org.hicsim.core0.dispatch.Dispatcher;
import org.hicsim.core0.dispatch.NewConnectionRule;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.metrics.InstanceMetrics;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.pki.VerifiedBundle;
import org.hicsim.host.AgreedProtocol;
import org.hicsim.host.Grants;
import org.hicsim.host.MigrationHandshake;
import org.hicsim.host.ModuleRefusedException;
import org.hicsim.host.QuiescenceOutcome;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;

/**
 * One live update of one service, step by step as sections 3.1 to 3.4 of the HIC rolling update document lay it
 * out, in virtual time: every step is charged to the Module Manager's CPU quota from the cost table, or waits for
 * what it waits for (the store, a quiescent point, the rate limit, a stability period), and runs from the event
 * loop when that time has come.
 * <ol>
 *     <li><b>Preparation</b>: the policy check (both versions migrate; free memory is the policy's multiple of
 *     the new instance's), the bundle fetched and verified at the simulated clock (a downgrade refused unless
 *     allowed), dependencies resolved (each dependency that falls short updated first by its own rolling update; a
 *     cycle or an unsatisfiable constraint refused), resources reserved, dependants asked for readiness.</li>
 *     <li><b>New instance</b>: a sandbox of the manifest's size, the module loaded and started by the host, the
 *     migration channel between the two instances opened ({@link UpdateChannel}), the migration protocol
 *     negotiated (none in common: a clean abort), and the new instance's health checked.</li>
 *     <li><b>Migration</b>: the old instance quiesced to its consistency point and its state exported; the
 *     snapshot hashed, compressed and stored for rollback, carried over the channel, imported into the new
 *     instance and exported again in the old layout, which must match byte for byte ({@link StateHandOver}); the
 *     phase-2 gates ({@link PhaseTwoGates}: consistency, baseline, leak) run on the same tables. From the
 *     consistency point until then, the service's global work (requests that name no connection or open one) is
 *     held in Core-0. Then the point of no return: the registry's default is switched to the new instance, which
 *     owns the global state from its import on, the held work goes there, and the strategy's stages move
 *     connections one at a time at the policy's rate (frozen in the dispatch table, carried over the channel with
 *     their buffers and checked: {@link ConnectionMoves}), health checked at each stage's cadence.</li>
 *     <li><b>Validation</b>: ownership checked, the stability period watched, both instances told the migration is
 *     complete, the old instance shut down and reclaimed, and the report closed.</li>
 * </ol>
 * A failure before the point of no return is a clean abort: the new instance goes, the old one serves as if
 * nothing happened. After it, {@link #rollBack} moves every migrated connection back, critical ones first.
 */
final class RollingUpdate
{
    private final ModuleManager manager;
    private final Kernel kernel;
    private final CostTable costs;
    private final ServiceRecord record;
    private final String toStem;
    private final UpdatePolicy policy;
    private final UpdateReport report;
    private final Consumer<UpdateReport> onDone;
    private final ServiceInstance oldInstance;
    private final String oldStem;
    private final HealthReport health = new HealthReport();

    private VerifiedBundle bundle;
    private ServiceInstance newInstance;
    private MigrationContext context;
    private ConnectionPlan plan;
    private StateHandOver handOver;
    private List<Stage> stages;
    private int stageIndex;
    private int stageMovesLeft;
    /**
     * The connections to move one way or the other (the running stage's, or a rollback's), and the next of them to
     * begin: moves begin as earlier ones settle, at most {@code migrationsInFlightMax} under way.
     */
    private List<Integer> paced;
    private int pacedNext;
    /** What begins the move of one of {@link #paced}: a forward move, or a move back. */
    private IntConsumer pacedMove;
    private long stageStartRequestsOld;
    private long stageStartRequestsNew;
    /** When the last connection move was (or, before the first, the point of no return): the rate limit's clock. */
    private long lastMoveNs;
    private int movesSinceCheck;
    private String phase;
    private long phaseStartNs;
    private boolean pastPointOfNoReturn;
    private boolean switched;
    private boolean paused;
    private boolean ended;
    private int generation;
    /**
     * The guard of connection moves under way (frozen, carried, checked): a full rollback lets them settle before
     * it moves connections back, so only an emergency rollback or the update's end drops them.
     */
    private int moveGeneration;
    /** Moves begun (a freeze asked for) and not settled yet. */
    private int movesInFlight;
    /** The reason of a rollback waiting for its approval (the policy asks for one), or null. */
    private String rollbackAwaitingApproval;
    /** A rollback was approved (or its wait timed out): it is taken without asking again. */
    private boolean rollbackApproved;
    /** The connections the running wave selected: what a partial rollback sends back. */
    private List<Integer> waveSelected = List.of();
    /** What a rollback waiting for the moves under way to settle does then, or null. */
    private Runnable afterMovesSettle;
    private Histogram oldLatencyAtStart;
    private long oldRequestsAtStart;
    private long oldErrorsAtStart;
    private Histogram newLatencyAtSwitch;
    private UpdateChannel channel;
    private ConnectionTransfer transfer;
    private ConnectionMoves moves;
    /** A strategy asked for while the update runs, taken up at the next stage boundary. */
    private Strategy nextStrategy;
    private boolean rollingBack;
    /** A pause was asked for: no next wave begins until approved. */
    private boolean pauseRequested;
    /** Frozen: the new version kept, no more connections moved; only an emergency rollback is taken. */
    private boolean frozen;
    /** The new version's commit is being written or was: the old instance goes, nothing can move back to it. */
    private boolean committing;
    /** The batch that commits this update with its other members, or null: it commits alone. */
    private Batch batch;
    /** After the point of no return: the new instance's exports checked, and the rollback point kept current. */
    private RollbackPointKeeper rollbackPoints;
    /** The stored state the committed update leaves to its rollback point, or null. */
    private String persisted;
    /**
     * The Module Manager itself ends the new instance (an abort's shutdown, a rollback's, an emergency's kill): its
     * death is no crash to answer.
     */
    private boolean newInstanceLetGo;

    RollingUpdate(
        final ModuleManager manager,
        final ServiceRecord record,
        final String toStem,
        final UpdatePolicy policy,
        final UpdateReport report,
        final Consumer<UpdateReport> onDone)
    {
        this.manager = manager;
        this.kernel = manager.kernel();
        this.costs = kernel.costs();
        this.record = record;
        this.toStem = toStem;
        this.policy = policy;
        this.report = report;
        this.onDone = onDone;
        this.oldInstance = record.current();
        this.oldStem = record.currentStem();
    }

    UpdateReport report()
    {
        return report;
    }

    String toStem()
    {
        return toStem;
    }

    ServiceInstance oldInstance()
    {
        return oldInstance;
    }

    /** The new instance, or null before it was made. */
    ServiceInstance newInstance()
    {
        return newInstance;
    }

    /**
     * The update a Module Manager found half done in its journal when it was restarted: its new instance runs,
     * and connections may have moved to it. Before the point of no return it is cancelled; after it, rolled back.
     */
    static RollingUpdate recovered(final ModuleManager manager, final ServiceRecord record, final String toStem,
        final UpdatePolicy policy, final ServiceInstance newInstance, final boolean pastPointOfNoReturn,
        final UpdateReport report, final Consumer<UpdateReport> onDone)
    {
        final RollingUpdate update = new RollingUpdate(manager, record, toStem, policy, report, onDone);
        update.newInstance = newInstance;
        // Past the point of no return with its new instance gone, only the emergency path is left (see recover).
        update.pastPointOfNoReturn = pastPointOfNoReturn;
        update.switched = update.pastPointOfNoReturn;
        update.oldLatencyAtStart = update.oldInstance.metrics().latency().copy();
        if (update.pastPointOfNoReturn && newInstance != null)
        {
            final MigrationHandshake agreed = MigrationHandshake.negotiate(newInstance.manifest(),
                update.oldInstance.manifest());
            final StateSnapshot held = agreed instanceof AgreedProtocol protocol
                ? newInstance.exportState(protocol.context()) : null;
            update.plan = ConnectionPlan.movedTo(held == null ? StateSnapshot.builder(0).build() : held,
                manager.kernel().dispatcher().connections(update.oldInstance.serviceId()), newInstance.endpointId());
            // The report begins with what the predecessor left: the connections the new instance holds count as
            // migrated, so each one the rollback takes back counts down from them, never below zero.
            report.connectionsTotal(update.plan.size());
            for (int i = 0; i < update.plan.size(); i++)
            {
                if (update.plan.hasMoved(i))
                {
                    report.migratedOne();
                }
            }
        }
        return update;
    }

    /**
     * Goes on from where a crashed Module Manager left it: a cancel or a rollback, an emergency one if its
     * predecessor had begun one (the journal's {@code ROLLBACK_BEGUN}) or if the new instance is dead.
     */
    void recover(final String reason, final RollbackKind begun)
    {
        thawAll();
        beginPhase("recovery");
        if (begun == RollbackKind.EMERGENCY || (pastPointOfNoReturn && (newInstance == null
            || !newInstance.isAlive())))
        {
            // A new instance found dead has no state to hand back: only the emergency path brings its
            // connections back to the old instance.
            emergency(reason + " (finishing its emergency rollback)");
        }
        else if (pastPointOfNoReturn)
        {
            rollBack(reason);
        }
        else
        {
            abort(Refusal.CANCELLED, reason);
        }
    }

    /**
     * HIC 4.1, failure level 1: the new instance crashed (Core-0 told the Module Manager that its sandbox died of
     * anything but the Module Manager's own shutdown or kill). The update is abandoned and the old instance kept:
     * before the point of no return a clean abort ({@link Refusal#CRASHED_ON_START}: it had not taken traffic yet);
     * after it the emergency rollback, the only one a dead instance allows (nothing of its state can be exported),
     * which closes every moved connection (its client reconnects to the old instance) and gives the registry's
     * default back to the old instance, whatever the stage: moving, holding for an approval, paused, frozen,
     * validating or rolling back. A crash once the update commits is the committed version's, no longer the update's.
     */
    void newInstanceDied(final String reason)
    {
        if (ended || newInstanceLetGo || committing)
        {
            return;
        }
        newInstanceLetGo = true;
        final String detail = "the new instance crashed: " + reason;
        trace("mm.new-instance.crashed", "sandbox=" + newInstance.sandboxId() + " pastPointOfNoReturn="
            + pastPointOfNoReturn);
        kernel.audit().record("mm.new-instance.crashed", manager.sandboxId(), "service=" + record.name()
            + " reason=" + reason.replace(' ', '_'));
        if (pastPointOfNoReturn)
        {
            emergency(detail);
        }
        else
        {
            abort(Refusal.CRASHED_ON_START, detail);
        }
    }

    /** Moves a crashed Module Manager left half done: each connection goes on with the owner it has. */
    private void thawAll()
    {
        final ServiceConnections table = kernel.dispatcher().connections(oldInstance.serviceId());
        if (table != null)
        {
            table.forEach(id -> kernel.dispatcher().thaw(manager.sandboxId(), record.dispatchHandle(),
                oldInstance.serviceId(), id));
        }
    }

    void start()
    {
        report.rollbackWindow(policy.rollbackWindowNs());
        manager.journal(JournalEntry.of(JournalEntry.Kind.UPDATE_BEGIN, "service", record.name(), "from", oldStem,
            "to", toStem).withConfiguration(policy.newInstanceConfiguration()));
        final InstanceMetrics old = oldInstance.metrics();
        oldLatencyAtStart = old.latency().copy();
        oldRequestsAtStart = old.requests();
        oldErrorsAtStart = old.errors();
        beginPhase("preparation");
        step(costs.capabilityOpNs(), this::checkPolicy);
    }

    /**
     * Cancels (before the point of no return) or rolls back (after it).
     *
     * @return null if it will, or {@link Refusal#FROZEN} for a frozen update (only an emergency rollback undoes
     * what a freeze kept).
     */
    Refusal rollBack(final String reason)
    {
        if (ended)
        {
            return null;
        }
        if (frozen)
        {
            trace("mm.rollback.refused", "reason=frozen");
            return Refusal.FROZEN;
        }
        if (policy.rollbackApprovalTimeoutNs() > 0 && pastPointOfNoReturn && !rollbackApproved)
        {
            awaitApproval(reason);
            return null;
        }
        rollbackTaken(RollbackKind.FULL, reason);
        if (!pastPointOfNoReturn)
        {
            cancel(reason);
            return null;
        }
        generation++;
        paused = false;
        rollingBack = true;
        trace("mm.rollback", "reason=" + reason.replace(' ', '_') + " migrated=" + report.migrated());
        kernel.audit().record("mm.rollback", manager.sandboxId(), "service=" + record.name() + " reason="
            + reason.replace(' ', '_'));
        endPhase();
        beginPhase("rollback");
        if (!oldInstance.isAlive())
        {
            // Step 5.2.1 still checks the new instance's export first: a corrupt one makes it an emergency.
            if (rollbackPoints == null)
            {
                restartOld(reason);
            }
            else
            {
                rollbackPoints.check(sound -> restartOld(reason));
            }
            return null;
        }
        startWhenMovesSettle(new Rollback(reason, null));
        return null;
    }

    /** A rollback before the point of no return: a clean abort, or the old version restarted if its instance died. */
    private void cancel(final String detail)
    {
        if (oldInstance.isAlive())
        {
            abort(Refusal.CANCELLED, detail);
        }
        else
        {
            restartOld(detail, () -> abort(Refusal.CANCELLED, detail));
        }
    }

    /**
     * HIC 4.3 steps 5.2.1 and 5.2.3 when the old instance crashed during the update: no connection can go back to
     * it, so the old version is restarted from this update's rollback point ({@link RollbackPointRestore}), the
     * newest sound export of the new instance or else the old instance's snapshot at the consistency point. The
     * new instance is killed, the moves under way dropped, and every connection either instance owned is dropped
     * and counted as abandoned: their clients reconnect to the restarted instance. The update then ends rolled
     * back.
     */
    private void restartOld(final String reason)
    {
        restartOld(reason, () ->
        {
            endPhase();
            finish(UpdateOutcome.ROLLED_BACK, null, reason);
        });
    }

    /** {@link #restartOld(String)}, then {@code ending} (before the point of no return, a cancel). */
    private void restartOld(final String reason, final Runnable ending)
    {
        generation++;
        moveGeneration++;
        movesInFlight = 0;
        afterMovesSettle = null;
        newInstanceLetGo = true;
        closeChannel("old_instance_dead");
        final String consistencyPoint = handOver == null ? null : handOver.snapshotName();
        final String state = rollbackPoints == null ? consistencyPoint : rollbackPoints.persist(consistencyPoint);
        // The restart reads it after this update would have released it: it is deleted once read.
        persisted = state;
        trace("mm.rollback.old-dead", "sandbox=" + oldInstance.sandboxId() + " from="
            + (state == null ? "init" : state));
        final ServiceInstance killed = newInstance == null ? oldInstance : newInstance;
        new RollbackPointRestore(manager, record, killed, List.of(killed, oldInstance),
            new ServiceRecord.RollbackPoint(oldStem, manager.now(), report, state), () -> { }, () ->
            {
                manager.deleteSnapshot(state);
                ending.run();
            }).restart(reason);
    }

    /** A rollback begins once the moves under way have settled: their state is on one side or the other only then. */
    private void startWhenMovesSettle(final Rollback rollback)
    {
        if (movesInFlight > 0)
        {
            // A move under way has its state on one side or the other only once it settles: then it goes back.
            trace("mm.rollback.wait", "movesInFlight=" + movesInFlight);
            afterMovesSettle = rollback::start;
        }
        else
        {
            rollback.start();
        }
    }

    /**
     * HIC 4.1 level 2's partial rollback: the connections the running (failing) wave moved go back to the old
     * instance, critical ones first, while those of earlier waves stay on the new one; the update then pauses
     * until approved (a later full rollback takes the rest back too).
     *
     * @return null if it will, or {@link Refusal#STRATEGY_CHANGE_TOO_LATE} when no wave runs (before the point of
     * no return, while rolling back, frozen, or over).
     */
    Refusal partial(final String reason)
    {
        if (ended || rollingBack || frozen || !pastPointOfNoReturn || stages == null || stageIndex == 0)
        {
            return Refusal.STRATEGY_CHANGE_TOO_LATE;
        }
        rollbackTaken(RollbackKind.PARTIAL, reason);
        generation++;
        rollingBack = true;
        pauseRequested = true;
        trace("mm.rollback", "kind=partial wave=" + stages.get(stageIndex - 1).name() + " reason="
            + reason.replace(' ', '_'));
        startWhenMovesSettle(new Rollback(reason, new ArrayList<>(waveSelected)));
        return null;
    }

    /** The failing wave's connections are back: the update pauses, the earlier waves' connections where they are. */
    private void partialDone()
    {
        rollingBack = false;
        paused = true;
        trace("mm.paused", "stage=" + stages.get(stageIndex - 1).name() + " waiting=partial-rollback migrated="
            + report.migrated());
    }

    /**
     * HIC 4.3 step 5.2.3 on a risk of data corruption: see {@link EmergencyRollback}. Before the point of no
     * return it is a cancel, with the new instance killed rather than shut down. Taken whatever the update's
     * state, frozen or paused included.
     */
    void emergency(final String reason)
    {
        if (ended)
        {
            return;
        }
        rollbackTaken(RollbackKind.EMERGENCY, reason);
        newInstanceLetGo = true;
        if (newInstance != null && newInstance.isAlive() && !pastPointOfNoReturn)
        {
            kernel.sandboxes().kill(newInstance.sandboxId(), "emergency rollback: " + reason);
        }
        if (!pastPointOfNoReturn)
        {
            cancel("emergency: " + reason);
            return;
        }
        generation++;
        moveGeneration++;
        movesInFlight = 0;
        afterMovesSettle = null;
        rollbackAwaitingApproval = null;
        paused = false;
        frozen = false;
        rollingBack = true;
        trace("mm.rollback", "kind=emergency reason=" + reason.replace(' ', '_') + " migrated=" + report.migrated());
        endPhase();
        beginPhase("emergency-rollback");
        closeChannel("emergency_rollback");
        if (!oldInstance.isAlive())
        {
            restartOld(reason);
            return;
        }
        new EmergencyRollback(manager, record, oldInstance, newInstance, report, new EmergencySteps())
            .start(reason);
    }

    /**
     * Stops advancing: the running wave ends, and no next one begins until {@link #approve()}.
     *
     * @return null if it will, or {@link Refusal#STRATEGY_CHANGE_TOO_LATE} once the update is rolling back or over.
     */
    Refusal pause(final String reason)
    {
        if (ended || rollingBack)
        {
            return Refusal.STRATEGY_CHANGE_TOO_LATE;
        }
        rollbackTaken(RollbackKind.PAUSE, reason);
        pauseRequested = true;
        return null;
    }

    /**
     * Keeps the new version and stops migrating (state changes that cannot be reversed were made): the running
     * wave ends, no next one begins, and a rollback is refused but an emergency one, until {@link #approve()}
     * lets the update go on to validation (the connections left on the old instance reconnect to the new one).
     *
     * @return null if it will, or {@link Refusal#STRATEGY_CHANGE_TOO_LATE} before the point of no return (there
     * is nothing to keep yet), or once the update is rolling back or over.
     */
    Refusal freeze(final String reason)
    {
        if (ended || rollingBack || !pastPointOfNoReturn)
        {
            return Refusal.STRATEGY_CHANGE_TOO_LATE;
        }
        rollbackTaken(RollbackKind.FREEZE, reason);
        frozen = true;
        pauseRequested = true;
        return null;
    }

    /**
     * Whether the update is committing: its commit record is being written or was, and its old instance is being
     * reclaimed. A rollback asked for now waits for the update to complete and undoes it from its rollback point.
     */
    boolean isCommitting()
    {
        return committing;
    }

    /** Whether a freeze holds the update. */
    boolean isFrozen()
    {
        return frozen;
    }

    /** HIC 4.3 step 5.3: the registry's default back to the old instance, if it was switched, then {@code then}. */
    private void switchBack(final Runnable then)
    {
        if (!switched)
        {
            then.run();
            return;
        }
        final long requestedAtNs = manager.now();
        step(costs.capabilityOpNs(), () ->
        {
            kernel.registry().switchDefault(record.name(), ServiceHost.INTERFACE, oldInstance.version());
            manager.replaced(record, oldInstance, oldStem);
            switched = false;
            trace("mm.switch-back", "switchoverNs=" + (manager.now() - requestedAtNs));
            then.run();
        });
    }

    /** A rollback action was taken: in the report, the journal (so a restarted Module Manager finishes it), the trace and the audit chain. */
    private void rollbackTaken(final RollbackKind kind, final String reason)
    {
        report.rollback(new UpdateReport.Rollback(kind, reason, manager.now()));
        manager.journal(JournalEntry.of(JournalEntry.Kind.ROLLBACK_BEGUN, "service", record.name(), "kind",
            kind.key(), "reason", reason));
        trace("mm.rollback.begin", "kind=" + kind.key() + " reason=" + reason.replace(' ', '_')
            + " pastPointOfNoReturn=" + pastPointOfNoReturn);
        kernel.audit().record("mm.rollback.begin", manager.sandboxId(), "service=" + record.name() + " kind="
            + kind.key() + " reason=" + reason.replace(' ', '_'));
    }

    /** What an emergency rollback borrows from this update. */
    private final class EmergencySteps implements EmergencyRollback.Steps
    {
        @Override
        public void holdGlobal(final boolean hold)
        {
            RollingUpdate.this.holdGlobal(hold);
        }

        @Override
        public void switchBack(final Runnable then)
        {
            RollingUpdate.this.switchBack(then);
        }

        @Override
        public void finish(final long memoryReleasedBytes)
        {
            report.memoryReleased(memoryReleasedBytes);
            endPhase();
            RollingUpdate.this.finish(UpdateOutcome.ROLLED_BACK, null, report.rollbacks().isEmpty() ? ""
                : report.rollbacks().get(report.rollbacks().size() - 1).reason());
        }

        @Override
        public void trace(final String kind, final String detail)
        {
            RollingUpdate.this.trace(kind, detail);
        }
    }

    /** What the rollback-point keeper borrows from this update. */
    private final class KeeperSteps implements RollbackPointKeeper.Steps
    {
        @Override
        public boolean watching()
        {
            return !ended && !rollingBack && !committing;
        }

        @Override
        public void corrupted(final String reason)
        {
            // A data corruption risk skips confirmation: whatever waits for approval, the emergency goes first.
            emergency(reason);
        }

        @Override
        public void trace(final String kind, final String detail)
        {
            RollingUpdate.this.trace(kind, detail);
        }
    }

    /**
     * HIC 4.3 step 5.1.3, for a policy that asks for it: the rollback waits for an approval, at most the policy's
     * {@code rollbackApprovalTimeoutNs}, then is taken by itself. A second request while one waits changes nothing.
     */
    private void awaitApproval(final String reason)
    {
        if (rollbackAwaitingApproval != null)
        {
            return;
        }
        rollbackAwaitingApproval = reason;
        final long deadlineNs = manager.now() + policy.rollbackApprovalTimeoutNs();
        trace("mm.rollback.awaiting-approval", "reason=" + reason.replace(' ', '_') + " deadlineNs=" + deadlineNs);
        kernel.audit().record("mm.rollback.awaiting-approval", manager.sandboxId(), "service=" + record.name()
            + " reason=" + reason.replace(' ', '_') + " deadlineNs=" + deadlineNs);
        manager.at(deadlineNs, guarded(() ->
        {
            if (rollbackAwaitingApproval != null)
            {
                trace("mm.rollback.approval-timeout", "reason=" + rollbackAwaitingApproval.replace(' ', '_'));
                takeAwaitingRollback("approval timed out");
            }
        }));
    }

    private void takeAwaitingRollback(final String how)
    {
        final String reason = rollbackAwaitingApproval;
        rollbackAwaitingApproval = null;
        rollbackApproved = true;
        kernel.audit().record("mm.rollback.approved", manager.sandboxId(), "service=" + record.name() + " how="
            + how.replace(' ', '_'));
        rollBack(reason);
    }

    /** Whether a rollback waits for its approval. */
    boolean awaitsRollbackApproval()
    {
        return rollbackAwaitingApproval != null;
    }

    /** Lets a rollback that waits for approval be taken, or a stage that waits for approval go on. */
    boolean approve()
    {
        if (rollbackAwaitingApproval != null && !ended)
        {
            takeAwaitingRollback("approved");
            return true;
        }
        if (!paused || ended)
        {
            return false;
        }
        paused = false;
        pauseRequested = false;
        trace("mm.approved", "stage=" + stages.get(stageIndex - 1).name() + " frozen=" + frozen);
        if (frozen)
        {
            frozen = false;
            stageIndex = stages.size();
        }
        step(costs.capabilityOpNs(), this::nextStage);
        return true;
    }

    /**
     * Changes how the rest of the update moves traffic: from the next stage boundary on (the first stage, if the
     * point of no return has not come yet; the end of the running stage otherwise, or now if the update is
     * paused between stages, where it stays paused until approved), the stages not begun yet are the new
     * strategy's. What moved stays moved: each of its stages moves only connections still to move.
     *
     * @return null if it will, or {@link Refusal#STRATEGY_CHANGE_TOO_LATE} once the last stage has begun, the
     * update is rolling back or it has ended.
     */
    Refusal changeStrategy(final Strategy strategy)
    {
        if (ended || rollingBack || (stages != null && stageIndex >= stages.size()))
        {
            return Refusal.STRATEGY_CHANGE_TOO_LATE;
        }
        nextStrategy = strategy;
        trace("mm.strategy.change", "to=" + strategy.toString().replace(' ', '_') + " stagesBegun=" + stageIndex);
        manager.journal(JournalEntry.of(JournalEntry.Kind.STRATEGY_CHANGED, "service", record.name(), "strategy",
            strategy.toString()));
        return null;
    }

    /** The stages begun so far stay; the rest are the new strategy's. */
    private void adoptNextStrategy()
    {
        final List<Stage> adopted = new ArrayList<>(stages.subList(0, stageIndex));
        adopted.addAll(nextStrategy.stages(oldInstance.endpointId(), newInstance.endpointId(), policy));
        stages = adopted;
        trace("mm.strategy.applied", "strategy=" + nextStrategy.toString().replace(' ', '_') + " stagesLeft="
            + (stages.size() - stageIndex));
        nextStrategy = null;
    }

    // ---- phase 1: preparation -----------------------------------------------------------------------------------

    private void checkPolicy()
    {
        final Manifest target;
        try
        {
            target = manager.peek(toStem);
        }
        catch (final InstallException malformed)
        {
            refuse(Refusal.BUNDLE_REJECTED, malformed.getMessage());
            return;
        }
        if (!oldInstance.isAlive())
        {
            refuse(Refusal.UNKNOWN_SERVICE, record.name() + " is not running");
        }
        else if (target == null)
        {
            refuse(Refusal.BUNDLE_NOT_FOUND, "the repository has no bundle " + toStem);
        }
        else if (!target.name().equals(oldInstance.manifest().name()))
        {
            refuse(Refusal.WRONG_MODULE, toStem + " is " + target.name() + ", not " + oldInstance.manifest().name());
        }
        else if (oldInstance.protocols().isEmpty() || target.migration().isEmpty())
        {
            refuse(Refusal.NOT_LIVE_UPDATABLE, "a version without a migration protocol cannot be updated live");
        }
        else if (freeBytes() < (long)policy.memoryHeadroomFactor() * record.options().memoryBytesFor(target))
        {
            refuse(Refusal.INSUFFICIENT_MEMORY, "free=" + freeBytes() + " needed=" + policy.memoryHeadroomFactor()
                + "x" + record.options().memoryBytesFor(target));
        }
        else
        {
            final byte[] bytes = manager.repository().fetch(toStem);
            final long fetchedAt = manager.now() + costs.storeTransferNs(bytes.length);
            manager.at(fetchedAt, guarded(() -> step(costs.bundleVerifyNs(ModuleManager.CHAIN_SIGNATURES,
                bytes.length), this::verify)));
        }
    }

    private void verify()
    {
        try
        {
            bundle = manager.fetchAndVerify(toStem);
        }
        catch (final InstallException ex)
        {
            refuse(Refusal.BUNDLE_REJECTED, ex.getMessage());
            return;
        }
        final Manifest manifest = bundle.manifest();
        report.target(manifest.version().toString(), bundle.bundle().digestHex());
        final SemanticVersion accepted = manager.acceptedVersion(manifest.name());
        if (accepted != null && manifest.version().compareTo(accepted) < 0 && !policy.allowDowngrade())
        {
            refuse(Refusal.DOWNGRADE, manifest.version() + " is older than the accepted " + accepted
                + "; allow_downgrade permits it");
            return;
        }
        if (manager.isProblematic(bundle.bundle().digestHex()) && !policy.allowProblematic())
        {
            refuse(Refusal.PROBLEMATIC_BUNDLE, "digest " + bundle.bundle().digestHex().substring(0,
                ServiceHost.DIGEST_TRACE_LENGTH) + " is marked problematic: " + manager.problematicReason(
                bundle.bundle().digestHex()) + "; allow_problematic overrides it");
            return;
        }
        trace("mm.verified", "stem=" + toStem + " version=" + manifest.version() + " digest="
            + bundle.bundle().digestHex().substring(0, ServiceHost.DIGEST_TRACE_LENGTH));
        step(costs.capabilityOpNs() * (1 + manifest.dependencies().size()), this::resolveDependencies);
    }

    private void resolveDependencies()
    {
        final DependencyPlan dependencies = DependencyPlan.resolve(manager, bundle.manifest());
        if (dependencies.refusal() != null)
        {
            refuse(dependencies.refusal(), dependencies.detail());
            return;
        }
        updateDependencies(dependencies.updates(), 0);
    }

    /** Each dependency that falls short is updated first, one after another, each by its own rolling update. */
    private void updateDependencies(final List<DependencyPlan.Update> updates, final int index)
    {
        if (index == updates.size())
        {
            step(costs.capabilityOpNs(), this::reserve);
            return;
        }
        final DependencyPlan.Update update = updates.get(index);
        trace("mm.dependency", "service=" + update.service() + " to=" + update.stem() + " first");
        manager.updateDependency(manager.service(update.service()), update.stem(), policy, done -> manager.at(
            manager.now(), guarded(() ->
            {
                if (done.outcome() == UpdateOutcome.COMPLETED)
                {
                    updateDependencies(updates, index + 1);
                }
                else
                {
                    refuse(Refusal.DEPENDENCY_UPDATE_FAILED, update.service() + " to " + update.stem() + ": "
                        + done.outcome().key());
                }
            })));
    }

    private void reserve()
    {
        trace("mm.reserve", "memoryBytes=" + record.options().memoryBytesFor(bundle.manifest()) + " cpuQuotaPercent="
            + bundle.manifest().cpuQuotaPercent());
        final List<ServiceRecord> dependants = new ArrayList<>();
        for (final ServiceRecord other : manager.services().values())
        {
            if (other.current().manifest().dependencies().containsKey(record.name()) && other.current().isAlive())
            {
                dependants.add(other);
            }
        }
        final long roundTripNs = 2 * costs.ipcLatencyNs() + costs.requestCpuNs();
        manager.after(costs.capabilityOpNs() * dependants.size(), guarded(() -> manager.at(
            manager.now() + (dependants.isEmpty() ? 0 : roundTripNs), guarded(() -> notified(dependants)))));
    }

    private void notified(final List<ServiceRecord> dependants)
    {
        for (final ServiceRecord dependant : dependants)
        {
            dependant.current().probe(health);
            trace("mm.dependant", "service=" + dependant.name() + " ready=" + (health.health() != Health.UNHEALTHY));
        }
        endPhase();
        beginPhase("new-instance");
        step(costs.sandboxCreateNs() + costs.capabilityOpNs() * (1 + bundle.manifest().dependencies().size()),
            this::createInstance);
    }

    // ---- phase 2: new instance ----------------------------------------------------------------------------------

    private void createInstance()
    {
        final Manifest manifest = bundle.manifest();
        try
        {
            // The service's configuration is the service's, not the old instance's: the new instance starts under
            // the one configured last (HIC 4.4), over its install's and its manifest's defaults, with what the
            // update gives the new version over all of them.
            newInstance = manager.load(bundle, record.name(), record.options(), record.nextGeneration(),
                Grants.none().withCpuQuotaPercent(policy.newInstanceCpuQuotaPercent()),
                policy.newInstanceConfiguration());
        }
        catch (final ModuleRefusedException ex)
        {
            abort(Refusal.KERNEL_REFUSED, ex.getMessage());
            return;
        }
        if (!newInstance.isAlive())
        {
            abort(Refusal.CRASHED_ON_START, newInstance.terminationReason());
            return;
        }
        trace("mm.instance", "sandbox=" + newInstance.sandboxId() + " uuid=" + newInstance.uuid()
            + " cpuQuotaPercent=" + kernel.cpu().quota(newInstance.sandboxId()).quotaPercent());
        manager.journal(JournalEntry.of(JournalEntry.Kind.NEW_INSTANCE, "service", record.name(), "sandbox",
            Integer.toString(newInstance.sandboxId())));
        final MigrationHandshake agreed = MigrationHandshake.negotiate(oldInstance.manifest(), manifest);
        channel().open(guarded(() -> manager.at(manager.now() + 2 * costs.ipcLatencyNs(),
            guarded(() -> handshake(agreed)))), new UpdateChannel.Carried()
            {
                @Override
                public void onOpened(final byte[] payload)
                {
                }

                @Override
                public void onRefused(final String why)
                {
                    guarded(() -> abort(Refusal.MIGRATION_CHANNEL_FAILED, why)).run();
                }
            });
    }

    /** The update's migration channel between the old and the new instance, made at the first need. */
    private UpdateChannel channel()
    {
        if (channel == null)
        {
            channel = new UpdateChannel(manager, record.name(), oldInstance, newInstance);
            transfer = new ConnectionTransfer(kernel, channel);
        }
        return channel;
    }

    private void handshake(final MigrationHandshake agreed)
    {
        if (!(agreed instanceof AgreedProtocol protocol))
        {
            abort(Refusal.NO_COMMON_PROTOCOL, agreed.toString());
            return;
        }
        context = protocol.context();
        trace("mm.handshake", "protocol=" + protocol.protocol() + " stateVersion=" + context.snapshotStateVersion());
        newInstance.probe(health);
        if (health.health() == Health.UNHEALTHY)
        {
            abort(Refusal.CONSISTENCY_CHECK_FAILED, "the new instance reports itself unhealthy after init");
            return;
        }
        endPhase();
        beginPhase("migration");
        final long deadlineNs = manager.now() + policy.quiescenceDeadlineNs();
        oldInstance.prepareMigration(policy.quiescence(), deadlineNs, policy.quiescencePollNs(),
            (instance, outcome) -> manager.at(manager.now(), guarded(() -> quiesced(outcome))));
    }

    // ---- phase 3: migration -------------------------------------------------------------------------------------

    private void quiesced(final QuiescenceOutcome outcome)
    {
        if (outcome != QuiescenceOutcome.READY)
        {
            abort(Refusal.QUIESCENCE_TIMEOUT, "the old instance was not " + policy.quiescence() + " within "
                + policy.quiescenceDeadlineNs() + " ns");
            return;
        }
        holdGlobal(true);
        handOver = new StateHandOver(manager, record.name(), policy, context, oldInstance, newInstance, channel(),
            this::guarded);
        handOver.start(new StateHandOver.Outcome()
        {
            @Override
            public void handedOver(final StateSnapshot original)
            {
                gates(original);
            }

            @Override
            public void refused(final Refusal refusal, final String detail)
            {
                abort(refusal, detail);
            }
        });
    }

    /** The new instance holds the state: the phase-2 gates test it against the old one on the same tables. */
    private void gates(final StateSnapshot original)
    {
        new PhaseTwoGates(manager, policy, oldInstance, newInstance, manager.random().split(), this::guarded, report)
            .run(new PhaseTwoGates.Verdict()
            {
                @Override
                public void passed()
                {
                    step(costs.capabilityOpNs(), () -> pointOfNoReturn(original));
                }

                @Override
                public void refused(final Refusal refusal, final String detail)
                {
                    abort(refusal, detail);
                }
            });
    }

    /** Every check passed: the connections are planned, and from here a failure is a rollback. */
    private void pointOfNoReturn(final StateSnapshot original)
    {
        plan = ConnectionPlan.of(original, kernel.dispatcher().connections(oldInstance.serviceId()),
            oldInstance.endpointId());
        moves = new ConnectionMoves(manager, new MoveSteps(), plan, report, policy, oldInstance, newInstance,
            transfer);
        report.connectionsTotal(plan.size());
        stages = policy.strategy().stages(oldInstance.endpointId(), newInstance.endpointId(), policy);
        pastPointOfNoReturn = true;
        rollbackPoints = new RollbackPointKeeper(manager, record.name(), policy, oldInstance, newInstance,
            this::guarded, new KeeperSteps());
        manager.journal(JournalEntry.of(JournalEntry.Kind.POINT_OF_NO_RETURN, "service", record.name()));
        lastMoveNs = manager.now();
        trace("mm.point-of-no-return", "connections=" + plan.size() + " stages=" + stages.size());
        kernel.audit().record("mm.point-of-no-return", manager.sandboxId(), "service=" + record.name()
            + " to=" + report.toVersion());
        switchEndpoint(() ->
        {
            nextStage();
            holdGlobal(false);
        });
    }

    private void nextStage()
    {
        if (nextStrategy != null)
        {
            adoptNextStrategy();
        }
        if (stageIndex == stages.size())
        {
            beginValidation();
            return;
        }
        final Stage stage = stages.get(stageIndex++);
        final int ruled = kernel.dispatcher().rule(manager.sandboxId(), record.dispatchHandle(),
            oldInstance.serviceId(), stage.newConnections());
        if (ruled != Dispatcher.OK)
        {
            rollBack("Core-0 refused the dispatch rule: code=" + ruled);
            return;
        }
        stageStartRequestsOld = oldInstance.metrics().requests();
        stageStartRequestsNew = newInstance.metrics().requests();
        final List<Integer> selected = plan.select(stage);
        waveSelected = selected;
        stageMovesLeft = selected.size();
        movesSinceCheck = 0;
        trace("mm.stage", "name=" + stage.name() + " connections=" + selected.size());
        if (stage.healthCheckIntervalNs() > 0)
        {
            scheduleHealthCheck(stage, generation);
        }
        if (selected.isEmpty())
        {
            manager.at(manager.now(), guarded(this::stageDone));
            return;
        }
        pace(selected, index -> move(index, 0));
    }

    /** Begins the first moves of {@code indexes}, as many as may be under way at once; each that settles begins one. */
    private void pace(final List<Integer> indexes, final IntConsumer move)
    {
        paced = indexes;
        pacedNext = 0;
        pacedMove = move;
        int begun = 0;
        while (begun < policy.migrationsInFlightMax() && beginNextMove())
        {
            begun++;
        }
    }

    /**
     * Schedules the next paced connection move at the rate limit, unless every one has begun. Called for each of
     * the window's first moves and then once per settled move, so at most {@code migrationsInFlightMax} are under
     * way: an instance slower than the rate gets moves as fast as it settles them, none piles up behind it, and a
     * million connections are never a million scheduled events.
     */
    private boolean beginNextMove()
    {
        if (pacedNext == paced.size())
        {
            return false;
        }
        final int index = paced.get(pacedNext++);
        final IntConsumer move = pacedMove;
        final long dueNs = Math.max(manager.now(), lastMoveNs + policy.migrationIntervalNs());
        lastMoveNs = dueNs;
        manager.at(dueNs, guarded(() -> step(costs.migrationConnectionNs(), () -> move.accept(index))));
        return true;
    }

    /** Freezes the connection in the dispatch table; once nothing of it is in flight, it moves. */
    private void move(final int index, final int attempt)
    {
        final long clientId = plan.clientId(index);
        final long frozenAtNs = manager.now();
        movesInFlight++;
        if (clientId == 0)
        {
            transfer(index, attempt, frozenAtNs);
            return;
        }
        final Runnable transfer = guardedMove(() -> transfer(index, attempt, frozenAtNs));
        final int frozen = kernel.dispatcher().freeze(manager.sandboxId(), record.dispatchHandle(),
            oldInstance.serviceId(), clientId, (service, id) ->
            {
                if (manager.isAlive())
                {
                    transfer.run();
                }
            });
        if (frozen < 0)
        {
            plan.gone(index);
            report.lost(1);
            trace("mm.connection.gone", "connection=" + Long.toHexString(clientId) + " code=" + frozen);
            settled();
        }
    }

    /** A move settled (moved, kept, failed or lost): the stage goes on, or a rollback waiting for it begins. */
    private void settled()
    {
        movesInFlight--;
        if (rollingBack)
        {
            rollbackIfMovesSettled();
        }
        else
        {
            moved();
        }
    }

    /** The rollback waiting for the moves under way begins once the last one settled. */
    private void rollbackIfMovesSettled()
    {
        if (movesInFlight == 0 && afterMovesSettle != null)
        {
            final Runnable next = afterMovesSettle;
            afterMovesSettle = null;
            next.run();
        }
    }

    /** {@code next}, to be run only if the moves under way were not dropped (an emergency) since it was scheduled. */
    private Runnable guardedMove(final Runnable next)
    {
        final int expected = moveGeneration;
        return () ->
        {
            if (expected == moveGeneration && !ended)
            {
                next.run();
            }
        };
    }

    /** The connection is frozen with nothing in flight: {@link ConnectionMoves} carries and checks it. */
    private void transfer(final int index, final int attempt, final long frozenAtNs)
    {
        moves.move(index, attempt, frozenAtNs);
    }

    /** What a connection's move borrows from the update. */
    private final class MoveSteps implements ConnectionMoves.Steps
    {
        @Override
        public Runnable guarded(final Runnable next)
        {
            return guardedMove(next);
        }

        @Override
        public long moveDoneNs()
        {
            return RollingUpdate.this.moveDoneNs();
        }

        @Override
        public void assign(final int index, final ServiceInstance owner)
        {
            RollingUpdate.this.assign(index, owner);
        }

        @Override
        public void retry(final int index, final int attempt)
        {
            // The connection is the old instance's again until its next try, which a rollback cancels.
            movesInFlight--;
            if (rollingBack)
            {
                rollbackIfMovesSettled();
                return;
            }
            manager.at(manager.now() + policy.migrationIntervalNs(), RollingUpdate.this.guarded(
                () -> move(index, attempt)));
        }

        @Override
        public void settled()
        {
            RollingUpdate.this.settled();
        }

        @Override
        public void trace(final String kind, final String detail)
        {
            RollingUpdate.this.trace(kind, detail);
        }
    }

    private void assign(final int index, final ServiceInstance owner)
    {
        final long clientId = plan.clientId(index);
        if (clientId != 0 && owner == oldInstance && !oldInstance.isAlive())
        {
            // A move that failed after the old instance crashed: nothing may own it there, its client reconnects.
            kernel.dispatcher().close(oldInstance.serviceId(), clientId);
        }
        else if (clientId != 0)
        {
            kernel.dispatcher().assign(manager.sandboxId(), record.dispatchHandle(), oldInstance.serviceId(), clientId,
                owner.endpointId(), plan.instanceId(index));
        }
    }

    private void moved()
    {
        final Stage stage = stages.get(stageIndex - 1);
        movesSinceCheck++;
        final boolean checkNow = stage.healthCheckIntervalNs() == Stage.AFTER_EACH_CONNECTION
            || (stage.healthCheckIntervalNs() == Stage.AFTER_EACH_BATCH && movesSinceCheck >= policy.batchSize());
        if (checkNow)
        {
            movesSinceCheck = 0;
            if (!healthy())
            {
                return;
            }
        }
        beginNextMove();
        if (--stageMovesLeft == 0)
        {
            stageDone();
        }
    }

    private void stageDone()
    {
        final Stage stage = stages.get(stageIndex - 1);
        if (!healthy())
        {
            return;
        }
        final long oldServed = oldInstance.metrics().requests() - stageStartRequestsOld;
        final long newServed = newInstance.metrics().requests() - stageStartRequestsNew;
        final double trafficNew = oldServed + newServed == 0 ? 0 : (double)newServed / (oldServed + newServed);
        final double fraction = plan.size() == 0 ? 1 : (double)report.migrated() / plan.size();
        report.wave(new UpdateReport.Wave(stage.name(), report.migrated(), fraction, manager.now(), trafficNew));
        trace("mm.wave", "name=" + stage.name() + " migrated=" + report.migrated() + " fraction="
            + Math.round(fraction * 1000) / 1000.0 + " trafficNew=" + Math.round(trafficNew * 1000) / 1000.0);
        if (stage.waitsForApproval() || pauseRequested)
        {
            paused = true;
            trace("mm.paused", "stage=" + stage.name() + " waiting=" + (frozen ? "freeze" : pauseRequested
                ? "pause" : "approval"));
            return;
        }
        nextStage();
    }

    private void scheduleHealthCheck(final Stage stage, final int expected)
    {
        manager.at(manager.now() + stage.healthCheckIntervalNs(), () ->
        {
            if (expected == generation && !ended && stages.get(stageIndex - 1) == stage && stageMovesLeft > 0
                && healthy())
            {
                scheduleHealthCheck(stage, expected);
            }
        });
    }

    /** Probes the new instance; an unhealthy one rolls the update back. */
    private boolean healthy()
    {
        final int probed = newInstance.probe(health);
        if (probed == Status.OK && health.health() != Health.UNHEALTHY)
        {
            return true;
        }
        rollBack("health check failed: " + (newInstance.isAlive() ? health.health().toString()
            : "the new instance died (" + newInstance.terminationReason() + ")"));
        return false;
    }

    /** The registry's default becomes the new instance: the next call through the service reaches it. */
    private void switchEndpoint(final Runnable then)
    {
        final long requestedAtNs = manager.now();
        step(costs.capabilityOpNs(), () ->
        {
            final int previous = kernel.registry().switchDefault(record.name(), ServiceHost.INTERFACE,
                newInstance.version());
            if (previous < 0)
            {
                rollBack("Core-0 refused the endpoint switch: code=" + previous);
                return;
            }
            switched = true;
            report.switchover(manager.now() - requestedAtNs);
            manager.replaced(record, newInstance, toStem);
            trace("mm.switch", "to=" + newInstance.version() + " endpoint=" + newInstance.endpointId()
                + " switchoverNs=" + report.switchoverNs());
            then.run();
        });
    }

    private void beginValidation()
    {
        newLatencyAtSwitch = newInstance.metrics().latency().copy();
        figuresAtMigrationEnd();
        endPhase();
        beginPhase("validation");
        closeChannel("migration_done");
        step(costs.capabilityOpNs(), this::validate);
    }

    // ---- phase 4: validation and cleanup ------------------------------------------------------------------------

    private void validate()
    {
        final ServiceConnections table = kernel.dispatcher().connections(oldInstance.serviceId());
        final int leftOnOld = table == null ? 0 : table.ownedBy(oldInstance.endpointId());
        if (leftOnOld > 0)
        {
            report.rebuilt(leftOnOld);
            trace("mm.rebuild", "connections=" + leftOnOld + " left on the old instance reconnect to the new one");
        }
        if (!healthy())
        {
            return;
        }
        final long errorsAtStart = newInstance.metrics().errors();
        final long requestsAtStart = newInstance.metrics().requests();
        rollbackPoints.start();
        manager.at(manager.now() + policy.stabilityPeriodNs(), guarded(() -> stable(requestsAtStart, errorsAtStart)));
    }

    private void stable(final long requestsAtStart, final long errorsAtStart)
    {
        final long requests = newInstance.metrics().requests() - requestsAtStart;
        final long errors = newInstance.metrics().errors() - errorsAtStart;
        final double errorRate = requests == 0 ? 0 : (double)errors / requests;
        trace("mm.stability", "requests=" + requests + " errors=" + errors);
        if (errorRate > policy.stabilityErrorRateMax() || !healthy())
        {
            if (!ended)
            {
                rollBack("error rate " + errorRate + " over the stability period");
            }
            return;
        }
        if (batch != null)
        {
            // Not permanent yet: the batch commits every member in one record once each is as far as this one.
            trace("mm.commit.held", "batch=" + batch.name());
            batch.readyToCommit(this);
            return;
        }
        committing = true;
        oldInstance.completeMigration();
        newInstance.completeMigration();
        // Write-ahead: the new version is made permanent in the journal before the old instance is reclaimed, so
        // a restarted Module Manager never finds the journal naming an instance that is gone.
        manager.journal(JournalEntry.of(JournalEntry.Kind.COMMITTED, "service", record.name(), "stem",
            record.currentStem(), "sandbox", Integer.toString(newInstance.sandboxId())), guarded(this::reclaimOld));
    }

    /** Commits this update with the batch's other members, which decides when: see {@link #committed()}. */
    void commitWith(final Batch members)
    {
        batch = members;
    }

    /** The batch's commit record is durable: this member's new version is permanent, and the old one goes. */
    void committed()
    {
        guarded(() ->
        {
            committing = true;
            oldInstance.completeMigration();
            newInstance.completeMigration();
            reclaimOld();
        }).run();
    }

    /** The update is committed: the old instance is drained, shut down and reclaimed, and the report closed. */
    private void reclaimOld()
    {
        // The connections still with the old instance (counted rebuilt at validation) leave Core-0's table, so
        // that their clients learn it and reconnect, to the new instance, whose reservations the commit let go:
        // left there, they would fail every request for good once the old instance is gone.
        final int oldEndpoint = oldInstance.endpointId();
        ConnectionDrop.close(kernel, record, manager.sandboxId(), oldInstance.serviceId(),
            ConnectionDrop.ownedBy(kernel, oldInstance.serviceId(), owner -> owner == oldEndpoint));
        final long graceEndNs = manager.now() + policy.oldShutdownGraceNs();
        drainThenShutDown(oldInstance, graceEndNs, bytes ->
        {
            report.memoryReleased(bytes);
            final InstanceMetrics after = newInstance.metrics();
            report.latency(report.latencyBefore(), report.latencyDuring(), latency(subtract(after.latency(),
                newLatencyAtSwitch)));
            manager.accept(bundle.manifest());
            final ServiceRecord.RollbackPoint previous = record.rollbackPoint();
            if (previous != null)
            {
                manager.deleteSnapshot(previous.snapshot());
            }
            persisted = rollbackPoints.persist(handOver.snapshotName());
            record.rollbackPoint(new ServiceRecord.RollbackPoint(oldStem, manager.now(), report, persisted));
            trace("mm.rollback-point", "previous=" + oldStem + " windowNs=" + policy.rollbackWindowNs()
                + " retentionNs=" + policy.retentionNs());
            finish(UpdateOutcome.COMPLETED, null, "");
        });
    }

    /**
     * Waits until nothing is queued at the instance's endpoint or the grace period ends, then shuts it down
     * (gracefully, or killed if it will not), and reports the memory its sandbox held.
     */
    private void drainThenShutDown(final ServiceInstance instance, final long graceEndNs, final Consumer<Long> released)
    {
        final Endpoint endpoint = kernel.endpoints().get(instance.endpointId());
        final boolean drained = endpoint == null || endpoint.pendingCount() == 0;
        if (!drained && manager.now() < graceEndNs)
        {
            manager.at(manager.now() + 100 * Simulation.MILLIS, guarded(
                () -> drainThenShutDown(instance, graceEndNs, released)));
            return;
        }
        final long bytes = instance.metrics().memoryBytes();
        if (instance.shutdown() != Status.OK && instance.isAlive())
        {
            kernel.sandboxes().kill(instance.sandboxId(), "shutdown grace period over");
        }
        trace("mm.reclaim", "sandbox=" + instance.sandboxId() + " memoryBytes=" + bytes + " drained=" + drained);
        step(costs.capabilityOpNs(), () -> released.accept(bytes));
    }

    // ---- endings --------------------------------------------------------------------------------------------------

    private void refuse(final Refusal refusal, final String detail)
    {
        endPhase();
        finish(UpdateOutcome.REFUSED, refusal, detail);
    }

    /** Before the point of no return: the new instance goes, the old one goes on as if nothing had begun. */
    private void abort(final Refusal refusal, final String detail)
    {
        if (oldInstance.isAlive())
        {
            oldInstance.abortMigration();
        }
        holdGlobal(false);
        newInstanceLetGo = true;
        if (newInstance != null && newInstance.isAlive())
        {
            newInstance.abortMigration();
            newInstance.shutdown();
        }
        endPhase();
        finish(UpdateOutcome.ABORTED, refusal, detail);
    }

    private void finish(final UpdateOutcome outcome, final Refusal refusal, final String detail)
    {
        if (ended)
        {
            return;
        }
        ended = true;
        generation++;
        // The phase the update ends in is part of its timeline too: validation (the stability period) when it
        // completes, the rollback or recovery it ends with otherwise.
        endPhase();
        if (handOver != null && handOver.snapshotName() != null && !handOver.snapshotName().equals(persisted))
        {
            // HIC 4.2 and 5.3: the snapshot kept for this update's rollback is released with the update.
            manager.snapshots().delete(manager.sandboxId(), manager.storeHandle(), handOver.snapshotName(),
                (id, result) -> { });
        }
        if (rollbackPoints != null)
        {
            rollbackPoints.release();
        }
        if (newLatencyAtSwitch == null)
        {
            figuresAtMigrationEnd();
        }
        closeChannel("update_" + outcome.key());
        report.end(outcome, refusal, detail, manager.now());
        if (outcome == UpdateOutcome.ROLLED_BACK)
        {
            // The old version restarted from the rollback point is validated when the old instance had crashed.
            PostRollback.run(manager, record.name(), oldInstance.isAlive() ? oldInstance : record.current(),
                newInstance, report, report.startNs());
        }
        final ServiceInstance serving = record.current();
        manager.journal(JournalEntry.of(JournalEntry.Kind.UPDATE_END, "service", record.name(), "outcome",
            outcome.key(), "stem", record.currentStem(), "sandbox", Integer.toString(serving.sandboxId())), () -> { });
        trace("mm.update.end", "outcome=" + outcome.key() + (refusal == null ? "" : " refusal=" + refusal)
            + (detail.isEmpty() ? "" : " detail=" + detail.replace(' ', '_')) + " migrated=" + report.migrated()
            + " failed=" + report.failed() + " lost=" + report.lost());
        kernel.audit().record("mm.update.end", manager.sandboxId(), "service=" + record.name() + " outcome="
            + outcome.key() + (refusal == null ? "" : " refusal=" + refusal));
        onDone.accept(report);
    }

    /** The migration channel goes (its keys dropped); its figures stay in the report. */
    private void closeChannel(final String reason)
    {
        if (channel != null)
        {
            channel.close(reason);
            report.channel(channel.refusedCount(), channel.openedCount());
        }
    }

    /** Error rate and latency from the update's start to the end of its migration, on both instances. */
    private void figuresAtMigrationEnd()
    {
        final InstanceMetrics old = oldInstance.metrics();
        long requests = old.requests() - oldRequestsAtStart;
        long errors = old.errors() - oldErrorsAtStart;
        final Histogram during = subtract(old.latency(), oldLatencyAtStart);
        if (newInstance != null)
        {
            requests += newInstance.metrics().requests();
            errors += newInstance.metrics().errors();
            during.add(newInstance.metrics().latency());
        }
        report.traffic(requests, errors);
        report.latency(latency(oldLatencyAtStart), latency(during), report.latencyAfter());
    }

    private static Histogram subtract(final Histogram now, final Histogram then)
    {
        final Histogram difference = now.copy();
        difference.subtract(then);
        return difference;
    }

    private static UpdateReport.Latency latency(final Histogram histogram)
    {
        final long count = histogram.getTotalCount();
        return count == 0 ? new UpdateReport.Latency(0, 0, 0)
            : new UpdateReport.Latency(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), count);
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------------

    /** Charges the Module Manager's CPU, then runs {@code next}, unless the update moved on (rolled back, ended). */
    private void step(final long workNs, final Runnable next)
    {
        manager.after(workNs, guarded(next));
    }

    /** {@code next}, to be run only if nothing has changed the update's course since it was scheduled. */
    private Runnable guarded(final Runnable next)
    {
        final int expected = generation;
        return () ->
        {
            if (expected == generation && !ended)
            {
                next.run();
            }
        };
    }

    private void beginPhase(final String name)
    {
        phase = name;
        phaseStartNs = manager.now();
        trace("mm.phase", "name=" + name);
    }

    private void endPhase()
    {
        if (phase != null)
        {
            report.phase(phase, phaseStartNs, manager.now());
            phase = null;
        }
    }

    /**
     * Holds the service's global work (requests that name no connection or open one) while its global state
     * moves, from the consistency point until the new instance has it, or lets it go.
     */
    private void holdGlobal(final boolean hold)
    {
        kernel.dispatcher().holdGlobal(manager.sandboxId(), record.dispatchHandle(), oldInstance.serviceId(), hold);
    }

    private long freeBytes()
    {
        return (long)kernel.memory().freeFrames() * PhysicalMemory.FRAME_SIZE;
    }

    /**
     * When a connection's move is over (HIC 3.3, step 3.3.2): once both instances' work on it is done, Core-0's
     * transfer of its buffer capability, and the two messages of the move, its final state to the receiver and
     * the receiver's confirmation back. Its requests are held until then.
     */
    private long moveDoneNs()
    {
        return Math.max(manager.now(), Math.max(busyUntil(oldInstance), busyUntil(newInstance)))
            + costs.capabilityOpNs() + 2 * costs.ipcLatencyNs();
    }

    private long busyUntil(final ServiceInstance instance)
    {
        final CpuQuota quota = kernel.cpu().quota(instance.sandboxId());
        return quota == null ? 0 : quota.busyUntilNs();
    }

    private void trace(final String kind, final String detail)
    {
        kernel.simulation().trace().record(kind, "service=" + record.name() + " " + detail);
    }

    /**
     * Steps 5.2 and 5.3 of section 4.3: the service's global work held, the endpoint switched back and new
     * connections sent to the old instance at once; every migrated connection back to the old instance, critical
     * ones first (persistent, high, medium, then low and idle), each frozen, handed back by the new instance's
     * {@code migrate_connection} into the old one (which kept its place), and given back to the old instance; both
     * instances told the migration is cancelled, so the old one owns its global state again (as it was at the
     * consistency point: global changes the new instance took during the update are not carried back), and the
     * held work let go to it; the new one drained for at most its grace period and shut down. Connections opened
     * on the new instance during the update have no place in the old one: they are closed in Core-0's table and
     * counted as rebuilt (their clients, answered "unknown connection", reconnect to the old one).
     */
    private final class Rollback
    {
        private final String reason;
        /** The wave a partial rollback sends back, or null for all of it. */
        private final List<Integer> wave;
        private int left;

        Rollback(final String reason, final List<Integer> wave)
        {
            this.reason = reason;
            this.wave = wave;
        }

        /** Step 5.2.1: the new instance's export is checked before anything goes back ({@link RollbackPointKeeper}). */
        void start()
        {
            if (rollbackPoints == null)
            {
                begin();
                return;
            }
            rollbackPoints.check(sound -> begin());
        }

        private void begin()
        {
            if (wave != null)
            {
                moveBack();
                return;
            }
            holdGlobal(true);
            kernel.dispatcher().rule(manager.sandboxId(), record.dispatchHandle(), oldInstance.serviceId(),
                NewConnectionRule.all(oldInstance.endpointId()));
            switchBack(this::moveBack);
        }

        private void moveBack()
        {
            final List<Integer> back = plan == null ? List.of() : plan.movedCriticalFirst();
            if (wave != null)
            {
                back.retainAll(wave);
            }
            left = back.size();
            if (left == 0)
            {
                done();
                return;
            }
            pace(back, this::freezeBack);
        }

        private void freezeBack(final int index)
        {
            final long clientId = plan.clientId(index);
            if (clientId == 0)
            {
                handBack(index);
                return;
            }
            final int expected = generation;
            final int frozen = kernel.dispatcher().freeze(manager.sandboxId(), record.dispatchHandle(),
                oldInstance.serviceId(), clientId, (service, id) ->
                {
                    if (expected == generation && manager.isAlive())
                    {
                        handBack(index);
                    }
                });
            if (frozen < 0 && frozen != Dispatcher.NOT_ACTIVE)
            {
                report.lost(1);
                report.migratedBack();
                plan.gone(index);
                oneBack();
            }
        }

        /**
         * The new instance's {@code migrate_connection} back into the old one, over the migration channel (the new
         * instance seals, the old opens); a parcel that did not cross comes back to the new instance and is sent
         * again, up to the policy's retries.
         */
        private void handBack(final int index)
        {
            handBack(index, 0);
        }

        private void handBack(final int index, final int attempt)
        {
            channel();
            // Guarded from now: an emergency rollback that begins while the connection crosses drops it.
            final int expected = generation;
            transfer.transfer(newInstance, oldInstance, plan.instanceId(index), (outcome, parcel, why) ->
                manager.at(moveDoneNs(), () ->
                {
                    if (expected != generation || ended)
                    {
                        return;
                    }
                    if (outcome == ConnectionTransfer.Outcome.MOVED)
                    {
                        assign(index, oldInstance);
                        report.migratedBack();
                        plan.back(index);
                        oneBack();
                    }
                    else if (outcome != ConnectionTransfer.Outcome.LOST && attempt < policy.connectionRetries())
                    {
                        report.retriedOne();
                        trace("mm.connection.retry", "connection=" + Long.toHexString(plan.instanceId(index))
                            + " reason=" + why + " attempt=" + (attempt + 1) + " direction=back");
                        manager.at(manager.now() + policy.migrationIntervalNs(), guarded(
                            () -> handBack(index, attempt + 1)));
                    }
                    else
                    {
                        assign(index, newInstance);
                        report.lost(1);
                        trace("mm.connection.lost", "connection=" + Long.toHexString(plan.instanceId(index))
                            + " reason=" + why);
                        oneBack();
                    }
                }));
        }

        private void oneBack()
        {
            if (--left == 0)
            {
                done();
                return;
            }
            beginNextMove();
        }

        private void done()
        {
            if (wave != null)
            {
                partialDone();
                return;
            }
            final ServiceConnections table = kernel.dispatcher().connections(oldInstance.serviceId());
            final int openedOnNew = table == null || newInstance == null ? 0 : table.ownedBy(newInstance.endpointId());
            if (openedOnNew > 0)
            {
                report.rebuilt(openedOnNew);
                trace("mm.rebuild", "connections=" + openedOnNew + " opened on the new instance reconnect to the old");
                // The new instance is going away: left in the table, they would fail every request for good.
                final int newEndpoint = newInstance.endpointId();
                ConnectionDrop.close(kernel, record, manager.sandboxId(), oldInstance.serviceId(),
                    ConnectionDrop.ownedBy(kernel, oldInstance.serviceId(), owner -> owner == newEndpoint));
            }
            oldInstance.abortMigration();
            newInstance.abortMigration();
            holdGlobal(false);
            newInstanceLetGo = true;
            drainThenShutDown(newInstance, manager.now() + policy.newShutdownGraceNs(), bytes ->
            {
                report.memoryReleased(bytes);
                endPhase();
                finish(UpdateOutcome.ROLLED_BACK, null, reason);
            });
        }
    }
}
