package org.hicsim.monitor.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntToLongFunction;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.metrics.MetricsView;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxListener;
import org.hicsim.core0.sandbox.SandboxManager;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.wire.ModuleManagerWire;
import org.hicsim.monitor.AlertingSink;
import org.hicsim.monitor.ChangeKind;
import org.hicsim.monitor.Monitor;
import org.hicsim.monitor.alert.Alert;
import org.hicsim.monitor.alert.AlertRouter;
import org.hicsim.monitor.alert.Delivery;
import org.hicsim.monitor.alert.LatencyAnomaly;
import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.canary.CanaryReport;
import org.hicsim.monitor.canary.MetricResult;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.rule.Fixed6;

/**
 * The Monitor as a running service: trusted host code bound to a Privileged-1 sandbox of its own (its identity,
 * its CPU quota, under which every health check's reads take virtual time), holding a read-only capability for the
 * metrics region of each instance it watches and a CALL capability for the Module Manager's endpoint, to which
 * its decisions go as requests of {@link ModuleManagerWire}. It knows no Module Manager class.
 * <p>
 * What it is told, and how (docs/architecture.md, "The Monitor"): which update of which service runs, with which
 * old and new instance, when the new one starts serving, each wave, and when the update ended ({@link #updateStarted}
 * and the others: the Module Manager's update records, which the scenario runner relays); the death of any
 * sandbox, from Core-0 ({@link SandboxListener}). Every notice is acted on from the event loop, never inside the
 * call that made it: a crash notice arrives inside Core-0's kill, and is scheduled.
 * <p>
 * Supervision: a service whose default instance crashed while no update of it runs is restarted by a
 * {@link ModuleManagerWire#RESTART} request {@link #RESTART_DELAY_NS} later, when the configuration's restart policy
 * says so for that service at that moment, at most {@link #RESTART_ATTEMPTS_MAX} attempts in a row; then a P0
 * alert. The count starts again once the service has stayed up for {@link #HEALTHY_PERIOD_NS}. The Monitor itself
 * is supervised by Core-0's boot supervisor; a restarted Monitor starts with empty windows (a fresh analysis).
 */
public final class MonitorService implements SandboxListener
{
    public static final String SERVICE = "monitor";
    public static final long MEMORY_BYTES = 1024 * 1024;
    public static final int CPU_QUOTA_PERCENT = 10;
    /** The Monitor's CPU work to read one instance's region and feed its samples. */
    public static final long READ_WORK_NS = 20_000;
    /** The reply status told for a decision that asked the Module Manager nothing. */
    public static final int NO_REQUEST = 1;
    public static final int RESTART_ATTEMPTS_MAX = 3;
    public static final long RESTART_DELAY_NS = Simulation.SECONDS;
    /** How long a restarted service must stay up before a later crash counts as a first one again. */
    public static final long HEALTHY_PERIOD_NS = Simulation.MINUTES;
    /** The decision logic's name for the new instance of an update (the one watched). */
    static final int ROLE_NEW = 1;
    /** ...and for the old one (the baseline). */
    static final int ROLE_OLD = 2;
    /** Where the first metrics region is mapped in the Monitor's sandbox; each next one a stride higher. */
    private static final long VIEWS_BASE = Sandbox.MEMORY_BASE + (1L << 24);
    private static final long VIEW_STRIDE = 16L * PageTable.PAGE_SIZE;

    private final Kernel kernel;
    private final MonitorConfig config;
    private final MonitorListener listener;
    private final int sandboxId;
    private final Sandbox sandbox;
    private final SystemCalls calls;
    private final long managerHandle;
    private final TreeMap<String, Watch> watches = new TreeMap<>();
    private final TreeMap<String, Supervised> supervised = new TreeMap<>();
    private final EventHandler onTick = this::tick;
    private final EventHandler onRead = this::read;
    private final Message request = new Message();
    private final Message reply = new Message();
    /** Services whose restart is due: a rollback asked meanwhile waits for it (it needs the service running). */
    private final TreeMap<String, List<Runnable>> restartsDue = new TreeMap<>();
    /** The canary analyses running, by service: an update held for approval, judged at the interval's end. */
    private final TreeMap<String, CanaryAnalysis> canaries = new TreeMap<>();
    private int viewsMapped;
    private Consumer<MonitorService> onRestart = restarted -> { };

