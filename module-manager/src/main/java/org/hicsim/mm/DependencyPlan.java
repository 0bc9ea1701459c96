package org.hicsim.mm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.VersionConstraint;

/**
 * HIC step 1.2's dependency resolution: the graph from the new version's manifest through each dependency the
 * update would run with, and the order of the dependency updates it needs (each one before whatever depends on
 * it). A dependency is satisfied by its installed version if the constraint allows it, else by the highest
 * version in the repository that does (faulty builds are never chosen on their own); none is an unsatisfiable
 * constraint. A path that comes back to a module on it is a cycle. Both are refused before any sandbox exists.
 */
final class DependencyPlan
{
    /** A dependency to update first: the service, and the repository bundle to update it to. */
    record Update(String service, String stem)
    {
    }

    private final List<Update> updates = new ArrayList<>();
    private Refusal refusal;
    private String detail = "";

    private DependencyPlan()
    {
    }

    static DependencyPlan resolve(final ModuleManager manager, final Manifest target)
    {
        final TreeMap<String, Manifest> installed = new TreeMap<>();
        manager.services().forEach((name, record) -> installed.put(name, record.current().manifest()));
        final TreeMap<String, Manifest> available = new TreeMap<>();
        for (final String stem : manager.repository().stems())
        {
            final Manifest manifest = readable(manager, stem);
            if (manifest != null && manifest.fault().isEmpty())
            {
                available.put(stem, manifest);
            }
        }
        return resolve(target, installed, available);
    }

    /**
     * @param installed the manifest each installed service runs, by service name.
     * @param available the repository's bundles, by stem.
     */
    static DependencyPlan resolve(
        final Manifest target, final Map<String, Manifest> installed, final NavigableMap<String, Manifest> available)
    {
        final DependencyPlan plan = new DependencyPlan();
        plan.visit(target, installed, available, new ArrayDeque<>(), new TreeSet<>());
        return plan;
    }

    /** A repository bundle's manifest, or null for a malformed bundle, which is never chosen. */
    static Manifest readable(final ModuleManager manager, final String stem)
    {
        try
        {
            return manager.peek(stem);
        }
        catch (final InstallException malformed)
        {
            return null;
        }
    }

    /** Dependency updates, dependencies first; empty when every constraint is met by what is installed. */
    List<Update> updates()
    {
        return updates;
    }

    /** Why the graph cannot be satisfied, or null. */
    Refusal refusal()
    {
        return refusal;
    }

    String detail()
    {
        return detail;
    }

    private void visit(
        final Manifest manifest,
        final Map<String, Manifest> installed,
        final NavigableMap<String, Manifest> available,
        final Deque<String> path,
        final TreeSet<String> done)
    {
        path.addLast(manifest.name());
        for (final Map.Entry<String, VersionConstraint> dependency : manifest.dependencies().entrySet())
        {
            if (refusal != null)
            {
                return;
            }
            final String name = dependency.getKey();
            if (path.contains(name))
            {
                refusal = Refusal.DEPENDENCY_CYCLE;
                detail = String.join(" -> ", path) + " -> " + name;
                return;
            }
            if (done.contains(name))
            {
                continue;
            }
            final Manifest running = installed.get(name);
            if (running == null)
            {
                refusal = Refusal.UNSATISFIABLE_DEPENDENCY;
                detail = manifest.name() + " needs " + name + " " + dependency.getValue() + ", which is not installed";
                return;
            }
            Manifest chosen = running;
            String stem = null;
            if (!dependency.getValue().matches(running.version()))
            {
                stem = highest(name, dependency.getValue(), available);
                if (stem == null)
                {
                    refusal = Refusal.UNSATISFIABLE_DEPENDENCY;
                    detail = manifest.name() + " needs " + name + " " + dependency.getValue() + "; installed "
                        + running.version() + ", and no version in the repository satisfies it";
                    return;
                }
                chosen = available.get(stem);
            }
            visit(chosen, installed, available, path, done);
            done.add(name);
            if (stem != null && refusal == null)
            {
                updates.add(new Update(name, stem));
            }
        }
        path.removeLast();
    }

    private static String highest(
        final String name, final VersionConstraint constraint, final NavigableMap<String, Manifest> available)
    {
        String best = null;
        for (final Map.Entry<String, Manifest> candidate : available.entrySet())
        {
            final Manifest manifest = candidate.getValue();
            if (manifest.name().equals(name) && constraint.matches(manifest.version())
                && (best == null || manifest.version().compareTo(available.get(best).version()) > 0))
            {
                best = candidate.getKey();
            }
        }
        return best;
    }
}
