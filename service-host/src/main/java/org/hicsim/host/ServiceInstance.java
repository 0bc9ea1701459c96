package org.hicsim.host;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.metrics.InstanceMetrics;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.ResultRange;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.Migration;
import org.hicsim.hicmod.ProtocolVersion;
import org.hicsim.host.meter.HeapCensus;
import org.hicsim.host.meter.Meter;
import org.hicsim.host.meter.MeterStop;

/**
 * The kernel-side handle of one loaded service instance: what the Module Manager drives. Each SPI method is
 * passed through to the service inside its sandbox's boundary: whatever the service throws (an exception, a
 * {@link StackOverflowError}, the {@code SandboxTerminatedException} of a page fault) is a crash that kills
 * this sandbox alone, audited and traced, and the call returns {@link #DEAD}. A call on a dead instance
 * returns {@link #DEAD} without running any service code, and so does a call during which the sandbox died
 * even if the service caught the fault and returned. Each call into the service begins and ends on its sandbox's
 * {@link Meter}: a call that runs out of fuel, modelled stack or heap allowance stops, and that stop is a crash
 * like any other; between calls, a census of what the service holds may find it over its allowance, which kills
 * it too.
 * <p>
 * Only {@link ServiceHost} makes one. Single-threaded, like the simulation.
 */
public final class ServiceInstance
{
    /**
     * What a call returns when the instance's sandbox is dead: it crashed in this call or an earlier one, was
     * killed, or was shut down. In the host's own range, {@link ResultRange#HOST}, apart from every
     * {@link Status} code, the services' own and Core-0's.
     */
    public static final int DEAD = -701;
    /** {@link #stateVersion()} of a service whose manifest declares no migration. */
    public static final int NO_STATE_VERSION = -1;

    private final Kernel kernel;
    private final Sandbox sandbox;
    private final String serviceName;
    private final Manifest manifest;
    private final String bundleDigest;
    private final Meter meter;
    private final byte[] connectionState = new byte[ConnectionState.LENGTH_MAX];
    private Service service;
    private SystemCalls context;
    private int endpointId = EndpointTable.NULL_ID;
    private int serviceId = ServiceRegistry.NO_SERVICE;
    private QuiescencePoll quiescence;

    ServiceInstance(final Kernel kernel, final Sandbox sandbox, final String serviceName, final Manifest manifest,
        final String bundleDigest, final Meter meter)
    {
        this.kernel = kernel;
        this.sandbox = sandbox;
        this.serviceName = serviceName;
        this.manifest = manifest;
        this.bundleDigest = bundleDigest;
        this.meter = meter;
    }

    /**
     * Defines the entry class, runs its static initializer and constructor, and {@code init(context)}: the
     * service's first code, contained like every call after it.
     */
    void start(final ClassLoader loader, final SystemCalls context)
    {
        this.context = context;
        final Service instance;
        final int gauge = meter.begin();
        try
        {
            instance = Class.forName(manifest.entry(), true, loader).asSubclass(Service.class)
                .getConstructor().newInstance();
        }
        catch (final Throwable thrown)
        {
            crash("start", thrown);
            return;
        }
        finally
        {
            meter.end(gauge);
        }
        service = instance;
        final int initGauge = meter.begin();
        try
        {
            service.init(context);
        }
        catch (final Throwable thrown)
        {
            crash("init", thrown);
            return;
        }
        finally
        {
            meter.end(initGauge);
        }
        afterCall("init");
    }

    void published(final int endpointId, final int serviceId)
    {
        this.endpointId = endpointId;
        this.serviceId = serviceId;
    }