    /** One service's update (or the version it committed to), under the decision logic. */
    private static final class Watch
    {
        final Monitor monitor;
        final AlertRouter router;
        final LatencyAnomaly anomaly = new LatencyAnomaly(LatencyAnomaly.LEARN_SAMPLES_DEFAULT);
        final List<WatchedInstance> instances = new ArrayList<>();
        int revision;
        boolean updating;

        Watch(final Monitor monitor, final AlertRouter router)
        {
            this.monitor = monitor;
            this.router = router;
        }
    }

    /** A service the Monitor restarts: its default instance and the attempts made since it last stayed up. */
    private static final class Supervised
    {
        int sandboxId;
        int attempts;
        long upSinceNs;
    }

    private MonitorService(final Kernel kernel, final MonitorConfig config, final IntToLongFunction grantCall,
        final MonitorListener listener)
    {
        this.kernel = kernel;
        this.config = config;
        this.listener = listener;
        sandboxId = kernel.sandboxes().create(SandboxSpec.privileged(SERVICE, MEMORY_BYTES, CPU_QUOTA_PERCENT));
        if (sandboxId < 0)
        {
            throw new IllegalStateException("Core-0 refused the Monitor's sandbox: code=" + sandboxId);
        }
        kernel.sandboxes().start(sandboxId);
        sandbox = kernel.sandboxes().get(sandboxId);
        calls = kernel.systemCalls(sandboxId);
        managerHandle = grantCall.applyAsLong(sandboxId);
        kernel.sandboxes().addListener(this);
        kernel.simulation().trace().record("monitor.boot", "sandbox=" + sandboxId + " healthCheckNs="
            + config.healthCheckNs());
        kernel.simulation().schedule(config.healthCheckNs(), onTick, 0);
        kernel.supervisor().supervise(SERVICE, sandboxId, attempt ->
        {
            final MonitorService restarted = new MonitorService(kernel, config, grantCall, listener);
            restarted.onRestart = onRestart;
            onRestart.accept(restarted);
            return restarted.sandboxId;
        });
    }

    /**
     * Starts the Monitor in a sandbox of its own.
     *
     * @param grantCall gives the Monitor's sandbox (its id the argument) a CALL capability for the Module
     *                  Manager's endpoint and answers its handle: the Module Manager's grant, made by whoever boots
     *                  the system.
     */
    public static MonitorService boot(final Kernel kernel, final MonitorConfig config,
        final IntToLongFunction grantCall, final MonitorListener listener)
    {
        return new MonitorService(Objects.requireNonNull(kernel, "kernel"), Objects.requireNonNull(config, "config"),
            Objects.requireNonNull(grantCall, "grantCall"), Objects.requireNonNull(listener, "listener"));
    }

    /** Who to tell when Core-0's boot supervisor restarted the Monitor after its sandbox was killed. */
    public void onRestart(final Consumer<MonitorService> restartListener)
    {
        onRestart = Objects.requireNonNull(restartListener, "restartListener");
    }

    public int sandboxId()
    {
        return sandboxId;
    }

    public boolean isAlive()
    {
        return sandbox.isAlive();
    }

    /** The service's default instance now runs in {@code instance} (installed, restarted or committed to). */
    public void serviceRunning(final String service, final int instance)
    {
        later(() ->
        {
            final Supervised record = supervised.computeIfAbsent(service, name -> new Supervised());
            record.sandboxId = instance;
            record.upSinceNs = now();
            final Watch watch = watches.get(service);
            if (watch == null)
            {
                // read from now on, to learn the baseline the anomaly alerts of its next update compare against
                watch(service).instances.add(new WatchedInstance(ROLE_NEW, instance, map(instance)));
            }
            else if (!watch.updating)
            {
                replace(watch, ROLE_NEW, instance);
            }
        });
    }

