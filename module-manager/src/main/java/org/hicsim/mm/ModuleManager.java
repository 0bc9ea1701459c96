package org.hicsim.mm;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.cap.Capability;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.cpu.CpuQuota;
import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxManager;
import org.hicsim.core0.store.PersistentStore;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.wire.ModuleManagerWire;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.hicmod.pki.VerifiedBundle;
import org.hicsim.host.Grants;
import org.hicsim.host.ModuleRefusedException;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.mm.channel.ChannelConfig;
import org.hicsim.mm.channel.MigrationChannels;
import org.hicsim.mm.journal.Journal;
import org.hicsim.mm.journal.JournalOpenListener;
import org.hicsim.mm.journal.JournalRecord;
import org.hicsim.mm.journal.JournalScan;
import org.hicsim.mm.snapshot.SnapshotStore;

/**
 * The Module Manager: a Privileged-1 service with a sandbox of its own (its identity, its CPU quota, under which
 * all its work takes virtual time, its endpoint and its capabilities). It installs services from the trusted
 * repository, and updates them live, one update per service at a time, with {@link RollingUpdate}; it rolls an
 * update back on request, approves or cancels a paused one, and answers what it knows of each.
 * <p>
 * Requests come from a caller sandbox holding a CALL capability for the {@code module-manager} service (the
 * "update capability"); a caller without it is refused, and the refusal is audited. Every privileged act it makes
 * on connections goes through Core-0's checks of its own capabilities: it holds a {@code DISPATCH_TABLE}
 * capability for each service it installed.
 * <p>
 * Single-threaded, on the simulation's thread, like everything in a run.
 */
public final class ModuleManager
{
    public static final String SERVICE = "module-manager";
    /**
     * The rollback right: {@link Rights#WRITE} on a CALL capability for the Module Manager's endpoint. Without
     * it a holder may ask for updates and status, never for a rollback (of any kind), a pause, a freeze or a fast
     * undo. Core-0 checks the CALL right on the way; the Module Manager checks this one.
     */
    public static final int ROLLBACK_RIGHT = Rights.WRITE;
    public static final long MEMORY_BYTES = 4L * 1024 * 1024;
    public static final int CPU_QUOTA_PERCENT = 50;
    public static final int ENDPOINT_CAPACITY = 16 * 1024;
    /** The journal's file on the persistent store: all a restarted Module Manager is built from. */
    public static final String JOURNAL_FILE = "module-manager.journal";
    /** Signatures a catalogue bundle's check verifies: the signer's, the intermediate's and the root's. */
    static final int CHAIN_SIGNATURES = 3;
    /** A migration channel's records carry at most 64 KiB (larger state goes as several), its two rings 1 MiB each. */
    static final ChannelConfig CHANNEL_CONFIG = new ChannelConfig(64 * 1024);

    private final Kernel kernel;
    private final ServiceHost host;
    private final BundleRepository repository;
    private final BundleVerifier verifier;
    private final int sandboxId;
    private final Sandbox sandbox;
    private final int serviceId;
    private final TreeMap<String, ServiceRecord> services = new TreeMap<>();
    private final TreeMap<String, RollingUpdate> inProgress = new TreeMap<>();
    /** Rollbacks asked for while an update committed, by service: each undoes it from its rollback point once done. */
    private final TreeMap<String, UpdateReport.Rollback> rollbacksAfterCommit = new TreeMap<>();
    /** Services whose old version is being restarted from the rollback point ({@link RollbackPointRestore}). */
    private final TreeSet<String> restoring = new TreeSet<>();
    /** The services a batch in progress holds, its members not started yet included. */
    private final TreeMap<String, Batch> batches = new TreeMap<>();
    private int batchCount;
    /** Booted with the system, not restarted by the boot supervisor: no instance of a previous life runs. */
    private final boolean coldBoot;
    private final List<UpdateReport> reports = new ArrayList<>();
    private final TreeMap<String, SemanticVersion> acceptedVersions = new TreeMap<>();
    /** Bundles marked problematic, by digest (hex), with why: not installed again unless a policy overrides it. */
    private final TreeMap<String, String> problematic = new TreeMap<>();
    private final ConfigurationHistory configurations = new ConfigurationHistory();
    /** The journal's field prefix of a configuration's values: {@code value.fault.error_rate=0.06}. */
    private static final String VALUE_FIELD = "value.";
    private final SnapshotStore snapshots;
    private final long storeHandle;
    private int snapshotCount;
    private final List<X509Certificate> trustRoots;
    private final List<Map.Entry<JournalEntry, Runnable>> unwritten = new ArrayList<>();
    private Journal journal;
    private Consumer<ModuleManager> onRestart = restarted -> { };
    private final InstanceProbes probes;
    private SplittableRandom random;
    private MigrationChannels channels;

    private ModuleManager(
        final Kernel kernel, final ServiceHost host, final BundleRepository repository,
        final List<X509Certificate> trustRoots, final boolean coldBoot)
    {
        this.kernel = kernel;
        this.coldBoot = coldBoot;
        this.host = host;
        this.repository = repository;
        this.verifier = new BundleVerifier(trustRoots);
        sandboxId = kernel.sandboxes().create(SandboxSpec.privileged(SERVICE, MEMORY_BYTES, CPU_QUOTA_PERCENT));
        if (sandboxId < 0)
        {
            throw new IllegalStateException("Core-0 refused the Module Manager's sandbox: code=" + sandboxId);
        }
        kernel.sandboxes().start(sandboxId);
        sandbox = kernel.sandboxes().get(sandboxId);
        storeHandle = kernel.capabilities().issue(CapabilitySystem.CORE0, sandboxId, ObjectKind.PERSISTENT_STORE,
            PersistentStore.DEVICE_ID, Rights.READ | Rights.WRITE, 0);
        snapshots = new SnapshotStore(kernel);
        probes = new InstanceProbes(kernel, sandboxId);
        this.trustRoots = trustRoots;
        final int endpoint = kernel.endpoints().create(SERVICE, sandboxId, EndpointType.GENERIC, ENDPOINT_CAPACITY,
            kernel.costs().ipcLatencyNs());
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        kernel.serve(endpoint, this::serve);
        serviceId = kernel.registry().register(ServiceName.of(SERVICE, new SemanticVersion(1, 0, 0),
            ServiceHost.INTERFACE), endpoint);
        kernel.simulation().trace().record("mm.boot", "sandbox=" + sandboxId + " uuid="
            + kernel.sandboxes().get(sandboxId).uuid() + " service=" + serviceId);
        final long opening = Journal.open(kernel, sandboxId, storeHandle, JOURNAL_FILE, new JournalOpenListener()
        {
            @Override
            public void onOpened(final Journal opened, final JournalScan recovered)
            {
                journal = opened;
                recover(recovered);
                unwritten.forEach(pending -> journal(pending.getKey(), pending.getValue()));
                unwritten.clear();
            }

            @Override
            public void onFailed(final long code)
            {
                kernel.simulation().trace().record("mm.journal.failed", "code=" + code);
            }
        });
        if (opening < 0)
        {
            throw new IllegalStateException("Core-0 refused the Module Manager's journal: code=" + opening);
        }
        kernel.sandboxes().addListener((terminated, name, reason) -> instanceTerminated(terminated, reason));
        kernel.supervisor().supervise(SERVICE, sandboxId, attempt ->
        {
            final ModuleManager restarted = new ModuleManager(kernel, host, repository, trustRoots, false);
            restarted.onRestart = onRestart;
            onRestart.accept(restarted);
            return restarted.sandboxId;
        });
    }

    /**
     * Starts the Module Manager in a sandbox of its own, as the system boots. If the persistent store holds a
     * journal (the system was restarted: see {@code PersistentStore.moveInto}), it installs again what the
     * journal says is permanent: each service's last installed or committed version (Erlang/OTP's
     * make_permanent). An update that had not committed when the system went down is gone with it: its service
     * boots the version it was updating from.
     *
     * @param trustRoots what bundles must chain to.
     */
    public static ModuleManager boot(
        final Kernel kernel, final ServiceHost host, final BundleRepository repository,
        final List<X509Certificate> trustRoots)
    {
        return new ModuleManager(Objects.requireNonNull(kernel, "kernel"), Objects.requireNonNull(host, "host"),
            Objects.requireNonNull(repository, "repository"), List.copyOf(trustRoots), true);
    }