    /**
     * Pushes a configuration at run time. It must be newer than the current one: an older or equal version is
     * refused without calling the service, so configurations delivered out of order cannot undo a later one. What
     * the service accepts, {@link org.hicsim.core0.spi.ServiceContext#configuration()} answers from then on.
     * Traced, accepted or not.
     *
     * @return the service's code ({@link Status#OK} when applied), {@link Status#INVALID_ARGUMENT} for a version not
     * newer than {@link #configuration()}'s, or {@link #DEAD}.
     */
    public int configure(final Configuration configuration)
    {
        Objects.requireNonNull(configuration, "configuration");
        if (!sandbox.isAlive())
        {
            return DEAD;
        }
        int status = Status.INVALID_ARGUMENT;
        if (configuration.version() > context.configuration().version())
        {
            try
            {
                status = service.configure(configuration);
            }
            catch (final Throwable thrown)
            {
                return crash("configure", thrown);
            }
            if (afterCall("configure") != Status.OK)
            {
                return DEAD;
            }
        }
        if (status == Status.OK)
        {
            context.configuration(configuration);
        }
        kernel.simulation().trace().record("service.configure", "sandbox=" + sandbox.id() + " name=" + sandbox.name()
            + " version=" + configuration.version() + " status=" + Status.name(status)
            + " values=" + configuration.values());
        return status;
    }

    /** The configuration the instance runs with: what it started with, or the last one it accepted. */
    public Configuration configuration()
    {
        return context.configuration();
    }

    /**
     * @return {@link Status#OK} when the service ran and filled {@code reply} (whose own status says how the
     * request went), or {@link #DEAD}.
     */
    public int handle(final Message request, final Message reply)
    {
        if (!sandbox.isAlive())
        {
            return DEAD;
        }
        final int gauge = meter.begin();
        try
        {
            service.handle(request, reply);
        }
        catch (final Throwable thrown)
        {
            return crash("handle", thrown);
        }
        finally
        {
            meter.end(gauge);
        }
        return afterCall("handle");
    }

    /**
     * Serves a synchronous call that reached the instance's endpoint: the kernel-side server of
     * {@code ServiceContext.call}. A caller whose server is dead is told the call failed.
     *
     * @return {@link Rendezvous#SERVED}, or {@link #DEAD}.
     */
    int serve(final int callerSandboxId, final Message request, final Message reply)
    {
        return handle(request, reply) == Status.OK ? Rendezvous.SERVED : DEAD;
    }

    /**
     * The health probe. A dead instance's report says {@link Health#UNHEALTHY} with nothing in use.
     *
     * @return {@link Status#OK} or {@link #DEAD}.
     */
    public int probe(final HealthReport report)
    {
        if (!sandbox.isAlive())
        {
            report.clear().health(Health.UNHEALTHY);
            return DEAD;
        }
        final int gauge = meter.begin();
        try
        {
            service.probe(report.clear());
        }
        catch (final Throwable thrown)
        {
            report.clear().health(Health.UNHEALTHY);
            return crash("probe", thrown);
        }
        finally
        {
            meter.end(gauge);
        }
        final int status = afterCall("probe") == Status.OK ? census("probe") : DEAD;
        if (status == DEAD)
        {
            report.clear().health(Health.UNHEALTHY);
        }
        else
        {
            kernel.simulation().trace().record("service.heap", "sandbox=" + sandbox.id() + " heldBytes="
                + meter.heldBytes() + " allowanceBytes=" + meter.heapAllowanceBytes());
        }
        return status;
    }

    /**
     * Graceful shutdown: the service releases what it holds, then the sandbox is destroyed, and with it the
     * instance's endpoint, which leaves its version's replicas in the registry (the version's name goes with its
     * last replica, so the version can be loaded again).
     *
     * @return {@link Status#OK}, or {@link #DEAD} if it was dead or crashed in {@code shutdown} (its sandbox is
     * gone either way).
     */
    public int shutdown()
    {
        if (!sandbox.isAlive())
        {
            return DEAD;
        }
        final int gauge = meter.begin();
        try
        {
            service.shutdown();
        }
        catch (final Throwable thrown)
        {
            return crash("shutdown", thrown);
        }
        finally
        {
            meter.end(gauge);
        }
        final int status = afterCall("shutdown");
        if (status == Status.OK)
        {
            kernel.sandboxes().destroy(sandbox.id());
        }
        return status;
    }

    /**
     * @return the snapshot, or null when the service cannot write that state version or the instance is dead
     * ({@link #isAlive()} tells which).
     */
    public StateSnapshot exportState(final MigrationContext context)
    {
        if (!sandbox.isAlive())
        {
            return null;
        }
        final StateSnapshot snapshot;
        final int gauge = meter.begin();
        try
        {
            snapshot = service.exportState(context);
        }
        catch (final Throwable thrown)
        {
            crash("exportState", thrown);
            return null;
        }
        finally
        {
            meter.end(gauge);
        }
        if (afterCall("exportState") != Status.OK)
        {
            return null;
        }
        return snapshot != null && kernel.faults().fires(FaultPoint.EXPORT_CORRUPT)
            ? SnapshotCorruption.corrupt(snapshot, kernel.faults()) : snapshot;
    }