    /**
     * An update of {@code service} started its new instance: a new revision, a fresh analysis, with the new
     * instance watched against the old one.
     */
    public void updateStarted(final String service, final int oldInstance, final int newInstance)
    {
        later(() ->
        {
            final Watch watch = watches.containsKey(service) ? watches.get(service) : watch(service);
            watch.revision++;
            watch.updating = true;
            canaries.remove(service);
            watch.instances.clear();
            watch.instances.add(new WatchedInstance(ROLE_NEW, newInstance, map(newInstance)));
            watch.instances.add(new WatchedInstance(ROLE_OLD, oldInstance, map(oldInstance)));
            kernel.simulation().trace().record("monitor.watch", "service=" + service + " revision=" + watch.revision
                + " new=" + newInstance + " old=" + oldInstance);
            watch.monitor.revision(watch.revision, ChangeKind.CODE, ROLE_NEW, ROLE_OLD, now());
        });
    }

    /** A new watch of {@code service}: its decision logic, alerting through a router of its own. */
    private Watch watch(final String service)
    {
        final AlertRouter router = new AlertRouter(config.alertDedupNs(), config.alertMergeNs());
        final Watch watch = new Watch(new Monitor(config.policy(), new AlertingSink(
            decision -> decided(service, decision), router, delivery -> alerted(service, delivery))), router);
        watches.put(service, watch);
        return watch;
    }

    /**
     * The new instance of the update of {@code service} takes traffic (its point of no return was passed); with a
     * gate configured, its revision's promotion gate is judged that long after.
     */
    public void serving(final String service)
    {
        later(() ->
        {
            final Watch watch = watches.get(service);
            if (watch != null)
            {
                watch.monitor.serving(now());
                if (config.gateAfterNs() > 0)
                {
                    final int revision = watch.revision;
                    kernel.simulation().schedule(config.gateAfterNs(), arg -> gate(service, revision), 0);
                }
            }
        });
    }

    /** The promotion gate of {@code revision}, if the service is still watched and the Monitor alive. */
    private void gate(final String service, final int revision)
    {
        final Watch watch = watches.get(service);
        if (isAlive() && watch != null)
        {
            watch.monitor.gate(revision, now());
        }
    }

    /**
     * The update of {@code service} holds after a stage until it is approved (the canary strategy's first stage):
     * with a canary interval configured, a canary analysis of its revision starts (docs/rollback-rules.md,
     * "Canary analysis").
     */
    public void held(final String service)
    {
        later(() ->
        {
            final Watch watch = watches.get(service);
            if (watch != null && watch.updating && config.canaryIntervalNs() > 0)
            {
                canaries.put(service, new CanaryAnalysis(watch.revision, now(), config.canaryIntervalNs()));
                kernel.simulation().trace().record("monitor.canary.start", "service=" + service + " revision="
                    + watch.revision + " interval=" + config.canaryIntervalNs());
            }
        });
    }

    /** A migration wave of the update of {@code service} began. */
    public void wave(final String service, final int wave)
    {
        later(() ->
        {
            final Watch watch = watches.get(service);
            if (watch != null)
            {
                watch.monitor.wave(wave, now());
            }
        });
    }

    /**
     * The update of {@code service} ended. Committed, the new instance stays watched as the service's default
     * (its rollback point lets a later decision still roll it back); otherwise the watch ends.
     */
    public void updateEnded(final String service, final boolean committed)
    {
        later(() ->
        {
            final Watch watch = watches.get(service);
            if (watch == null)
            {
                return;
            }
            watch.updating = false;
            canaries.remove(service);
            if (!committed)
            {
                watches.remove(service);
                kernel.simulation().trace().record("monitor.unwatch", "service=" + service);
            }
        });
    }

