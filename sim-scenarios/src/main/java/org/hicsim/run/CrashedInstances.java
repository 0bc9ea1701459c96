package org.hicsim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.sandbox.SandboxListener;
import org.hicsim.core0.sandbox.SandboxManager;
import org.hicsim.host.ServiceInstance;
import org.hicsim.mm.InstallException;
import org.hicsim.mm.ModuleManager;
import org.hicsim.scenario.PolicyKey;
import org.hicsim.scenario.Scenario;

/**
 * What becomes of a service's default instance that dies of anything but a graceful shutdown while no update of
 * it is in progress (docs/scenario-format.md, "Crashed instances"): its connections are lost (closed in Core-0's
 * dispatcher, so that their next request finds no connection and their clients open them again on the service's
 * default instance), and, when the policy in force for the service then says {@code restart_on_crash}, the Module
 * Manager loads it again from its bundle {@link PolicyKey#RESTART_INTERVAL_NS} later; each service at most
 * {@link PolicyKey#RESTART_ATTEMPTS_MAX} times over a run (a restart that crashes on start is one). The restarted
 * instance starts empty. An instance of an update in progress is the Module Manager's business (HIC 4.1).
 */
final class CrashedInstances implements SandboxListener
{
    private final Kernel kernel;
    private final Scenario scenario;
    private final Supplier<ModuleManager> manager;
    private final boolean restartsByMonitor;
    private final Map<String, Integer> attempts = new TreeMap<>();
    /** A restart is loading an instance: its crash on start is told by the restart, not by Core-0. */
    private boolean restarting;

    /**
     * @param manager           the Module Manager that serves now (a restarted one replaces a killed one).
     * @param restartsByMonitor the scenario runs the Monitor, whose supervision restarts crashed services
     *                          (MonitorService): the runner then only closes the dead instance's connections.
     */
    CrashedInstances(final Kernel kernel, final Scenario scenario, final Supplier<ModuleManager> manager,
        final boolean restartsByMonitor)
    {
        this.restartsByMonitor = restartsByMonitor;
        this.kernel = kernel;
        this.scenario = scenario;
        this.manager = manager;
    }

    @Override
    public void onTerminated(final int sandboxId, final String name, final String reason)
    {
        if (restarting || SandboxManager.DESTROYED.equals(reason))
        {
            return;
        }
        final String service = defaultServiceOf(sandboxId);
        if (service == null || manager.get().isUpdating(service))
        {
            return;
        }
        closeConnections(manager.get().instance(service));
        if (restartsByMonitor || !scenario.policyInForce(service, kernel.simulation().nowNs()).restartOnCrash().orElse(false))
        {
            return;
        }
        final int attempt = attempts.merge(service, 1, Integer::sum);
        if (attempt > PolicyKey.RESTART_ATTEMPTS_MAX)
        {
            kernel.simulation().trace().record("run.restart.exhausted", "service=" + service + " attempts="
                + PolicyKey.RESTART_ATTEMPTS_MAX);
            return;
        }
        kernel.simulation().trace().record("run.restart.scheduled", "service=" + service + " attempt=" + attempt
            + " after=" + PolicyKey.RESTART_INTERVAL_NS);
        kernel.simulation().scheduleAt(kernel.simulation().nowNs() + PolicyKey.RESTART_INTERVAL_NS,
            arg -> restart(service), 0);
    }

    private void restart(final String service)
    {
        final ServiceInstance restarted;
        restarting = true;
        try
        {
            restarted = manager.get().restart(service);
        }
        catch (final InstallException refused)
        {
            kernel.simulation().trace().record("run.restart.refused", "service=" + service + " reason="
                + refused.getMessage().replace(' ', '_'));
            return;
        }
        finally
        {
            restarting = false;
        }
        if (restarted != null && !restarted.isAlive())
        {
            onTerminated(restarted.sandboxId(), service, restarted.terminationReason());
        }
    }

    /** Every connection the dead instance owned is gone; the clients find out on their next request. */
    private void closeConnections(final ServiceInstance dead)
    {
        final ServiceConnections table = kernel.dispatcher().connections(dead.serviceId());
        if (table == null)
        {
            return;
        }
        final List<Long> owned = new ArrayList<>();
        table.forEach(connectionId ->
        {
            if (table.owner(connectionId) == dead.endpointId())
            {
                owned.add(connectionId);
            }
        });
        owned.forEach(connectionId -> kernel.dispatcher().close(dead.serviceId(), connectionId));
        kernel.simulation().trace().record("run.crash.connections-lost", "service=" + dead.name() + " connections="
            + owned.size());
    }

    /** The service whose default instance has that sandbox, or null. */
    private String defaultServiceOf(final int sandboxId)
    {
        final ModuleManager current = manager.get();
        for (final String service : current.versions().keySet())
        {
            final ServiceInstance instance = current.instance(service);
            if (instance != null && instance.sandboxId() == sandboxId)
            {
                return service;
            }
        }
        return null;
    }
}
