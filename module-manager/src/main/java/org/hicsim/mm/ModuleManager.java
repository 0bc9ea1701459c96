package org.hicsim.mm;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.Kernel;
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
import org.hicsim.core0.store.PersistentStore;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.SimulatedEpoch;
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
    /** The services a batch in progress holds, its members not started yet included. */
    private final TreeMap<String, Batch> batches = new TreeMap<>();
    private int batchCount;
    /** Booted with the system, not restarted by the boot supervisor: no instance of a previous life runs. */
    private final boolean coldBoot;
    private final List<UpdateReport> reports = new ArrayList<>();
    private final TreeMap<String, SemanticVersion> acceptedVersions = new TreeMap<>();
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
     * Gives a sandbox the capability to send the Module Manager requests (update, rollback, approve, cancel).
     *
     * @return the handle in that sandbox's space.
     */
    public long grantUpdateCapability(final int holderSandboxId)
    {
        return kernel.capabilities().issue(CapabilitySystem.CORE0, holderSandboxId, ObjectKind.SERVICE_ENDPOINT,
            serviceId, Rights.CALL, 0);
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
        final ServiceInstance instance = load(bundle, service, options, 0, Grants.none());
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
        final String fromVersion = record == null ? "" : record.current().version().toString();
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
        final Refusal refused = authorize(callerSandboxId, updateHandle, "rollback", service);
        return refused != null ? refused : startRollback(callerSandboxId, service, reason);
    }

    private Refusal startRollback(final int callerSandboxId, final String service, final String reason)
    {
        kernel.audit().record("mm.rollback.request", callerSandboxId, "service=" + service + " reason="
            + reason.replace(' ', '_'));
        final RollingUpdate update = inProgress.get(service);
        if (update != null)
        {
            update.rollBack(reason);
            return null;
        }
        final ServiceRecord record = services.get(service);
        final ServiceRecord.RollbackPoint point = record == null ? null : record.rollbackPoint();
        if (point == null || now() - point.createdAtNs() > point.update().rollbackWindowNs())
        {
            return Refusal.UNKNOWN_SERVICE;
        }
        record.rollbackPoint(null);
        final UpdatePolicy back = UpdatePolicy.DEFAULT.toBuilder().allowDowngrade(true).strategy(Strategy.rollback())
            .stabilityPeriodNs(0).build();
        updateDependency(record, point.stem(), back, done ->
        {
            if (done.outcome() == UpdateOutcome.COMPLETED)
            {
                point.update().rolledBackAfterCompletion(reason, now());
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
                if (strategy == null)
                {
                    reply.status(ModuleManagerWire.MALFORMED);
                    return Rendezvous.SERVED;
                }
                final UpdateReport report = startUpdate(callerSandboxId, null, service, lines[1],
                    UpdatePolicy.DEFAULT.toBuilder().strategy(strategy).build(), done -> { });
                refused = report.outcome() == UpdateOutcome.REFUSED ? report.refusal() : null;
            }
            case ModuleManagerWire.ROLLBACK -> refused = startRollback(callerSandboxId, service,
                lines.length > 1 ? lines[1] : "requested");
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
        final ServiceInstance instance = load(bundle, service, record.options(), record.nextGeneration(), Grants.none());
        record.current(instance, record.currentStem());
        kernel.simulation().trace().record("mm.restart", "service=" + service + " stem=" + record.currentStem()
            + " sandbox=" + instance.sandboxId() + " alive=" + instance.isAlive());
        return instance;
    }

    /** Whether an update of the service is in progress. */
    public boolean isUpdating(final String service)
    {
        return inProgress.containsKey(service);
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
        final List<JournalEntry> entries = entries(scan);
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
                case UPDATE_BEGIN -> begun.put(service, entry);
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
            final RollingUpdate update = RollingUpdate.recovered(this, record, entry.get("to"), next,
                pastPointOfNoReturn.containsKey(service), report, done -> inProgress.remove(service));
            inProgress.put(service, update);
            update.recover("the Module Manager was restarted mid-update");
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

    /** A name no snapshot of this run has had: {@code netstack-3}. */
    String nextSnapshotName(final String service)
    {
        return service + "-" + ++snapshotCount;
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
     * Loads an instance of {@code service} as it was installed (its name, configuration and memory), in a sandbox
     * named after the service, the version and, after the first, its generation: unique among live sandboxes.
     */
    ServiceInstance load(final VerifiedBundle bundle, final String service, final InstallOptions options,
        final int generation, final Grants grants)
    {
        final String sandboxName = service + "-v" + bundle.manifest().version()
            + (generation == 0 ? "" : "-" + generation);
        return host.load(bundle, sandboxName, service, grants.withMemoryBytes(options.memoryBytes()),
            options.startConfiguration());
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

    /** Whether the Module Manager's sandbox is alive: killed, it does nothing more. */
    public boolean isAlive()
    {
        return sandbox.isAlive();
    }

    private Refusal admit(final String service)
    {
        final ServiceRecord record = services.get(service);
        if (record == null || !record.current().isAlive())
        {
            return Refusal.UNKNOWN_SERVICE;
        }
        return inProgress.containsKey(service) || batches.containsKey(service) ? Refusal.BUSY : null;
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
        return refused == Refusal.UNKNOWN_SERVICE ? service + " is not installed or not running" : "";
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