    /** Core-0 tells of a sandbox's end, inside the call that ended it: acted on from the event loop. */
    @Override
    public void onTerminated(final int deadSandboxId, final String name, final String reason)
    {
        if (deadSandboxId == sandboxId || SandboxManager.DESTROYED.equals(reason) || !isAlive())
        {
            return;
        }
        later(() -> crashed(deadSandboxId));
    }

    /**
     * A sandbox died: a supervised service's default instance is restarted first (unless an update of it runs,
     * which is the Module Manager's business), then the crash is counted by the decision logic of every update
     * watching it, so a rollback it decides finds the restart due and waits for it.
     */
    private void crashed(final int deadSandboxId)
    {
        if (!isAlive())
        {
            return;
        }
        for (final var entry : supervised.entrySet())
        {
            final Watch watch = watches.get(entry.getKey());
            if (entry.getValue().sandboxId == deadSandboxId && (watch == null || !watch.updating))
            {
                superviseCrash(entry.getKey(), entry.getValue());
            }
        }
        for (final var entry : watches.entrySet())
        {
            for (final WatchedInstance instance : entry.getValue().instances)
            {
                if (instance.sandboxId() == deadSandboxId)
                {
                    kernel.simulation().trace().record("monitor.crash", "service=" + entry.getKey() + " sandbox="
                        + deadSandboxId + " role=" + instance.role());
                    entry.getValue().monitor.crash(instance.role(), now());
                }
            }
        }
    }

    private void superviseCrash(final String service, final Supervised record)
    {
        if (!config.restartOnCrash().restart(service, now()))
        {
            return;
        }
        if (now() - record.upSinceNs >= HEALTHY_PERIOD_NS)
        {
            record.attempts = 0;
        }
        if (record.attempts == RESTART_ATTEMPTS_MAX)
        {
            kernel.simulation().trace().record("monitor.restart.exhausted", "service=" + service + " attempts="
                + record.attempts);
            alerted(service, new Delivery(new Alert(now(), Priority.P0, "restart-exhausted:" + service, service,
                "service=" + service + " crashed after " + RESTART_ATTEMPTS_MAX + " restarts"),
                Delivery.Outcome.DELIVERED, Priority.P0.route(), 0));
            return;
        }
        record.attempts++;
        final int attempt = record.attempts;
        kernel.simulation().trace().record("monitor.restart.scheduled", "service=" + service + " attempt=" + attempt
            + " after=" + RESTART_DELAY_NS);
        restartsDue.putIfAbsent(service, new ArrayList<>());
        kernel.simulation().schedule(RESTART_DELAY_NS, arg -> restart(service, attempt), 0);
    }

    private void restart(final String service, final int attempt)
    {
        if (!isAlive())
        {
            return;
        }
        final int status = send(ModuleManagerWire.RESTART, service);
        kernel.simulation().trace().record("monitor.restart", "service=" + service + " attempt=" + attempt
            + " status=" + Status.name(status));
        final List<Runnable> waiting = restartsDue.remove(service);
        if (waiting != null)
        {
            waiting.forEach(Runnable::run);
        }
    }

    /** A health check: the reads charged to the Monitor's quota, then the samples and the rules once they are done. */
    private void tick(final long arg)
    {
        if (!isAlive())
        {
            return;
        }
        int reads = 0;
        for (final Watch watch : watches.values())
        {
            reads += watch.instances.size();
        }
        kernel.cpu().submit(sandboxId, Math.max(1, reads) * READ_WORK_NS, onRead, 0);
        kernel.simulation().schedule(config.healthCheckNs(), onTick, 0);
    }

    private void read(final long arg)
    {
        if (!isAlive())
        {
            return;
        }
        final long now = now();
        for (final Map.Entry<String, Watch> entry : new ArrayList<>(watches.entrySet()))
        {
            final String service = entry.getKey();
            final Watch watch = entry.getValue();
            for (final WatchedInstance instance : watch.instances)
            {
                instance.sample(watch.monitor, now);
                if (instance.role() == ROLE_NEW)
                {
                    anomaly(service, watch, instance, now);
                }
            }
            if (watch.revision > 0)
            {
                watch.monitor.tick(now);
            }
            canary(service, watch, now);
        }
    }