    /**
     * @return the service's code, or {@link #DEAD}.
     */
    public int importState(final StateSnapshot snapshot, final MigrationContext context)
    {
        if (!sandbox.isAlive())
        {
            return DEAD;
        }
        final int status;
        final int gauge = meter.begin();
        try
        {
            status = service.importState(snapshot, context);
        }
        catch (final Throwable thrown)
        {
            return crash("importState", thrown);
        }
        finally
        {
            meter.end(gauge);
        }
        return afterCall("importState") == Status.OK ? status : DEAD;
    }

    /**
     * Moves a connection to {@code target}. When the target refuses it, the capability the service transferred
     * with it (the connection's buffer region) comes back to this instance ({@link HandBackTarget}) and is handed
     * to the service as its own connection returning ({@link #activateConnection}); should the service refuse
     * that too, Core-0 deletes the capability, so nothing of a refused connection is left in either space.
     *
     * @param target where the connection goes, e.g. another instance's {@link #connectionTarget()}.
     * @return the service's code, or {@link #DEAD}.
     */
    public int migrateConnection(final long connectionId, final ConnectionTarget target)
    {
        Objects.requireNonNull(target, "target");
        if (!sandbox.isAlive())
        {
            return DEAD;
        }
        final HandBackTarget guarded = new HandBackTarget(kernel, sandbox.id(), target);
        final int status;
        final int gauge = meter.begin();
        try
        {
            status = service.migrateConnection(connectionId, guarded);
        }
        catch (final Throwable thrown)
        {
            return crash("migrateConnection", thrown);
        }
        finally
        {
            meter.end(gauge);
        }
        if (afterCall("migrateConnection") != Status.OK)
        {
            return DEAD;
        }
        for (final HandBackTarget.Returned back : guarded.returned())
        {
            final int taken = activateConnection(back.connectionId(), back.state(), back.state().length, back.handle());
            kernel.simulation().trace().record("service.handback.activate", "sandbox=" + sandbox.id()
                + " connection=" + back.connectionId() + " status=" + Status.name(taken));
            if (taken == DEAD)
            {
                return DEAD;
            }
            if (taken != Status.OK && kernel.capabilities().find(sandbox.id(), back.handle()) != null)
            {
                kernel.systemCalls(sandbox.id()).delete(back.handle());
            }
        }
        return status;
    }

