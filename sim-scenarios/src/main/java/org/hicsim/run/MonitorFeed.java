package org.hicsim.run;

import java.util.TreeMap;
import java.util.function.Supplier;

import org.hicsim.host.ServiceInstance;
import org.hicsim.mm.ModuleManager;
import org.hicsim.monitor.service.MonitorService;

/**
 * How the Monitor learns of updates: the Module Manager's update records, as its trace lines carry them
 * ({@code mm.instance}, {@code mm.point-of-no-return}, {@code mm.wave}, {@code mm.paused} for approval,
 * {@code mm.update.end}, {@code mm.restart}), relayed to the Monitor service, which acts on each from the event
 * loop. The Module Manager offers no subscription on its endpoint yet; this relay is the simplest honest stand-in
 * for one (docs/architecture.md).
 */
final class MonitorFeed
{
    private final Supplier<ModuleManager> manager;
    private final Supplier<MonitorService> monitor;
    private final TreeMap<String, Integer> waves = new TreeMap<>();
    private final TreeMap<String, Integer> newInstances = new TreeMap<>();

    MonitorFeed(final Supplier<ModuleManager> manager, final Supplier<MonitorService> monitor)
    {
        this.manager = manager;
        this.monitor = monitor;
    }

    /** One trace line: {@code t=<ns> <kind> <detail>}. */
    void accept(final String line)
    {
        final int kindStart = line.indexOf(' ') + 1;
        if (!line.startsWith("mm.", kindStart) || monitor.get() == null)
        {
            return;
        }
        final int kindEnd = line.indexOf(' ', kindStart);
        final String kind = kindEnd < 0 ? line.substring(kindStart) : line.substring(kindStart, kindEnd);
        final String service = field(line, "service");
        if (service == null)
        {
            return;
        }
        final MonitorService target = monitor.get();
        switch (kind)
        {
            case "mm.instance" ->
            {
                final int newInstance = Integer.parseInt(field(line, "sandbox"));
                final ServiceInstance old = manager.get().instance(service);
                newInstances.put(service, newInstance);
                waves.put(service, 0);
                target.updateStarted(service, old == null ? -1 : old.sandboxId(), newInstance);
            }
            case "mm.point-of-no-return" -> target.serving(service);
            case "mm.wave" -> target.wave(service, waves.merge(service, 1, Integer::sum));
            case "mm.paused" ->
            {
                if ("approval".equals(field(line, "waiting")))
                {
                    target.held(service);
                }
            }
            case "mm.update.end" ->
            {
                final boolean committed = "completed".equals(field(line, "outcome"));
                target.updateEnded(service, committed);
                final Integer newInstance = newInstances.remove(service);
                if (committed && newInstance != null)
                {
                    target.serviceRunning(service, newInstance);
                }
            }
            case "mm.restart" -> target.serviceRunning(service, Integer.parseInt(field(line, "sandbox")));
            default ->
            {
            }
        }
    }

    private static String field(final String line, final String name)
    {
        final String key = " " + name + "=";
        final int start = line.indexOf(key);
        if (start < 0)
        {
            return null;
        }
        final int valueStart = start + key.length();
        final int end = line.indexOf(' ', valueStart);
        return end < 0 ? line.substring(valueStart) : line.substring(valueStart, end);
    }
}