    /**
     * Feeds the latency anomaly alert: the service's default instance teaches the baseline while no update runs;
     * once it is learned, each read of the watched instance is judged at its load (docs/rollback-rules.md,
     * "Alerts"). An anomaly is a P2 alert, routed like a decision's.
     */
    private void anomaly(final String service, final Watch watch, final WatchedInstance instance, final long now)
    {
        final double latencyMs = instance.latencyMsRead();
        if (Double.isNaN(latencyMs))
        {
            return;
        }
        final double load = instance.requestsRead() * (double)Simulation.SECONDS
            / config.healthCheckNs();
        if (watch.anomaly.learning())
        {
            if (!watch.updating)
            {
                watch.anomaly.learn(latencyMs, load);
                if (!watch.anomaly.learning())
                {
                    kernel.simulation().trace().record("monitor.baseline", "service=" + service
                        + " metric=latency_ms " + watch.anomaly.baselineText());
                }
            }
            return;
        }
        final LatencyAnomaly.Finding finding = watch.anomaly.check(now, latencyMs, load);
        if (finding != null)
        {
            kernel.simulation().trace().record("monitor.anomaly", "service=" + service + " metric=latency_ms "
                + finding.toLine());
            alerted(service, watch.router.raise(new Alert(now, Priority.P2, "anomaly:latency_ms",
                "revision-" + watch.revision, "latency 3-sigma anomaly " + finding.toLine())));
        }
    }

    /** Feeds the service's canary analysis, if one runs, this read's samples; judges it once its interval ended. */
    private void canary(final String service, final Watch watch, final long now)
    {
        final CanaryAnalysis analysis = canaries.get(service);
        if (analysis == null)
        {
            return;
        }
        watch.instances.forEach(analysis::observe);
        if (analysis.due(now))
        {
            canaries.remove(service);
            final CanaryReport report = analysis.judge();
            kernel.simulation().trace().record("monitor.canary", "service=" + service + " " + report.toLine());
            for (final MetricResult result : report.results())
            {
                kernel.simulation().trace().record("monitor.canary", "service=" + service + " " + result.toLine());
            }
            watch.monitor.canary(analysis.revision(), analysis.explain(report, now), now);
        }
    }

    private void decided(final String service, final Decision decision)
    {
        final List<Runnable> waiting = restartsDue.get(service);
        if (waiting != null && decision.status() == Decision.Status.ACT && decision.action().isRollback())
        {
            kernel.simulation().trace().record("monitor.decision.held", "service=" + service + " decision="
                + decision.id() + " until=restart");
            waiting.add(() -> decided(service, decision));
            return;
        }
        final int status = request(service, decision);
        kernel.simulation().trace().record("monitor.decision", "service=" + service + " " + decision.toLine()
            + " reply=" + (status == NO_REQUEST ? "none"
            : Status.name(status) + " sent_reason=" + auditReason(decision)));
        for (final Explanation explanation : decision.explanations())
        {
            kernel.simulation().trace().record("monitor.explanation", "service=" + service + " decision="
                + decision.id() + " " + explanation.toLine());
        }
        listener.decided(service, decision, status);
    }

    private void alerted(final String service, final Delivery delivery)
    {
        kernel.simulation().trace().record("monitor.alert", "service=" + service + " " + delivery.toLine());
        listener.alerted(service, delivery);
    }