    /**
     * Who to tell when Core-0's boot supervisor restarts the Module Manager after its sandbox was killed: the
     * restarted one, built from the persistent store alone, answers requests from then on.
     */
    public void onRestart(final Consumer<ModuleManager> listener)
    {
        onRestart = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Gives a sandbox the operator's capability: requests of every kind, updates and rollbacks (a CALL capability
     * for the Module Manager's endpoint that carries the rollback right too, {@link #ROLLBACK_RIGHT}).
     *
     * @return the handle in that sandbox's space.
     */
    public long grantUpdateCapability(final int holderSandboxId)
    {
        return kernel.capabilities().issue(CapabilitySystem.CORE0, holderSandboxId, ObjectKind.SERVICE_ENDPOINT,
            serviceId, Rights.CALL | ROLLBACK_RIGHT, 0);
    }

    /**
     * Gives a sandbox the capability to ask for updates, approvals and status but no rollback of any kind: a
     * CALL capability without {@link #ROLLBACK_RIGHT}.
     *
     * @return the handle in that sandbox's space.
     */
    public long grantCallCapability(final int holderSandboxId)
    {
        return kernel.capabilities().issue(CapabilitySystem.CORE0, holderSandboxId, ObjectKind.SERVICE_ENDPOINT,
            serviceId, Rights.CALL, 0);
    }

    /**
     * Gives a sandbox (the Monitor's) the rollback capability: a CALL capability for the Module Manager's endpoint
     * with {@link #ROLLBACK_RIGHT}, which every rollback kind, pause, freeze and fast undo needs.
     *
     * @return the handle in that sandbox's space.
     */
    public long grantRollbackCapability(final int holderSandboxId)
    {
        return grantUpdateCapability(holderSandboxId);
    }

    /**
     * Installs a service from the repository at boot as its manifest says.
     *
     * @see #install(String, InstallOptions)
     */
    public ServiceInstance install(final String stem)
    {
        return install(stem, InstallOptions.DEFAULT);
    }

    /**
     * Installs a service from the repository at boot (no update: there is nothing to replace), verified at the
     * simulated clock and loaded by the host under {@code options} (its name, configuration and memory); the
     * Module Manager is given the service's dispatch capability. The options are journaled with the install, so
     * a restarted Module Manager and a restarted system rebuild the same service.
     *
     * @throws InstallException if the bundle is missing, malformed or rejected, the service's name is taken, or
     *                          Core-0 refused it.
     */
    public ServiceInstance install(final String stem, final InstallOptions options)
    {
        Objects.requireNonNull(options, "options");
        final VerifiedBundle bundle = fetchAndVerify(stem);
        final Manifest manifest = bundle.manifest();
        final String service = options.serviceFor(manifest);
        if (services.containsKey(service))
        {
            throw new InstallException(stem, service + " is installed already; update it instead");
        }
        final ServiceInstance instance = load(bundle, service, options, 0, Grants.none(), Configuration.EMPTY);
        if (!instance.isAlive())
        {
            throw new InstallException(stem, "it crashed on start: " + instance.terminationReason());
        }
        accept(manifest);
        final long dispatch = kernel.capabilities().issue(CapabilitySystem.CORE0, sandboxId,
            ObjectKind.DISPATCH_TABLE, instance.serviceId(), Rights.WRITE, 0);
        services.put(service, new ServiceRecord(service, stem, options, instance, dispatch));
        final TreeMap<String, String> fields = new TreeMap<>(options.journalFields());
        fields.put("service", service);
        fields.put("stem", stem);
        fields.put("sandbox", Integer.toString(instance.sandboxId()));
        journal(new JournalEntry(JournalEntry.Kind.INSTALLED, fields));
        kernel.simulation().trace().record("mm.install", "service=" + service + " version="
            + manifest.version() + " stem=" + stem + " sandbox=" + instance.sandboxId()
            + (options.equals(InstallOptions.DEFAULT) ? "" : " options=" + options.toString().replace(' ', '_')));
        return instance;
    }

    /**
     * Asks for a live update of {@code service} to the bundle {@code toStem} of the repository. It runs in
     * virtual time from now; {@code onDone} is told its report once it has completed, rolled back, been refused
     * or aborted (a refusal before it starts is told at once, from the event loop too).
     *
     * @return the update's report, filled in as it runs.
     */
    public UpdateReport update(
        final int callerSandboxId, final long updateHandle, final String service, final String toStem,
        final UpdatePolicy policy, final Consumer<UpdateReport> onDone)
    {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(onDone, "onDone");
        final Refusal unauthorized = authorize(callerSandboxId, updateHandle, "update", service);
        return startUpdate(callerSandboxId, unauthorized, service, toStem, policy, onDone);
    }

    private UpdateReport startUpdate(final int callerSandboxId, final Refusal unauthorized, final String service,
        final String toStem, final UpdatePolicy policy, final Consumer<UpdateReport> onDone)
    {
        final ServiceRecord record = services.get(service);
        // During an update the version it started from: its new instance may be the registry's default already.
        final String fromVersion = record == null ? "" : inProgress.containsKey(service)
            ? inProgress.get(service).oldInstance().version().toString() : record.current().version().toString();
        final UpdateReport report = new UpdateReport(service, fromVersion, toStem, "", now());
        final Refusal refused = unauthorized != null ? unauthorized : admit(service);
        if (refused != null)
        {
            return refuseNow(report, refused, refusalDetail(refused, service), onDone);
        }
        kernel.simulation().trace().record("mm.update.request", "service=" + service + " to=" + toStem
            + " caller=" + callerSandboxId + " strategy=" + policy.strategy());
        kernel.audit().record("mm.update.request", callerSandboxId, "service=" + service + " to=" + toStem);
        launch(record, toStem, policy, report, null, onDone);
        return report;
    }

    /** Runs an update admitted already: it is in progress until it ends, and reported. */
    private void launch(final ServiceRecord record, final String toStem, final UpdatePolicy policy,
        final UpdateReport report, final Batch batch, final Consumer<UpdateReport> onDone)
    {
        final String service = record.name();
        final RollingUpdate update = new RollingUpdate(this, record, toStem, policy, report, done ->
        {
            inProgress.remove(service);
            onDone.accept(done);
            final UpdateReport.Rollback deferred = rollbacksAfterCommit.remove(service);
            if (deferred != null && done.outcome() == UpdateOutcome.COMPLETED)
            {
                kernel.simulation().trace().record("mm.rollback.after-commit", "service=" + service);
                if (deferred.kind() == RollbackKind.EMERGENCY)
                {
                    restoreFromRollbackPoint(service, deferred.reason());
                }
                else
                {
                    rollbackCompleted(service, deferred.reason());
                }
            }
        });
        if (batch != null)
        {
            update.commitWith(batch);
        }
        inProgress.put(service, update);
        reports.add(report);
        update.start();
    }

    /**
     * Asks for a batch update: each member's service updated to its bundle, all or nothing (see {@link Batch}).
     * Every member's service must be installed, running and free of other updates and batches; while the batch
     * runs, each is BUSY to other requests. {@code onDone} is told the batch's report once it has completed, been
     * undone or been refused (a refusal before it starts is told at once, from the event loop too).
     *
     * @param members at least one, each service once; the batch orders them by their dependencies.
     * @return the batch's report, filled in as it runs.
     * @throws IllegalArgumentException if {@code members} is empty or names a service twice.
     */
    public BatchReport updateBatch(final int callerSandboxId, final long updateHandle, final List<BatchMember> members,
        final UpdatePolicy policy, final Consumer<BatchReport> onDone)
    {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(onDone, "onDone");
        final TreeMap<String, BatchMember> byService = new TreeMap<>();
        members.forEach(member -> byService.put(member.service(), member));
        if (members.isEmpty() || byService.size() != members.size())
        {
            throw new IllegalArgumentException("members=" + members + " must name at least one service, each once");
        }
        final Refusal unauthorized = authorize(callerSandboxId, updateHandle, "batch",
            String.join(",", byService.keySet()));
        return startBatch(callerSandboxId, unauthorized, members, policy, onDone);
    }

    private BatchReport startBatch(final int callerSandboxId, final Refusal unauthorized,
        final List<BatchMember> members, final UpdatePolicy policy, final Consumer<BatchReport> onDone)
    {
        final BatchReport report = new BatchReport("batch-" + ++batchCount, members, now());
        if (unauthorized != null)
        {
            return refuseBatch(report, "", unauthorized, "", onDone);
        }
        for (final BatchMember member : members)
        {
            final Refusal refused = admit(member.service());
            if (refused != null)
            {
                return refuseBatch(report, member.service(), refused, refusalDetail(refused, member.service()),
                    onDone);
            }
        }
        final BatchPlan plan = BatchPlan.of(this, members);
        if (plan.refusal() != null)
        {
            return refuseBatch(report, "", plan.refusal(), plan.detail(), onDone);
        }
        for (final BatchMember member : plan.ordered())
        {
            final Refusal refused = admit(member.service());
            if (refused != null)
            {
                return refuseBatch(report, member.service(), refused, "a dependency the batch needs updated: "
                    + refusalDetail(refused, member.service()), onDone);
            }
        }
        report.planned(plan.ordered());
        final Batch batch = new Batch(this, plan.ordered(), policy, report, onDone);
        plan.ordered().forEach(member -> batches.put(member.service(), batch));
        kernel.simulation().trace().record("mm.batch.request", "batch=" + report.name() + " members="
            + plan.ordered().toString().replace(" ", "") + " caller=" + callerSandboxId);
        kernel.audit().record("mm.batch.request", callerSandboxId, "batch=" + report.name() + " members="
            + plan.ordered().toString().replace(" ", ""));
        batch.start();
        return report;
    }

    private BatchReport refuseBatch(final BatchReport report, final String service, final Refusal refused,
        final String detail, final Consumer<BatchReport> onDone)
    {
        report.end(UpdateOutcome.REFUSED, service, refused, detail, now());
        kernel.simulation().trace().record("mm.batch.refused", "batch=" + report.name() + " reason=" + refused
            + (service.isEmpty() ? "" : " member=" + service) + (detail.isEmpty() ? "" : " detail="
            + detail.replace(' ', '_')));
        at(now(), () -> onDone.accept(report));
        return report;
    }

    /** A member of a batch starts its update; the batch holds its service already. */
    UpdateReport startBatchMember(final Batch batch, final BatchMember member, final UpdatePolicy policy,
        final Consumer<UpdateReport> onDone)
    {
        final ServiceRecord record = services.get(member.service());
        final UpdateReport report = new UpdateReport(member.service(), record.current().version().toString(),
            member.stem(), "", now());
        kernel.simulation().trace().record("mm.update.request", "service=" + member.service() + " to="
            + member.stem() + " batch=" + batch.name() + " strategy=" + policy.strategy());
        launch(record, member.stem(), policy, report, batch, onDone);
        return report;
    }

    /** The batch ended: its services are free for other requests. */
    void batchEnded(final Batch batch)
    {
        batch.members().forEach(member -> batches.remove(member.service(), batch));
    }

    /**
     * Rolls back the update of {@code service} in progress (connections back, critical first, endpoint back,
     * new instance shut down), or cancels it if it has not reached its point of no return.
     *
     * @return null if it started, or why not ({@link Refusal#UNAUTHORIZED}, {@link Refusal#UNKNOWN_SERVICE} when no
     * update of it is in progress).
     */
    public Refusal rollback(final int callerSandboxId, final long updateHandle, final String service,
        final String reason)
    {
        return rollback(callerSandboxId, updateHandle, service, RollbackKind.FULL, reason);
    }

    /**
     * Asks for a rollback action of any kind on {@code service} (see {@link RollbackKind} and
     * {@code docs/rollback-rules.md}). The caller needs the rollback capability (a CALL capability for the Module
     * Manager's endpoint with {@link #ROLLBACK_RIGHT}); every request and its decision, refused ones too, is in
     * the audit chain.
     *
     * @return null if it was taken, or why not.
     */
    public Refusal rollback(final int callerSandboxId, final long handle, final String service,
        final RollbackKind kind, final String reason)
    {
        Objects.requireNonNull(kind, "kind");
        final Refusal refused = authorizeRollback(callerSandboxId,
            kernel.capabilities().check(callerSandboxId, handle, ObjectKind.SERVICE_ENDPOINT,
                Rights.CALL | ROLLBACK_RIGHT) == serviceId, kind, service);
        return refused != null ? refused : startRollback(callerSandboxId, service, kind, reason);
    }

    /**
     * A fast undo ({@link FastUndo}) of the service's completed update {@code revisionsBack} updates back (1: the
     * last), or of the update in progress (a full rollback: it has no analysis to skip). Needs the rollback
     * capability, as {@link #rollback(int, long, String, RollbackKind, String)} does.
     *
     * @return null if it started, or why not ({@link Refusal#NO_ROLLBACK_POINT} outside the bounds).
     */
    public Refusal fastUndo(final int callerSandboxId, final long handle, final String service,
        final int revisionsBack, final String reason)
    {
        final Refusal refused = authorizeRollback(callerSandboxId,
            kernel.capabilities().check(callerSandboxId, handle, ObjectKind.SERVICE_ENDPOINT,
                Rights.CALL | ROLLBACK_RIGHT) == serviceId, RollbackKind.FAST_UNDO, service);
        if (refused != null)
        {
            return refused;
        }
        kernel.audit().record("mm.rollback.request", callerSandboxId, "service=" + service + " kind=fast_undo"
            + " revisionsBack=" + revisionsBack + " reason=" + reason.replace(' ', '_'));
        final RollingUpdate update = inProgress.get(service);
        final Refusal decided = update != null ? update.rollBack(reason) : fastUndo(service, revisionsBack, reason);
        kernel.audit().record("mm.rollback.decision", sandboxId, "service=" + service + " kind=fast_undo decision="
            + (decided == null ? "taken" : "refused refusal=" + decided));
        return decided;
    }

    /** The rollback right checked, the request audited; a refusal traced and audited too. */
    private Refusal authorizeRollback(final int callerSandboxId, final boolean holdsRight, final RollbackKind kind,
        final String service)
    {
        final String detail = "service=" + service + " kind=" + kind.key() + " caller=" + callerSandboxId;
        if (holdsRight)
        {
            return null;
        }
        kernel.simulation().trace().record("mm.refused", "op=rollback " + detail + " reason=no-rollback-right");
        kernel.audit().record("mm.rollback.refused", Math.max(callerSandboxId, CapabilitySystem.CORE0), detail
            + " reason=no-rollback-right");
        return Refusal.UNAUTHORIZED;
    }

    /** Whether the caller's space holds a live CALL capability for this endpoint with the rollback right. */
    private boolean holdsRollbackRight(final int callerSandboxId)
    {
        for (final Capability capability : kernel.capabilities().capabilities(callerSandboxId))
        {
            if (capability.kind() == ObjectKind.SERVICE_ENDPOINT && capability.objectId() == serviceId
                && (capability.rights() & (Rights.CALL | ROLLBACK_RIGHT)) == (Rights.CALL | ROLLBACK_RIGHT))
            {
                return true;
            }
        }
        return false;
    }

    private Refusal startRollback(final int callerSandboxId, final String service, final RollbackKind kind,
        final String reason)
    {
        kernel.audit().record("mm.rollback.request", callerSandboxId, "service=" + service + " kind=" + kind.key()
            + " reason=" + reason.replace(' ', '_'));
        final Refusal refused = decideRollback(service, kind, reason);
        kernel.audit().record("mm.rollback.decision", sandboxId, "service=" + service + " kind=" + kind.key()
            + " decision=" + (refused == null ? "taken" : "refused refusal=" + refused));
        return refused;
    }

    private Refusal decideRollback(final String service, final RollbackKind kind, final String reason)
    {
        final RollingUpdate update = inProgress.get(service);
        if (update != null && update.isCommitting() && (kind == RollbackKind.FULL || kind == RollbackKind.EMERGENCY))
        {
            // Its old instance is being reclaimed: the update completes, then its rollback point undoes it.
            rollbacksAfterCommit.put(service, new UpdateReport.Rollback(kind, reason, now()));
            kernel.simulation().trace().record("mm.rollback.deferred", "service=" + service + " kind=" + kind.key()
                + " until=completed");
            return null;
        }
        return switch (kind)
        {
            case FULL -> update != null ? update.rollBack(reason) : rollbackCompleted(service, reason);
            case EMERGENCY ->
            {
                if (update == null)
                {
                    yield restoreFromRollbackPoint(service, reason);
                }
                update.emergency(reason);
                yield null;
            }
            case CONFIGURATION -> rollbackConfiguration(service, reason);
            case PARTIAL -> update == null ? Refusal.UNKNOWN_SERVICE : update.partial(reason);
            case FAST_UNDO -> update != null ? update.rollBack(reason) : fastUndo(service, 1, reason);
            case PAUSE -> update == null ? Refusal.UNKNOWN_SERVICE : update.pause(reason);
            case FREEZE -> update == null ? Refusal.UNKNOWN_SERVICE : update.freeze(reason);
            default -> Refusal.UNKNOWN_SERVICE;
        };
    }

    /**
     * A fast undo of a completed update: straight back to the rollback point {@code revisionsBack} completed
     * updates back, with no analysis ({@link FastUndo}).
     */
    private Refusal fastUndo(final String service, final int revisionsBack, final String reason)
    {
        final ServiceRecord record = services.get(service);
        final ServiceRecord.RollbackPoint point = record == null ? null
            : FastUndo.target(record.rollbackHistory(), revisionsBack, now());
        if (point == null)
        {
            return Refusal.NO_ROLLBACK_POINT;
        }
        record.undoneTo(point);
        point.update().rollback(new UpdateReport.Rollback(RollbackKind.FAST_UNDO, reason, now()));
        kernel.simulation().trace().record("mm.fast-undo", "service=" + service + " to=" + point.stem()
            + " revisionsBack=" + revisionsBack + " ageNs=" + (now() - point.createdAtNs()));
        final UpdateReport back = updateDependency(record, point.stem(), FastUndo.policy(), done ->
        {
            if (done.outcome() == UpdateOutcome.COMPLETED)
            {
                point.update().rolledBackAfterCompletion(reason, now());
            }
        });
        at(now() + FastUndo.DEADLINE_NS, () ->
        {
            if (back.outcome() == UpdateOutcome.IN_PROGRESS)
            {
                kernel.simulation().trace().record("mm.fast-undo.overdue", "service=" + service);
            }
        });
        return null;
    }

    /**
     * The emergency rollback of the service's last completed update, within its rollback window: the old version
     * restarted from the rollback point ({@link RollbackPointRestore}).
     */
    private Refusal restoreFromRollbackPoint(final String service, final String reason)
    {
        final ServiceRecord record = services.get(service);
        final ServiceRecord.RollbackPoint point = withinWindow(record);
        if (point == null)
        {
            return Refusal.UNKNOWN_SERVICE;
        }
        restoring.add(service);
        new RollbackPointRestore(this, record, record.current(), List.of(record.current()), point, () ->
        {
            record.undoneTo(point);
            point.update().rolledBackAfterCompletion(reason, now());
            // Spent: the rollback point it belonged to is undone.
            deleteSnapshot(point.snapshot());
        }, () -> restoring.remove(service)).start(reason);
        return null;
    }

    /** Deletes a stored snapshot no longer needed, if there is one; nothing waits for it. */
    void deleteSnapshot(final String name)
    {
        if (name != null)
        {
            snapshots.delete(sandboxId, storeHandle, name, (id, result) -> { });
        }
    }

    /** The service's last rollback point, if its rollback window is still open; else null. */
    private ServiceRecord.RollbackPoint withinWindow(final ServiceRecord record)
    {
        final ServiceRecord.RollbackPoint point = record == null ? null : record.rollbackPoint();
        return point == null || now() - point.createdAtNs() > point.update().rollbackWindowNs() ? null : point;
    }

    /**
     * A full rollback of the service's last completed update, from its rollback point within the window: an update
     * back to the old version, the state exported by the new one. If that export fails its seal (or cannot be
     * made), the old version is restarted from the rollback point instead, as an emergency.
     */
    private Refusal rollbackCompleted(final String service, final String reason)
    {
        final ServiceRecord record = services.get(service);
        final ServiceRecord.RollbackPoint point = withinWindow(record);
        if (point == null)
        {
            return Refusal.UNKNOWN_SERVICE;
        }
        record.undoneTo(point);
        point.update().rollback(new UpdateReport.Rollback(RollbackKind.FULL, reason, now()));
        final UpdatePolicy back = UpdatePolicy.DEFAULT.toBuilder().allowDowngrade(true).strategy(Strategy.rollback())
            .stabilityPeriodNs(0).build();
        updateDependency(record, point.stem(), back, done ->
        {
            if (done.outcome() == UpdateOutcome.COMPLETED)
            {
                point.update().rolledBackAfterCompletion(reason, now());
                deleteSnapshot(point.snapshot());
            }
            else if (done.refusal() == Refusal.EXPORT_FAILED)
            {
                record.rollbackPoint(point);
                restoreFromRollbackPoint(service, reason + "; the new version's export failed: " + done.reason());
            }
        });
        return null;
    }

    /**
     * Lets an update paused after a stage that waits for approval (canary, A/B) go on.
     *
     * @return null if it did, or why not.
     */
    public Refusal approve(final int callerSandboxId, final long updateHandle, final String service)
    {
        final Refusal refused = authorize(callerSandboxId, updateHandle, "approve", service);
        return refused != null ? refused : startApproved(callerSandboxId, service);
    }

    private Refusal startApproved(final int callerSandboxId, final String service)
    {
        final RollingUpdate update = inProgress.get(service);
        if (update == null || !update.approve())
        {
            return Refusal.UNKNOWN_SERVICE;
        }
        kernel.audit().record("mm.approve", callerSandboxId, "service=" + service);
        return null;
    }

    /**
     * Changes the strategy of the update of {@code service} in progress, from its next stage boundary on (see
     * {@link RollingUpdate#changeStrategy}); journaled, traced and audited.
     *
     * @return null if it will, or why not: {@link Refusal#UNAUTHORIZED}, {@link Refusal#UNKNOWN_SERVICE} when no
     * update of it is in progress, {@link Refusal#STRATEGY_CHANGE_TOO_LATE} once its last stage has begun.
     * @throws IllegalArgumentException for {@link Strategy.Kind#ROLLBACK}, which is no way forward.
     */
    public Refusal changeStrategy(final int callerSandboxId, final long updateHandle, final String service,
        final Strategy strategy)
    {
        if (Objects.requireNonNull(strategy, "strategy").kind() == Strategy.Kind.ROLLBACK)
        {
            throw new IllegalArgumentException("strategy=" + strategy + " is not one an update can change to");
        }
        final Refusal refused = authorize(callerSandboxId, updateHandle, "strategy", service);
        return refused != null ? refused : startStrategyChange(callerSandboxId, service, strategy);
    }

    private Refusal startStrategyChange(final int callerSandboxId, final String service, final Strategy strategy)
    {
        final RollingUpdate update = inProgress.get(service);
        final Refusal refused = update == null ? Refusal.UNKNOWN_SERVICE : update.changeStrategy(strategy);
        kernel.audit().record("mm.strategy.change", callerSandboxId, "service=" + service + " to="
            + strategy.toString().replace(' ', '_') + (refused == null ? "" : " refused=" + refused));
        return refused;
    }

    /**
     * Serves a request that reached the Module Manager's endpoint through Core-0, which checked the caller's
     * CALL capability for this service on the way: that capability is the update capability.
     */
    private int serve(final int callerSandboxId, final Message request, final Message reply)
    {
        final String[] lines = ModuleManagerWire.lines(request);
        final String service = lines[0];
        final Refusal refused;
        switch (request.operation())
        {
            case ModuleManagerWire.UPDATE ->
            {
                final Strategy strategy = lines.length < 2 ? null : strategy(lines.length > 2 ? lines[2] : "rolling");
                final Configuration configuration = ModuleManagerProtocol.configuration(lines, 3);
                if (strategy == null || configuration == null)
                {
                    reply.status(ModuleManagerWire.MALFORMED);
                    return Rendezvous.SERVED;
                }
                final UpdateReport report = startUpdate(callerSandboxId, null, service, lines[1],
                    UpdatePolicy.DEFAULT.toBuilder().strategy(strategy).newInstanceConfiguration(configuration)
                    .build(), done -> { });
                refused = report.outcome() == UpdateOutcome.REFUSED ? report.refusal() : null;
            }
            case ModuleManagerWire.ROLLBACK, ModuleManagerWire.ROLLBACK_EMERGENCY, ModuleManagerWire.PAUSE,
                ModuleManagerWire.FREEZE, ModuleManagerWire.FAST_UNDO, ModuleManagerWire.ROLLBACK_CONFIGURATION,
                ModuleManagerWire.ROLLBACK_PARTIAL ->
            {
                final RollbackKind kind = ModuleManagerProtocol.rollbackKind(request.operation());
                final Refusal unauthorized = authorizeRollback(callerSandboxId, holdsRollbackRight(callerSandboxId),
                    kind, service);
                refused = unauthorized != null ? unauthorized : startRollback(callerSandboxId, service, kind,
                    lines.length > 1 ? lines[1] : "requested");
            }
            case ModuleManagerWire.APPROVE -> refused = startApproved(callerSandboxId, service);
            case ModuleManagerWire.BATCH ->
            {
                final List<BatchMember> members = ModuleManagerProtocol.members(lines);
                if (members == null)
                {
                    reply.status(ModuleManagerWire.MALFORMED);
                    return Rendezvous.SERVED;
                }
                final BatchReport report = startBatch(callerSandboxId, null, members, UpdatePolicy.DEFAULT,
                    done -> { });
                refused = report.outcome() == UpdateOutcome.REFUSED ? report.refusal() : null;
            }
            case ModuleManagerWire.STRATEGY ->
            {
                final Strategy strategy = lines.length < 2 ? null : strategy(lines[1]);
                if (strategy == null || strategy.kind() == Strategy.Kind.ROLLBACK)
                {
                    reply.status(ModuleManagerWire.MALFORMED);
                    return Rendezvous.SERVED;
                }
                refused = startStrategyChange(callerSandboxId, service, strategy);
            }
            case ModuleManagerWire.CONFIGURE ->
            {
                final Configuration values = ModuleManagerProtocol.configuration(lines, 1);
                if (values == null || values.values().isEmpty())
                {
                    reply.status(ModuleManagerWire.MALFORMED);
                    return Rendezvous.SERVED;
                }
                refused = startConfigure(callerSandboxId, service, values.values());
            }
            case ModuleManagerWire.RESTART -> refused = restartRequested(callerSandboxId, service);
            case ModuleManagerWire.STATUS ->
            {
                status(service, reply);
                return Rendezvous.SERVED;
            }
            default ->
            {
                reply.status(Status.UNKNOWN_OPERATION);
                return Rendezvous.SERVED;
            }
        }
        reply.status(refused == null ? Status.OK : ModuleManagerProtocol.refusal(refused));
        return Rendezvous.SERVED;
    }

    /**
     * A supervisor's (the Monitor's) request to load a crashed service again ({@link #restart}), audited.
     *
     * @return null if a new instance was loaded (it may have crashed on start: the supervisor sees that as a crash),
     * {@link Refusal#UNKNOWN_SERVICE} when there is nothing to restart, {@link Refusal#BUNDLE_REJECTED} when its
     * bundle no longer verifies.
     */
    private Refusal restartRequested(final int callerSandboxId, final String service)
    {
        kernel.audit().record("mm.restart.request", callerSandboxId, "service=" + service);
        try
        {
            return restart(service) == null ? Refusal.UNKNOWN_SERVICE : null;
        }
        catch (final InstallException rejected)
        {
            return Refusal.BUNDLE_REJECTED;
        }
    }

    /** The strategy of that name, or null for a name no strategy has. */
    private static Strategy strategy(final String name)
    {
        try
        {
            return Strategy.parse(name);
        }
        catch (final IllegalArgumentException unknown)
        {
            return null;
        }
    }

    private void status(final String service, final Message reply)
    {
        UpdateReport last = null;
        for (final UpdateReport report : reports)
        {
            if (report.service().equals(service))
            {
                last = report;
            }
        }
        reply.status(Status.OK)
            .argument(0, last == null ? -1 : last.outcome().ordinal())
            .argument(1, last == null ? 0 : last.migrated())
            .argument(2, last == null ? 0 : last.connectionsTotal())
            .argument(3, last == null || last.refusal() == null ? -1 : last.refusal().ordinal());
    }

    /** The reports of every update asked for, in the order asked. */
    public List<UpdateReport> reports()
    {
        return Collections.unmodifiableList(reports);
    }

    /** The instance that is the service's default now, or null if it is not installed. */
    public ServiceInstance instance(final String service)
    {
        final ServiceRecord record = services.get(service);
        return record == null ? null : record.current();
    }

    /** The installed services and the version each runs, in name order. */
    public Map<String, String> versions()
    {
        final TreeMap<String, String> versions = new TreeMap<>();
        services.forEach((name, record) -> versions.put(name, record.current().version().toString()));
        return versions;
    }

    /**
     * The old or the new instance of the service's update in progress.
     *
     * @return the instance, or null if no update of it is in progress (or, for the new one, none was made yet).
     */
    public ServiceInstance updating(final String service, final boolean newOne)
    {
        final RollingUpdate update = inProgress.get(service);
        if (update == null)
        {
            return null;
        }
        return newOne ? update.newInstance() : update.oldInstance();
    }

    /**
     * Loads a service whose default instance crashed again from the bundle it runs, as a new instance started
     * with {@code init} (the crashed one's state is gone), and makes it the default: a restart policy's act
     * (the scenario runner's {@code restart_on_crash}). An instance of an update in progress is the update's
     * business, so nothing is restarted then.
     *
     * @return the restarted instance (dead if it crashed on start), or null if the service is not installed, its
     * default instance is alive, or an update of it is in progress.
     * @throws InstallException if its bundle no longer verifies.
     */
    public ServiceInstance restart(final String service)
    {
        final ServiceRecord record = services.get(service);
        if (record == null || record.current().isAlive() || inProgress.containsKey(service))
        {
            return null;
        }
        final VerifiedBundle bundle = fetchAndVerify(record.currentStem());
        final ServiceInstance instance = load(bundle, service, record.options(), record.nextGeneration(), Grants.none(),
            record.current().configuration());
        record.current(instance, record.currentStem());
        kernel.simulation().trace().record("mm.restart", "service=" + service + " stem=" + record.currentStem()
            + " sandbox=" + instance.sandboxId() + " alive=" + instance.isAlive());
        return instance;
    }

    /** Whether an update of the service is in progress. */
    public boolean isUpdating(final String service)
    {
        return inProgress.containsKey(service) || restoring.contains(service);
    }

    public int sandboxId()
    {
        return sandboxId;
    }

    public Kernel kernel()
    {
        return kernel;
    }

    ServiceHost host()
    {
        return host;
    }

    BundleRepository repository()
    {
        return repository;
    }

    ServiceRecord service(final String name)
    {
        return services.get(name);
    }

    /** Every installed service, in name order. */
    Map<String, ServiceRecord> services()
    {
        return Collections.unmodifiableMap(services);
    }

    /** A dependency's own update, started by an update that needs it first; it counts as in progress too. */
    UpdateReport updateDependency(final ServiceRecord record, final String toStem, final UpdatePolicy policy,
        final Consumer<UpdateReport> onDone)
    {
        final String service = record.name();
        final UpdateReport report = new UpdateReport(service, record.current().version().toString(), toStem, "",
            now());
        if (inProgress.containsKey(service) || batches.containsKey(service))
        {
            return refuseNow(report, Refusal.BUSY, refusalDetail(Refusal.BUSY, service), onDone);
        }
        launch(record, toStem, policy, report, null, onDone);
        return report;
    }

    /**
     * Fetches and verifies a bundle at the simulated clock.
     *
     * @throws InstallException naming why it was refused.
     */
    VerifiedBundle fetchAndVerify(final String stem)
    {
        final byte[] bytes = repository.fetch(stem);
        if (bytes == null)
        {
            throw new InstallException(stem, "the repository has no such bundle");
        }
        try
        {
            return verifier.verifyBundle(BundleReader.read(bytes), SimulatedEpoch.DEFAULT.now(kernel.simulation()));
        }
        catch (final HicmodFormatException | VerificationException ex)
        {
            throw new InstallException(stem, ex.getMessage());
        }
    }

    /** Appends a fact to the journal (kept until the journal is open, at boot). */
    void journal(final JournalEntry entry)
    {
        journal(entry, () -> { });
    }

    /** Appends a fact to the journal and runs {@code afterDurable}, from the event loop, once it is on the device. */
    void journal(final JournalEntry entry, final Runnable afterDurable)
    {
        if (journal == null)
        {
            unwritten.add(Map.entry(entry, afterDurable));
            return;
        }
        final long appended = journal.append(entry.toRecord(), (number, result) -> at(now(), afterDurable));
        if (appended < 0)
        {
            kernel.simulation().trace().record("mm.journal.refused", "code=" + appended + " kind=" + entry.kind());
        }
    }

    /**
     * Rebuilds what a killed predecessor knew from its journal: the services and the instances that serve them
     * (found again through the host), and the update it left half done, which is cancelled before its point of no
     * return and rolled back after it.
     */
    private void recover(final JournalScan scan)
    {
        if (scan.records().isEmpty())
        {
            return;
        }
        final TreeMap<String, JournalEntry> serving = new TreeMap<>();
        final TreeMap<String, JournalEntry> begun = new TreeMap<>();
        final TreeMap<String, JournalEntry> newInstances = new TreeMap<>();
        final TreeMap<String, Boolean> pastPointOfNoReturn = new TreeMap<>();
        final TreeMap<String, InstallOptions> options = new TreeMap<>();
        final TreeMap<String, RollbackKind> rollbacksBegun = new TreeMap<>();
        final List<JournalEntry> entries = entries(scan);
        for (final JournalEntry entry : entries)
        {
            if (entry.kind() == JournalEntry.Kind.BUNDLE_MARKED && entry.get("problematic").equals("true"))
            {
                problematic.put(entry.get("digest"), entry.get("reason"));
            }
            else if (entry.kind() == JournalEntry.Kind.BUNDLE_MARKED)
            {
                problematic.remove(entry.get("digest"));
            }
            else if (entry.kind() == JournalEntry.Kind.CONFIGURED)
            {
                restoreConfiguration(entry);
            }
        }
        if (coldBoot)
        {
            restorePermanent(entries);
            return;
        }
        for (final JournalEntry entry : entries)
        {
            final String service = entry.get("service");
            switch (entry.kind())
            {
                case INSTALLED ->
                {
                    // An install supersedes whatever came before: after a system restart, an update not committed
                    // is gone with the instances of that life.
                    serving.put(service, entry);
                    options.put(service, InstallOptions.fromJournal(entry.fields()));
                    begun.remove(service);
                    newInstances.remove(service);
                    pastPointOfNoReturn.remove(service);
                }
                case UPDATE_BEGIN ->
                {
                    begun.put(service, entry);
                    rollbacksBegun.remove(service);
                }
                case ROLLBACK_BEGUN -> rollbacksBegun.put(service, RollbackKind.ofKey(entry.get("kind")));
                case CONFIGURED, BUNDLE_MARKED ->
                {
                    // Read by the configuration history and the problematic bundles, not by the update recovery.
                }
                case NEW_INSTANCE -> newInstances.put(service, entry);
                case POINT_OF_NO_RETURN -> pastPointOfNoReturn.put(service, true);
                case UPDATE_END ->
                {
                    serving.put(service, entry);
                    begun.remove(service);
                    newInstances.remove(service);
                    pastPointOfNoReturn.remove(service);
                }
                case COMMITTED ->
                {
                    serving.put(service, entry);
                    begun.remove(service);
                    newInstances.remove(service);
                    pastPointOfNoReturn.remove(service);
                }
                case STRATEGY_CHANGED ->
                {
                    // An update found half done is cancelled or rolled back whatever its strategy.
                }
                default -> throw new IllegalStateException("kind=" + entry.kind());
            }
        }
        kernel.simulation().trace().record("mm.recover", "records=" + scan.records().size() + " tail="
            + scan.tail() + " services=" + serving.size() + " inFlight=" + begun.size());
        serving.forEach((service, entry) ->
        {
            final ServiceInstance instance = host.instance(Integer.parseInt(entry.get("sandbox")));
            if (instance == null)
            {
                kernel.simulation().trace().record("mm.recover.lost", "service=" + service);
                return;
            }
            accept(instance.manifest());
            final long dispatch = kernel.capabilities().issue(CapabilitySystem.CORE0, sandboxId,
                ObjectKind.DISPATCH_TABLE, instance.serviceId(), Rights.WRITE, 0);
            services.put(service, new ServiceRecord(service, entry.get("stem"),
                options.getOrDefault(service, InstallOptions.DEFAULT), instance, dispatch));
        });
        begun.forEach((service, entry) ->
        {
            final ServiceRecord record = services.get(service);
            if (record == null)
            {
                return;
            }
            final JournalEntry started = newInstances.get(service);
            final ServiceInstance next = started == null ? null
                : host.instance(Integer.parseInt(started.get("sandbox")));
            final UpdateReport report = new UpdateReport(service, record.current().version().toString(),
                entry.get("to"), "", now());
            reports.add(report);
            // The journal gives what the new instance was started with; the rest of the policy is not kept.
            final RollingUpdate update = RollingUpdate.recovered(this, record, entry.get("to"),
                UpdatePolicy.DEFAULT.toBuilder().newInstanceConfiguration(entry.configuration()).build(), next,
                pastPointOfNoReturn.containsKey(service), report, done -> inProgress.remove(service));
            inProgress.put(service, update);
            update.recover("the Module Manager was restarted mid-update", rollbacksBegun.get(service));
        });
    }

    /** The Module Manager's requests straight to an instance: test packets and connection probes. */
    InstanceProbes probes()
    {
        return probes;
    }

    /**
     * The Module Manager's own split of the run's seeded source, taken at its first need, so a run without an
     * update draws nothing from it: the migration channels' keys and the test packets come from it.
     */
    SplittableRandom random()
    {
        if (random == null)
        {
            random = kernel.simulation().splitRandom();
        }
        return random;
    }

    /** Core-0's maker of migration channels, for this Module Manager's updates. */
    MigrationChannels channels()
    {
        if (channels == null)
        {
            channels = new MigrationChannels(kernel, random().split(), CHANNEL_CONFIG);
        }
        return channels;
    }

    /**
     * The journal's facts in order, a batch's commit read as one COMMITTED fact per member (it commits them
     * together); records of a kind this build does not know are passed over.
     */
    private static List<JournalEntry> entries(final JournalScan scan)
    {
        final List<JournalEntry> entries = new ArrayList<>();
        for (final JournalRecord raw : scan.records())
        {
            final JournalEntry entry = JournalEntry.of(raw);
            if (entry != null && entry.kind() == JournalEntry.Kind.BATCH_COMMITTED)
            {
                for (final String service : entry.get("services").split(","))
                {
                    entries.add(JournalEntry.of(JournalEntry.Kind.COMMITTED, "service", service, "stem",
                        entry.get(service + ".stem"), "sandbox", entry.get(service + ".sandbox")));
                }
            }
            else if (entry != null)
            {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * After a whole-system restart: each service installed again at its permanent version, the last one the
     * journal installed or committed, in the order the services were first installed.
     */
    private void restorePermanent(final List<JournalEntry> entries)
    {
        final List<String> order = new ArrayList<>();
        final TreeMap<String, String> permanent = new TreeMap<>();
        final TreeMap<String, InstallOptions> options = new TreeMap<>();
        for (final JournalEntry entry : entries)
        {
            if (entry.kind() == JournalEntry.Kind.INSTALLED)
            {
                options.put(entry.get("service"), InstallOptions.fromJournal(entry.fields()));
            }
            if (entry.kind() == JournalEntry.Kind.INSTALLED || entry.kind() == JournalEntry.Kind.COMMITTED)
            {
                if (permanent.put(entry.get("service"), entry.get("stem")) == null)
                {
                    order.add(entry.get("service"));
                }
            }
        }
        kernel.simulation().trace().record("mm.restore", "records=" + entries.size() + " services=" + order.size());
        for (final String service : order)
        {
            try
            {
                install(permanent.get(service), options.getOrDefault(service, InstallOptions.DEFAULT));
            }
            catch (final InstallException | ModuleRefusedException failed)
            {
                kernel.simulation().trace().record("mm.restore.failed", "service=" + service + " stem="
                    + permanent.get(service) + " reason=" + failed.getMessage().replace(' ', '_'));
            }
        }
    }

    /** The sharded snapshot store on Core-0's persistent device, reached through the Module Manager's capability. */
    SnapshotStore snapshots()
    {
        return snapshots;
    }

    /** The Module Manager's capability to the persistent store. */
    long storeHandle()
    {
        return storeHandle;
    }

    /**
     * A name no snapshot in the store has: {@code netstack-3}. A restarted Module Manager counts from 1 again, so
     * it passes over the names whose files a predecessor left there (an interrupted update's consistency point, a
     * committed update's rollback point), which the store would refuse to write again ({@link SnapshotStore#EXISTS}).
     */
    String nextSnapshotName(final String service)
    {
        String name;
        do
        {
            name = service + "-" + ++snapshotCount;
        }
        while (inStore(SnapshotStore.indexFile(name)) || inStore(SnapshotStore.dataFile(name)));
        return name;
    }

    private boolean inStore(final String file)
    {
        return kernel.store().length(sandboxId, storeHandle, file) >= 0;
    }

    /**
     * The manifest of a repository bundle, unverified: what the policy check and dependency resolution read
     * before the bundle is verified.
     *
     * @return the manifest, or null if the repository has no such bundle.
     * @throws InstallException if the bundle is malformed (tampered bytes fail its checksums).
     */
    Manifest peek(final String stem)
    {
        final byte[] bytes = repository.fetch(stem);
        if (bytes == null)
        {
            return null;
        }
        try
        {
            return BundleReader.read(bytes).manifest();
        }
        catch (final HicmodFormatException ex)
        {
            throw new InstallException(stem, ex.getMessage());
        }
    }

    /**
     * Marks a bundle problematic by its digest (HIC 4.3 step 5.4.4): no update installs it again unless its policy
     * sets {@code allowProblematic}. Journaled, traced, audited.
     */
    void markProblematic(final String digestHex, final String reason)
    {
        if (problematic.put(digestHex, reason) == null)
        {
            journal(JournalEntry.of(JournalEntry.Kind.BUNDLE_MARKED, "digest", digestHex, "problematic", "true",
                "reason", reason));
            kernel.simulation().trace().record("mm.bundle.problematic", "digest=" + digestHex.substring(0,
                ServiceHost.DIGEST_TRACE_LENGTH) + " reason=" + reason.replace(' ', '_'));
            kernel.audit().record("mm.bundle.problematic", sandboxId, "digest=" + digestHex + " reason="
                + reason.replace(' ', '_'));
        }
    }

    /**
     * Clears a bundle's problematic mark (the explicit override for every later update); needs the rollback
     * capability. Journaled, traced, audited.
     *
     * @return null if it was marked and is no longer, or why not.
     */
    public Refusal clearProblematic(final int callerSandboxId, final long handle, final String digestHex)
    {
        final Refusal refused = authorizeRollback(callerSandboxId,
            kernel.capabilities().check(callerSandboxId, handle, ObjectKind.SERVICE_ENDPOINT,
                Rights.CALL | ROLLBACK_RIGHT) == serviceId, RollbackKind.FULL, "bundle " + digestHex);
        if (refused != null)
        {
            return refused;
        }
        if (problematic.remove(digestHex) == null)
        {
            return Refusal.BUNDLE_NOT_FOUND;
        }
        journal(JournalEntry.of(JournalEntry.Kind.BUNDLE_MARKED, "digest", digestHex, "problematic", "false",
            "reason", "cleared"));
        kernel.simulation().trace().record("mm.bundle.cleared", "digest=" + digestHex.substring(0,
            ServiceHost.DIGEST_TRACE_LENGTH) + " caller=" + callerSandboxId);
        kernel.audit().record("mm.bundle.cleared", callerSandboxId, "digest=" + digestHex);
        return null;
    }

    /** The bundles marked problematic, digest to reason, in digest order. */
    public Map<String, String> problematicBundles()
    {
        return Collections.unmodifiableMap(problematic);
    }

    boolean isProblematic(final String digestHex)
    {
        return problematic.containsKey(digestHex);
    }

    String problematicReason(final String digestHex)
    {
        return problematic.getOrDefault(digestHex, "");
    }

    /**
     * Pushes a new configuration version to the service's default instance (HIC 4.4): its current values with
     * {@code values} over them, under the next version number. Every version applied is kept, so a configuration
     * rollback can return to the last known good one. Needs the update capability; journaled, traced, audited.
     *
     * @return null if the instance took it, or why not ({@link Refusal#UNKNOWN_SERVICE},
     * {@link Refusal#CONFIGURATION_REFUSED}).
     * @throws IllegalArgumentException if a key or value breaks {@link Configuration}'s syntax.
     */
    public Refusal configure(final int callerSandboxId, final long handle, final String service,
        final Map<String, String> values)
    {
        final Refusal refused = authorize(callerSandboxId, handle, "configure", service);
        return refused != null ? refused : startConfigure(callerSandboxId, service, values);
    }

    private Refusal startConfigure(final int callerSandboxId, final String service, final Map<String, String> values)
    {
        final ServiceRecord record = services.get(service);
        if (record == null || !record.current().isAlive())
        {
            return Refusal.UNKNOWN_SERVICE;
        }
        final Configuration running = record.current().configuration();
        kernel.audit().record("mm.configure.request", callerSandboxId, "service=" + service + " values=" + values);
        return applyConfiguration(record, Configuration.builder(nextConfigurationVersion(record))
            .putAll(running.values()).putAll(values).build(), ConfigurationHistory.Cause.CONFIGURE);
    }

    /** The next configuration version; the first time, the history begins with what the service runs, journaled. */
    private long nextConfigurationVersion(final ServiceRecord record)
    {
        if (!configurations.has(record.name()))
        {
            recordConfiguration(record.name(), record.current().configuration(), ConfigurationHistory.Cause.INSTALL);
        }
        return Math.max(record.current().configuration().version(), configurations.newestVersion(record.name())) + 1;
    }

    private Refusal applyConfiguration(final ServiceRecord record, final Configuration configuration,
        final ConfigurationHistory.Cause cause)
    {
        final int status = record.current().configure(configuration);
        kernel.simulation().trace().record("mm.configure", "service=" + record.name() + " version="
            + configuration.version() + " cause=" + cause.key() + " status=" + Status.name(status));
        kernel.audit().record("mm.configure", sandboxId, "service=" + record.name() + " version="
            + configuration.version() + " cause=" + cause.key() + " status=" + Status.name(status));
        if (status != Status.OK)
        {
            return Refusal.CONFIGURATION_REFUSED;
        }
        recordConfiguration(record.name(), configuration, cause);
        return null;
    }

    /** A configuration applied: in the history, and journaled with its values. */
    private void recordConfiguration(final String service, final Configuration configuration,
        final ConfigurationHistory.Cause cause)
    {
        configurations.applied(service, configuration, now(), cause);
        final List<String> fields = new ArrayList<>(List.of("service", service, "version",
            Long.toString(configuration.version()), "cause", cause.key()));
        configuration.values().forEach((key, value) ->
        {
            fields.add(VALUE_FIELD + key);
            fields.add(value);
        });
        journal(JournalEntry.of(JournalEntry.Kind.CONFIGURED, fields.toArray(new String[0])));
    }

    /**
     * HIC 4.4's configuration rollback: the last known good configuration's values applied again under a new
     * version (an instance takes only newer versions), the current one marked bad; the code unchanged.
     */
    private Refusal rollbackConfiguration(final String service, final String reason)
    {
        final ServiceRecord record = services.get(service);
        if (record == null || !record.current().isAlive())
        {
            return Refusal.UNKNOWN_SERVICE;
        }
        final long version = nextConfigurationVersion(record);
        final Configuration current = record.current().configuration();
        final Configuration good = configurations.lastKnownGood(service);
        if (good == null)
        {
            return Refusal.NO_GOOD_CONFIGURATION;
        }
        configurations.markBad(service, current.version());
        kernel.simulation().trace().record("mm.configuration.rollback", "service=" + service + " from="
            + current.version() + " to=" + good.version() + " as=" + version + " reason=" + reason.replace(' ', '_'));
        final Refusal refused = applyConfiguration(record, Configuration.builder(version).putAll(good.values())
            .build(), ConfigurationHistory.Cause.ROLLBACK);
        if (refused == null)
        {
            final UpdateReport last = lastReport(service);
            if (last != null)
            {
                last.rollback(new UpdateReport.Rollback(RollbackKind.CONFIGURATION, reason, now()));
            }
        }
        return refused;
    }

    /** A journaled configuration back in the history; one a rollback applied marks the one before it bad. */
    private void restoreConfiguration(final JournalEntry entry)
    {
        final String service = entry.get("service");
        final Configuration.Builder builder = Configuration.builder(Long.parseLong(entry.get("version")));
        entry.fields().forEach((key, value) ->
        {
            if (key.startsWith(VALUE_FIELD))
            {
                builder.put(key.substring(VALUE_FIELD.length()), value);
            }
        });
        final ConfigurationHistory.Cause cause = ConfigurationHistory.Cause.valueOf(entry.get("cause")
            .toUpperCase(Locale.ROOT));
        if (cause == ConfigurationHistory.Cause.ROLLBACK && configurations.newestVersion(service) >= 0)
        {
            configurations.markBad(service, configurations.newestVersion(service));
        }
        configurations.applied(service, builder.build(), now(), cause);
    }

    /** The configurations the service has run, oldest first: each version, its values, when, and why. */
    public List<Configuration> configurationHistory(final String service)
    {
        return configurations.of(service).stream().map(ConfigurationHistory.Version::configuration).toList();
    }

    /**
     * The configuration last applied to the service through the Module Manager (a configure request or a
     * configuration rollback), or {@link Configuration#EMPTY} if none was: what a new instance of it starts under.
     */
    Configuration configured(final String service)
    {
        final List<ConfigurationHistory.Version> history = configurations.of(service);
        return history.isEmpty() ? Configuration.EMPTY : history.get(history.size() - 1).configuration();
    }

    /** Configure requests that changed the service's configuration at or after {@code sinceNs}. */
    long configurationChangesSince(final String service, final long sinceNs)
    {
        return configurations.changesSince(service, sinceNs);
    }

    /** A dependency of the service whose default instance is dead, or empty. */
    String failedDependency(final String service)
    {
        final ServiceRecord record = services.get(service);
        if (record == null)
        {
            return "";
        }
        for (final String dependency : record.current().manifest().dependencies().keySet())
        {
            final ServiceRecord other = services.get(dependency);
            if (other != null && !other.current().isAlive())
            {
                return dependency;
            }
        }
        return "";
    }

    private UpdateReport lastReport(final String service)
    {
        UpdateReport last = null;
        for (final UpdateReport report : reports)
        {
            if (report.service().equals(service))
            {
                last = report;
            }
        }
        return last;
    }

    /** The version accepted for a module so far, or null. */
    SemanticVersion acceptedVersion(final String module)
    {
        return acceptedVersions.get(module);
    }

    /** The module's version is accepted: later bundles of it older than this are downgrades. */
    void accept(final Manifest manifest)
    {
        final SemanticVersion accepted = acceptedVersions.get(manifest.name());
        if (accepted == null || manifest.version().compareTo(accepted) > 0)
        {
            acceptedVersions.put(manifest.name(), manifest.version());
        }
    }

    /** The service now runs this instance (the update switched, or a rollback switched back). */
    void replaced(final ServiceRecord record, final ServiceInstance instance, final String stem)
    {
        record.current(instance, stem);
    }

    /**
     * Charges {@code workNs} of the Module Manager's CPU, from now and after its earlier work, and runs
     * {@code next} when it is done.
     *
     * @return when it will run.
     */
    long after(final long workNs, final Runnable next)
    {
        final CpuQuota quota = kernel.cpu().quota(sandboxId);
        final long finishNs = quota.run(now(), workNs);
        return at(finishNs, next);
    }

    /** Runs {@code next} at a virtual time, from the event loop. */
    long at(final long timeNs, final Runnable next)
    {
        // The step rides in its event's handler: no table of pending steps to insert into and look up.
        kernel.simulation().scheduleAt(Math.max(timeNs, now()), ignored -> onStep(next), 0);
        return timeNs;
    }

    long now()
    {
        return kernel.simulation().nowNs();
    }

    /**
     * Loads an instance of {@code service} as it was installed (its name, configuration and memory), with the
     * service's configured values and then {@code over} over its configuration, in a sandbox named after the
     * service, the version and, after the first, its generation: unique among live sandboxes.
     */
    ServiceInstance load(final VerifiedBundle bundle, final String service, final InstallOptions options,
        final int generation, final Grants grants, final Configuration over)
    {
        final String sandboxName = service + "-v" + bundle.manifest().version()
            + (generation == 0 ? "" : "-" + generation);
        return host.load(bundle, sandboxName, service, grants.withMemoryBytes(options.memoryBytes()),
            startConfiguration(service, options, over));
    }

    /**
     * The install's configuration with the values configured since over it, and {@code over} over both; the newest
     * version of the three.
     */
    private Configuration startConfiguration(final String service, final InstallOptions options,
        final Configuration over)
    {
        final Configuration installed = options.startConfiguration();
        final Configuration configured = configured(service);
        if (configured.values().isEmpty() && over.values().isEmpty())
        {
            return installed;
        }
        return Configuration.builder(Math.max(installed.version(), Math.max(configured.version(), over.version())))
            .putAll(installed.values()).putAll(configured.values()).putAll(over.values()).build();
    }

    /** A step of the Module Manager's work came due; if its sandbox has been killed meanwhile, it does nothing. */
    private void onStep(final Runnable step)
    {
        if (sandbox.isAlive())
        {
            if (kernel.faults().fires(FaultPoint.MODULE_MANAGER_CRASH))
            {
                kernel.sandboxes().kill(sandboxId, "crash: the module_manager.crash fault point fired");
                return;
            }
            step.run();
        }
    }

    /**
     * Core-0's notice that a sandbox died: the new instance of an update in progress that crashed is that update's
     * failure level 1 ({@link RollingUpdate#newInstanceDied}), answered from the event loop as the Module Manager's
     * next step (a killed Module Manager answers nothing: its successor finds the instance dead in recovery).
     */
    private void instanceTerminated(final int terminatedSandboxId, final String reason)
    {
        if (!sandbox.isAlive() || SandboxManager.DESTROYED.equals(reason))
        {
            return;
        }
        for (final RollingUpdate update : inProgress.values())
        {
            final ServiceInstance newInstance = update.newInstance();
            if (newInstance != null && newInstance.sandboxId() == terminatedSandboxId)
            {
                at(now(), () -> update.newInstanceDied(reason));
                return;
            }
        }
    }

    /** Whether the Module Manager's sandbox is alive: killed, it does nothing more. */
    public boolean isAlive()
    {
        return sandbox.isAlive();
    }

    private Refusal admit(final String service)
    {
        final ServiceRecord record = services.get(service);
        if (record == null)
        {
            return Refusal.UNKNOWN_SERVICE;
        }
        // An update in progress answers for the service even when an instance of it has just died.
        if (inProgress.containsKey(service) || batches.containsKey(service))
        {
            return Refusal.BUSY;
        }
        return record.current().isAlive() ? null : Refusal.UNKNOWN_SERVICE;
    }

    private Refusal authorize(final int callerSandboxId, final long updateHandle, final String op, final String service)
    {
        if (kernel.capabilities().check(callerSandboxId, updateHandle, ObjectKind.SERVICE_ENDPOINT, Rights.CALL)
            == serviceId)
        {
            return null;
        }
        final String detail = "op=" + op + " service=" + service + " caller=" + callerSandboxId
            + " reason=no-update-capability";
        kernel.simulation().trace().record("mm.refused", detail);
        kernel.audit().record("mm.refused", Math.max(callerSandboxId, CapabilitySystem.CORE0), detail);
        return Refusal.UNAUTHORIZED;
    }

    private String refusalDetail(final Refusal refused, final String service)
    {
        if (refused == Refusal.BUSY && !inProgress.containsKey(service))
        {
            final BatchReport batch = batches.get(service).report();
            return "batch " + batch.name() + " of " + batch.members() + " in progress since t=" + batch.startNs();
        }
        if (refused == Refusal.BUSY)
        {
            final UpdateReport running = inProgress.get(service).report();
            return "update of " + service + " to " + running.toVersion() + " in progress since t=" + running.startNs();
        }
        if (refused != Refusal.UNKNOWN_SERVICE)
        {
            return "";
        }
        final ServiceRecord record = services.get(service);
        return record == null ? service + " is not installed" : service + " is installed but its instance is not"
            + " running (" + record.current().terminationReason() + ")";
    }

    private UpdateReport refuseNow(final UpdateReport report, final Refusal refused, final String detail,
        final Consumer<UpdateReport> onDone)
    {
        report.end(UpdateOutcome.REFUSED, refused, detail, now());
        reports.add(report);
        kernel.simulation().trace().record("mm.update.refused", "service=" + report.service() + " to="
            + report.toVersion() + " reason=" + refused + (detail.isEmpty() ? "" : " detail=" + detail.replace(' ', '_')));
        at(now(), () -> onDone.accept(report));
        return report;
    }
}