    /**
     * Hands a connection to this instance. The state is copied into a buffer of this instance's own first, so
     * the service never holds the sender's array.
     *
     * @return the service's code, {@link Status#INVALID_ARGUMENT} if {@code state} is null or
     * {@code stateLength} is outside 0..{@link ConnectionState#LENGTH_MAX} or past the array, or {@link #DEAD}.
     */
    public int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        if (!sandbox.isAlive())
        {
            return DEAD;
        }
        if (state == null || stateLength < 0 || stateLength > ConnectionState.LENGTH_MAX || stateLength > state.length)
        {
            return Status.INVALID_ARGUMENT;
        }
        System.arraycopy(state, 0, connectionState, 0, stateLength);
        final int status;
        final int gauge = meter.begin();
        try
        {
            status = service.activateConnection(connectionId, connectionState, stateLength, bufferRegionHandle);
        }
        catch (final Throwable thrown)
        {
            return crash("activateConnection", thrown);
        }
        finally
        {
            meter.end(gauge);
        }
        return afterCall("activateConnection") == Status.OK ? status : DEAD;
    }

    /**
     * One {@code prepare_migration(level)} question.
     *
     * @return whether the service says it is quiescent at {@code level}; false when dead.
     */
    public boolean prepareMigration(final Quiescence level)
    {
        if (!sandbox.isAlive())
        {
            return false;
        }
        final boolean ready;
        final int gauge = meter.begin();
        try
        {
            ready = service.prepareMigration(level);
        }
        catch (final Throwable thrown)
        {
            crash("prepareMigration", thrown);
            return false;
        }
        finally
        {
            meter.end(gauge);
        }
        return afterCall("prepareMigration") == Status.OK && ready;
    }

    /**
     * Waits, in virtual time, for the service to reach a quiescent point, the consistency point its next
     * {@link #exportState} takes the snapshot at: asks {@code prepare_migration(level)}
     * now and every {@code pollIntervalNs} after, up to and including {@code deadlineNs}; if it has not answered
     * ready by then, calls {@code abort_migration}, so it goes on serving as if the update never began. The
     * callback is told the outcome once, from the event loop.
     *
     * @param deadlineNs     virtual time, not before now.
     * @param pollIntervalNs positive.
     * @throws IllegalStateException if a wait on this instance is under way already.
     */
    public void prepareMigration(
        final Quiescence level, final long deadlineNs, final long pollIntervalNs, final QuiescenceCallback callback)
    {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(callback, "callback");
        final long nowNs = kernel.simulation().nowNs();
        if (deadlineNs < nowNs || pollIntervalNs <= 0)
        {
            throw new IllegalArgumentException("deadlineNs=" + deadlineNs + " nowNs=" + nowNs
                + " pollIntervalNs=" + pollIntervalNs + ": the deadline must not be past, the interval positive");
        }
        if (quiescence != null)
        {
            throw new IllegalStateException("sandbox=" + sandbox.name() + " is already waiting for quiescence");
        }
        quiescence = new QuiescencePoll(this, kernel.simulation(), level, deadlineNs, pollIntervalNs, callback);
        quiescence.start();
    }

    void quiescenceEnded(final QuiescencePoll poll)
    {
        if (quiescence == poll)
        {
            quiescence = null;
        }
    }

    /**
     * @return {@link Status#OK} or {@link #DEAD}.
     */
    public int completeMigration()
    {
        if (!sandbox.isAlive())
        {
            return DEAD;
        }
        final int gauge = meter.begin();
        try
        {
            service.completeMigration();
        }
        catch (final Throwable thrown)
        {
            return crash("completeMigration", thrown);
        }
        finally
        {
            meter.end(gauge);
        }
        return afterCall("completeMigration");
    }

    /**
     * @return {@link Status#OK} or {@link #DEAD}.
     */
    public int abortMigration()
    {
        if (!sandbox.isAlive())
        {
            return DEAD;
        }
        final int gauge = meter.begin();
        try
        {
            service.abortMigration();
        }
        catch (final Throwable thrown)
        {
            return crash("abortMigration", thrown);
        }
        finally
        {
            meter.end(gauge);
        }
        return afterCall("abortMigration");
    }

    /**
     * Where another instance's {@code migrate_connection} delivers a connection to this one.
     */
    public ConnectionTarget connectionTarget()
    {
        return new InstanceConnectionTarget(this);
    }

    public boolean isAlive()
    {
        return sandbox.isAlive();
    }

    public int sandboxId()
    {
        return sandbox.id();
    }

    public String sandboxName()
    {
        return sandbox.name();
    }

    /** Why the sandbox died, or null while it lives. */
    public String terminationReason()
    {
        return sandbox.terminationReason();
    }

    /**
     * The digest of the bundle this instance was loaded from ({@code Bundle.digestHex()}): what tells two builds
     * that claim the same version apart.
     */
    public String bundleDigest()
    {
        return bundleDigest;
    }

    /** The instance's own identity, drawn from the run's seed when its sandbox was made. */
    public UUID uuid()
    {
        return sandbox.uuid();
    }

    /** What Core-0 has counted for this instance: requests, errors, latency, CPU, memory. */
    public InstanceMetrics metrics()
    {
        return sandbox.metrics();
    }

    public Manifest manifest()
    {
        return manifest;
    }

    /** The service it runs as: its module's name unless it was installed under another. */
    public String name()
    {
        return serviceName;
    }

    public SemanticVersion version()
    {
        return manifest.version();
    }

    /** The migration protocol versions the service speaks, ascending; empty if it cannot migrate. */
    public List<ProtocolVersion> protocols()
    {
        return manifest.migration().map(Migration::protocols).orElse(List.of());
    }

    /** Its state structure version, or {@link #NO_STATE_VERSION}. */
    public int stateVersion()
    {
        return manifest.migration().map(Migration::stateVersion).orElse(NO_STATE_VERSION);
    }

    /** The instance's endpoint, or {@link EndpointTable#NULL_ID} if it never served (it crashed on start). */
    public int endpointId()
    {
        return endpointId;
    }

    /** The registry's id of its service interface, or {@link ServiceRegistry#NO_SERVICE} if never registered. */
    public int serviceId()
    {
        return serviceId;
    }

    @Override
    public String toString()
    {
        return "ServiceInstance{" + manifest.name() + " " + manifest.version() + " sandbox=" + sandbox.id()
            + " " + sandbox.name() + (sandbox.isAlive() ? "" : " dead") + "}";
    }

    /** JVM heap the service held at the last census ({@link HeapCensus}), by the heap model. */
    public long heapHeldBytes()
    {
        return meter.heldBytes();
    }

    /** The most JVM heap the service may hold: its sandbox's memory quota, in the heap model's bytes. */
    public long heapAllowanceBytes()
    {
        return meter.heapAllowanceBytes();
    }

    /** Fuel each call into the service gets ({@link Meter}). */
    public long fuelPerCall()
    {
        return meter.fuelPerCall();
    }

    /**
     * A call returned, but the sandbox may have died in it (a page fault the service caught and swallowed), or
     * its meter stopped in JDK code that swallowed the stop; or it may have allocated enough that the census is
     * due.
     */
    private int afterCall(final String method)
    {
        if (!sandbox.isAlive())
        {
            trace(method, "none");
            return DEAD;
        }
        if (meter.isStopped())
        {
            return crash(method, meter.stop());
        }
        return meter.isIdle() && meter.isCensusDue() ? census(method) : Status.OK;
    }

    /**
     * Counts what the service holds; over its allowance, that is a crash of the call that left it so. The census
     * may run the service's own code (a JDK wrapper around its collection), so it is metered like a call.
     */
    private int census(final String method)
    {
        final long held;
        final int gauge = meter.begin();
        try
        {
            held = HeapCensus.measure(service, meter.initializedClasses(), meter);
        }
        catch (final Throwable thrown)
        {
            return crash(method, thrown);
        }
        finally
        {
            meter.end(gauge);
        }
        if (meter.censusTaken(held))
        {
            return Status.OK;
        }
        kernel.sandboxes().kill(sandbox.id(), "crash: " + method + " left it holding " + held
            + " bytes of heap, over its allowance of " + meter.heapAllowanceBytes());
        trace(method, MeterStop.Kind.HEAP.traceName());
        return DEAD;
    }

    /**
     * Kills the sandbox unless Core-0 already did (a page fault). Only the thrown object's class name is read:
     * any other method of it could be the service's code, running outside the boundary. A stop of the meter is
     * told by its kind and reason, which are the host's.
     */
    private int crash(final String method, final Throwable thrown)
    {
        final Throwable cause = unwrapped(thrown);
        final MeterStop stop = cause instanceof MeterStop ? (MeterStop)cause : meter.stop();
        final String thrownName = stop != null ? stop.kind().traceName() : cause.getClass().getName();
        if (sandbox.isAlive())
        {
            kernel.sandboxes().kill(sandbox.id(), stop != null
                ? "crash: " + method + " stopped: " + stop.getMessage()
                : "crash: " + method + " threw " + thrownName);
        }
        trace(method, thrownName);
        return DEAD;
    }

    private void trace(final String method, final String thrownClass)
    {
        kernel.simulation().trace().record("service.crash", "sandbox=" + sandbox.id() + " name=" + sandbox.name()
            + " method=" + method + " thrown=" + thrownClass);
    }

    /**
     * Reflection and class initialization wrap what the service threw; the cause is what it did. The wrappers
     * are the JDK's (a module may not name them), so asking them for the cause runs no service code.
     */
    private static Throwable unwrapped(final Throwable thrown)
    {
        final boolean wrapped =
            thrown instanceof InvocationTargetException || thrown instanceof ExceptionInInitializerError;
        final Throwable cause = wrapped ? thrown.getCause() : null;
        return cause != null ? cause : thrown;
    }
}