    /** The request a decision makes of the Module Manager, and its answer; {@link #NO_REQUEST} if none. */
    private int request(final String service, final Decision decision)
    {
        if (decision.status() != Decision.Status.ACT)
        {
            return NO_REQUEST;
        }
        final String reason = auditReason(decision);
        return switch (decision.action())
        {
            case ROLLBACK_FULL -> send(ModuleManagerWire.ROLLBACK, service, reason);
            case RESUME -> send(ModuleManagerWire.APPROVE, service);
            case PROMOTE -> decision.trigger() == Decision.Trigger.CANARY ? send(ModuleManagerWire.APPROVE, service)
                : NO_REQUEST;
            case PAUSE -> send(ModuleManagerWire.PAUSE, service, reason);
            case FREEZE -> send(ModuleManagerWire.FREEZE, service, reason);
            case ROLLBACK_PARTIAL -> send(ModuleManagerWire.ROLLBACK_PARTIAL, service, reason,
                Integer.toString(decision.wave()));
            case ROLLBACK_CONFIGURATION -> send(ModuleManagerWire.ROLLBACK_CONFIGURATION, service, reason);
            case ROLLBACK_EMERGENCY -> send(ModuleManagerWire.ROLLBACK_EMERGENCY, service, reason);
            case FAST_UNDO -> send(ModuleManagerWire.FAST_UNDO, service, reason);
            default -> NO_REQUEST;
        };
    }

    /**
     * The reason a request gives the Module Manager, which its audit log records: the decision's, and for the rule
     * hit that decided it, the value seen against the threshold, over how long and on how many samples, e.g.
     * {@code error-rate-over-5pct-10m:value=0.077649>0.050000,over=600s,n=120} (the document's "error rate 6.2%
     * for 12 minutes"). No spaces, so it reads as one field.
     */
    public static String auditReason(final Decision decision)
    {
        for (final Explanation record : decision.explanations())
        {
            if (record.kind() == Explanation.Kind.RULE && record.hit() && !record.dryRun()
                && decision.reason().endsWith(record.rule()))
            {
                final long windowNs = record.rightEdgeNs() - record.leftEdgeNs();
                return decision.reason() + ":value=" + Fixed6.format(record.valueMicros())
                    + record.operator().symbol() + Fixed6.format(record.thresholdMicros()) + ",over="
                    + (windowNs % Simulation.SECONDS == 0 ? windowNs / Simulation.SECONDS + "s" : windowNs + "ns")
                    + ",n=" + record.n();
            }
        }
        return decision.reason();
    }

    /** Calls the Module Manager: Core-0's refusal of the call, or the Module Manager's reply status. */
    private int send(final int operation, final String... lines)
    {
        final int called = calls.call(managerHandle, ModuleManagerWire.request(request, operation, lines), reply);
        return called != Status.OK ? called : reply.status();
    }

    private void replace(final Watch watch, final int role, final int instance)
    {
        for (final WatchedInstance watched : watch.instances)
        {
            if (watched.role() == role && watched.sandboxId() != instance)
            {
                watched.replace(instance, map(instance));
            }
            else if (watched.role() != role && watched.sandboxId() == instance)
            {
                // Core-0 reuses a dead sandbox's id: the old instance it named is gone
                watched.forget();
            }
        }
    }

    /**
     * Has Core-0 grant the Monitor a read-only capability for the instance's metrics region and maps it at the
     * next free place; null if Core-0 refused (the instance is gone): that instance is then not read.
     */
    private MetricsView map(final int instance)
    {
        final long handle = kernel.metricsRegions().grantReader(instance, sandboxId);
        if (handle < 0)
        {
            kernel.simulation().trace().record("monitor.map.refused", "instance=" + instance + " code=" + handle);
            return null;
        }
        final long address = VIEWS_BASE + viewsMapped++ * VIEW_STRIDE;
        final int mapped = calls.mapSharedRegion(handle, address);
        if (mapped != Status.OK)
        {
            kernel.simulation().trace().record("monitor.map.refused", "instance=" + instance + " code=" + mapped);
            return null;
        }
        return new MetricsView(calls, address);
    }

    private void later(final Runnable notice)
    {
        kernel.simulation().schedule(0, arg -> notice.run(), 0);
    }

    private long now()
    {
        return kernel.simulation().nowNs();
    }
}
